using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Monime.Portal.Payouts;
using Monime.Portal.Resources;

namespace Monime.Portal.Data;

internal sealed class PayoutConfiguration : IEntityTypeConfiguration<Payout>
{
    public void Configure(EntityTypeBuilder<Payout> builder)
    {
        builder.ToTable("Payouts");
        builder.ConfigureResource();
        builder.ConfigureMetadata(p => p.Metadata);
        builder.ConfigureMoney(p => p.Amount);
        builder.Property(p => p.Status).HasMaxLength(16);
        builder.Property(p => p.SourceFinancialAccountId).HasMaxLength(ResourceIds.MaxLength);
        builder.Property(p => p.SourceTransactionReference).HasMaxLength(64);
        builder.Property(p => p.DestinationType).HasMaxLength(16);
        builder.Property(p => p.DestinationProviderId).HasMaxLength(16);
        builder.Property(p => p.DestinationAccountNumber).HasMaxLength(64);
        builder.Property(p => p.DestinationPhoneNumber).HasMaxLength(16);
        builder.Property(p => p.DestinationWalletId).HasMaxLength(64);
        builder.Property(p => p.FailureCode).HasMaxLength(64);
        builder.Property(p => p.FailureMessage).HasMaxLength(500);
        builder.Property(p => p.Version).IsRowVersion();
    }
}
