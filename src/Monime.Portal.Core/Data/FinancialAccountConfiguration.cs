using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Monime.Portal.FinancialAccounts;
using Monime.Portal.Resources;

namespace Monime.Portal.Data;

internal sealed class FinancialAccountConfiguration : IEntityTypeConfiguration<FinancialAccount>
{
    public void Configure(EntityTypeBuilder<FinancialAccount> builder)
    {
        builder.ToTable("FinancialAccounts");
        builder.ConfigureResource();
        builder.ConfigureMetadata(a => a.Metadata);
        builder.Property(a => a.Uvan).HasMaxLength(20);
        builder.Property(a => a.Name).HasMaxLength(ResourceValidation.MaxNameLength);
        builder.Property(a => a.Currency).HasMaxLength(3);
        builder.Property(a => a.Reference).HasMaxLength(ResourceValidation.MaxReferenceLength);
        builder.Property(a => a.Description).HasMaxLength(ResourceValidation.MaxDescriptionLength);
    }
}
