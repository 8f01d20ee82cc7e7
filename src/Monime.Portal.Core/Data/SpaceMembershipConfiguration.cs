using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Monime.Portal.Accounts;
using Monime.Portal.Audit;
using Monime.Portal.Spaces;
using Monime.Portal.Tokens;
using Monime.Portal.Usage;

namespace Monime.Portal.Data;

internal sealed class SpaceMembershipConfiguration : IEntityTypeConfiguration<SpaceMembership>
{
    public void Configure(EntityTypeBuilder<SpaceMembership> builder)
    {
        builder.HasKey(m => new { m.SpaceId, m.MonimeerId });
        builder.HasIndex(m => m.MonimeerId);
        builder.HasOne(m => m.Space).WithMany(s => s.Memberships).HasForeignKey(m => m.SpaceId);
        builder.HasOne(m => m.Monimeer).WithMany().HasForeignKey(m => m.MonimeerId);
        builder.Property(m => m.Role).HasConversion<string>().HasMaxLength(20);
    }
}
