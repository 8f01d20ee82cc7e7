using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Monime.Portal.Accounts;
using Monime.Portal.Audit;
using Monime.Portal.Spaces;
using Monime.Portal.Tokens;
using Monime.Portal.Usage;

namespace Monime.Portal.Data;

internal sealed class TokenUsageBucketConfiguration : IEntityTypeConfiguration<TokenUsageBucket>
{
    public void Configure(EntityTypeBuilder<TokenUsageBucket> builder)
    {
        builder.HasKey(b => new { b.TokenId, b.HourStart, b.Endpoint, b.StatusCode });
        builder.Property(b => b.Endpoint).HasMaxLength(100);
    }
}
