using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Monime.Portal.Notifications;

namespace Monime.Portal.Data;

internal sealed class ExpiryNoticeConfiguration : IEntityTypeConfiguration<ExpiryNotice>
{
    public void Configure(EntityTypeBuilder<ExpiryNotice> builder)
    {
        // The key is the "once per token and threshold" rule: a second notifier instance loses the insert race.
        builder.HasKey(n => new { n.TokenId, n.Threshold });
        builder.Property(n => n.Threshold).HasMaxLength(8);
        builder.HasOne<Tokens.AccessToken>().WithMany().HasForeignKey(n => n.TokenId).OnDelete(DeleteBehavior.Cascade);
    }
}
