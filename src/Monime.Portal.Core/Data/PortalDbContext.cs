using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Monime.Portal.Accounts;
using Monime.Portal.Audit;
using Monime.Portal.Spaces;
using Monime.Portal.Tokens;
using Monime.Portal.Usage;

namespace Monime.Portal.Data;

public sealed class PortalDbContext(DbContextOptions<PortalDbContext> options)
    : IdentityDbContext<Monimeer>(options), IDataProtectionKeyContext
{
    public DbSet<Organization> Organizations => Set<Organization>();

    public DbSet<Space> Spaces => Set<Space>();

    public DbSet<SpaceMembership> SpaceMemberships => Set<SpaceMembership>();

    public DbSet<AccessToken> AccessTokens => Set<AccessToken>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<TokenUsageBucket> TokenUsageBuckets => Set<TokenUsageBucket>();

    public DbSet<TokenRequestRecord> TokenRequestRecords => Set<TokenRequestRecord>();

    public DbSet<TokenIp> TokenIps => Set<TokenIp>();

    public DbSet<Api.IdempotencyRecord> IdempotencyRecords => Set<Api.IdempotencyRecord>();

    // Shared by every instance, so a cookie or antiforgery token minted by one is read by the others.
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
    }
}
