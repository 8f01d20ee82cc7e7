using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Monime.Portal.Usage;

namespace Monime.Portal.Data;

internal sealed class TokenIpConfiguration : IEntityTypeConfiguration<TokenIp>
{
    public void Configure(EntityTypeBuilder<TokenIp> builder)
    {
        builder.HasKey(i => new { i.TokenId, i.Ip });
        builder.Property(i => i.Ip).HasMaxLength(64);
    }
}
