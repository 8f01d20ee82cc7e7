using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Monime.Portal.Accounts;
using Monime.Portal.Audit;
using Monime.Portal.Customers;
using Monime.Portal.FinancialAccounts;
using Monime.Portal.PaymentCodes;
using Monime.Portal.Payments;
using Monime.Portal.Payouts;
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

    public DbSet<Notifications.ExpiryNotice> ExpiryNotices => Set<Notifications.ExpiryNotice>();

    public DbSet<Api.IdempotencyRecord> IdempotencyRecords => Set<Api.IdempotencyRecord>();

    public DbSet<FinancialAccount> FinancialAccounts => Set<FinancialAccount>();

    public DbSet<PaymentCode> PaymentCodes => Set<PaymentCode>();

    public DbSet<Payment> Payments => Set<Payment>();

    public DbSet<Payout> Payouts => Set<Payout>();

    public DbSet<Customer> Customers => Set<Customer>();

    // Shared by every instance, so a cookie or antiforgery token minted by one is read by the others.
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
    }
}
