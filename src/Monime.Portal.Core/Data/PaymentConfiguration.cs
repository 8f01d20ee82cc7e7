using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Monime.Portal.Payments;
using Monime.Portal.Resources;

namespace Monime.Portal.Data;

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.ToTable("Payments");
        builder.ConfigureResource();
        builder.ConfigureMetadata(p => p.Metadata);
        builder.ConfigureMoney(p => p.Amount);
        builder.Property(p => p.Status).HasMaxLength(16);
        builder.Property(p => p.ChannelType).HasMaxLength(16);
        builder.Property(p => p.ChannelProvider).HasMaxLength(16);
        builder.Property(p => p.ChannelPhoneNumber).HasMaxLength(16);
        builder.Property(p => p.Name).HasMaxLength(ResourceValidation.MaxNameLength);
        builder.Property(p => p.Reference).HasMaxLength(ResourceValidation.MaxReferenceLength);
        builder.Property(p => p.FinancialAccountId).HasMaxLength(ResourceIds.MaxLength);
        builder.Property(p => p.FinancialTransactionReference).HasMaxLength(64);
        builder.Property(p => p.PaymentCodeId).HasMaxLength(ResourceIds.MaxLength);
    }
}
