using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Monime.Portal.Accounts;
using Monime.Portal.Audit;
using Monime.Portal.Spaces;
using Monime.Portal.Tokens;
using Monime.Portal.Usage;

namespace Monime.Portal.Data;

internal sealed class TokenRequestRecordConfiguration : IEntityTypeConfiguration<TokenRequestRecord>
{
    public void Configure(EntityTypeBuilder<TokenRequestRecord> builder)
    {
        builder.Property(r => r.Method).HasMaxLength(10);
        builder.Property(r => r.Endpoint).HasMaxLength(100);
        builder.Property(r => r.Ip).HasMaxLength(64);
        builder.Property(r => r.RequestId).HasMaxLength(64);
        builder.Property(r => r.SpaceId).HasMaxLength(64);
        builder.Property(r => r.Reason).HasMaxLength(40);
        builder.HasIndex(r => new { r.TokenId, r.OccurredAt });
    }
}
