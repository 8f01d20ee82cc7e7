using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Monime.Portal.PaymentCodes;
using Monime.Portal.Resources;

namespace Monime.Portal.Data;

internal sealed class PaymentCodeConfiguration : IEntityTypeConfiguration<PaymentCode>
{
    public void Configure(EntityTypeBuilder<PaymentCode> builder)
    {
        builder.ToTable("PaymentCodes");
        builder.ConfigureResource();
        builder.ConfigureMetadata(c => c.Metadata);
        builder.ConfigureMoney(c => c.Amount);
        builder.Property(c => c.UsageMode).HasMaxLength(16);
        builder.Property(c => c.Status).HasMaxLength(16);
        builder.Property(c => c.Name).HasMaxLength(ResourceValidation.MaxNameLength);
        builder.Property(c => c.CustomerName).HasMaxLength(ResourceValidation.MaxNameLength);
        builder.Property(c => c.UssdCode).HasMaxLength(32);
        builder.Property(c => c.Reference).HasMaxLength(ResourceValidation.MaxReferenceLength);
        builder.Property(c => c.AuthorizedPhoneNumber).HasMaxLength(16);
        builder.Property(c => c.FinancialAccountId).HasMaxLength(ResourceIds.MaxLength);
        builder.Property(c => c.LastPaymentId).HasMaxLength(ResourceIds.MaxLength);
        builder.Property(c => c.LastTransactionReference).HasMaxLength(64);
        builder.Property(c => c.Version).IsRowVersion();
    }
}
