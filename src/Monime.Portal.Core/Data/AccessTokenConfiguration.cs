using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Monime.Portal.Accounts;
using Monime.Portal.Audit;
using Monime.Portal.Spaces;
using Monime.Portal.Tokens;
using Monime.Portal.Usage;

namespace Monime.Portal.Data;

internal sealed class AccessTokenConfiguration : IEntityTypeConfiguration<AccessToken>
{
    /// <summary>
    /// Wider than <see cref="TokenFormat.LookupLength"/>: rows issued under the earlier 8-character layout stay
    /// listable and revocable (their tokens no longer parse), and narrowing the column would fail on them.
    /// </summary>
    internal const int LookupColumnLength = 8;

    public void Configure(EntityTypeBuilder<AccessToken> builder)
    {
        builder.Property(t => t.LookupId).HasMaxLength(LookupColumnLength);
        builder.HasIndex(t => t.LookupId).IsUnique();
        builder.Property(t => t.SecretHash).HasMaxLength(200);
        builder.Property(t => t.Name).HasMaxLength(TokenRules.MaxNameLength);
        builder.Property(t => t.Mode).HasConversion<string>().HasMaxLength(10);
        builder.Property(t => t.ApiRelease).HasMaxLength(40);
        builder.Property(t => t.WhitelistedSpaceId).HasMaxLength(64);
        builder.Property(t => t.LastUsedIp).HasMaxLength(64);
        builder.Property(t => t.RevocationReason).HasMaxLength(TokenRules.MaxReasonLength);
        builder.HasOne(t => t.Owner).WithMany().HasForeignKey(t => t.OwnerId);
        builder.Ignore(t => t.Masked);
        builder.Property(t => t.Version).IsRowVersion();

        // Lists page by (owner, created) and the admin view by (organisation, created), newest first.
        builder.HasIndex(t => new { t.OwnerId, t.CreatedAt, t.Id });
        builder.HasIndex(t => new { t.OrganizationId, t.CreatedAt, t.Id });
        builder.HasIndex(t => new { t.OwnerId, t.CreationNonce }).IsUnique();
    }
}
