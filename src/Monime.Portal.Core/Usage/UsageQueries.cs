using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Monime.Portal.Accounts;
using Monime.Portal.Data;
using Monime.Portal.Tokens;

namespace Monime.Portal.Usage;

/// <summary>
/// Reads the stored usage. Every query starts from the tokens the actor may see: a developer their own, admins
/// and ops every token of their organisation; an id from the client never widens that set.
/// </summary>
public sealed class UsageQueries(PortalDbContext db, TimeProvider clock, ILogger<UsageQueries> logger)
{
    private const int RecentRequestCount = 50;
    private const int RecentRefusalCount = 20;
    private const int TopCount = 10;
    private const int UnusedShown = 20;

    /// <summary>One token's usage, or null when there is no such token or the actor may not see it.</summary>
    public async Task<TokenUsageView?> ForTokenAsync(
        PortalActor actor, Guid tokenId, UsagePeriod period, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var token = await VisibleTokens(actor).AsNoTracking()
            .Where(t => t.Id == tokenId)
            .Select(t => new
            {
                t.Id,
                t.Name,
                t.Mode,
                t.LookupId,
                t.RevokedAt,
                t.ExpiresAt,
                OwnerEmail = t.Owner!.Email,
                t.LastUsedAt,
                t.LastUsedIp,
                t.RecentIps,
                t.NewIpSeenAt,
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (token is null)
        {
            return null;
        }

        var window = UsageWindow.For(period, now);
        var buckets = await db.TokenUsageBuckets.AsNoTracking()
            .Where(b => b.TokenId == tokenId && b.HourStart >= window.From)
            .Select(b => new { b.HourStart, b.Endpoint, b.StatusCode, b.Calls })
            .ToListAsync(cancellationToken);
        var requests = await RecentAsync(tokenId, refusalsOnly: false, RecentRequestCount, cancellationToken);
        var refusals = await RecentAsync(tokenId, refusalsOnly: true, RecentRefusalCount, cancellationToken);

        var series = window.Fill(buckets.Select(b => (b.HourStart, b.Calls, ErrorCalls(b.StatusCode, b.Calls))));
        var endpoints = buckets.GroupBy(b => b.Endpoint)
            .Select(g => new EndpointUsage(g.Key, g.Sum(b => b.Calls), g.Sum(b => ErrorCalls(b.StatusCode, b.Calls))))
            .OrderByDescending(e => e.Calls).ThenBy(e => e.Endpoint, StringComparer.Ordinal)
            .ToList();
        var status = TokenStatusOf(token.RevokedAt, token.ExpiresAt, now);
        UsageLog.TokenUsageRead(logger, tokenId, actor.UserId);
        return new TokenUsageView(
            token.Id, token.Name, TokenFormat.Mask(token.Mode, token.LookupId), token.Mode, status,
            token.OwnerEmail ?? "", window, buckets.Sum(b => b.Calls), series.Sum(p => p.Errors), series, endpoints,
            StatusClasses(buckets.Select(b => (b.StatusCode, b.Calls))), token.LastUsedAt, token.LastUsedIp,
            token.RecentIps, token.NewIpSeenAt, requests, refusals);
    }

    /// <summary>How far back the least-privilege view looks for the permissions a token used.</summary>
    public static readonly TimeSpan LeastPrivilegeWindow = TimeSpan.FromDays(30);

    /// <summary>
    /// The permissions a token used: those of the endpoints it called successfully (2xx) within
    /// <see cref="LeastPrivilegeWindow"/>. <paramref name="permissionByEndpoint"/> maps usage names such as
    /// <c>GET /v1/payments/{id}</c> to the permission the API demands; it comes from the web app's routing.
    /// </summary>
    public async Task<PermissionUsage> PermissionUsageAsync(
        AccessToken token, IReadOnlyDictionary<string, string> permissionByEndpoint,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(permissionByEndpoint);
        var since = clock.GetUtcNow() - LeastPrivilegeWindow;
        var endpoints = await db.TokenUsageBuckets.AsNoTracking()
            .Where(b => b.TokenId == token.Id && b.HourStart >= since && b.StatusCode >= 200 && b.StatusCode < 300)
            .Select(b => b.Endpoint)
            .Distinct()
            .ToListAsync(cancellationToken);
        var granted = token.Permissions.Order(StringComparer.Ordinal).ToList();
        var used = endpoints
            .Select(endpoint => permissionByEndpoint.GetValueOrDefault(endpoint))
            .OfType<string>()
            .Where(granted.Contains)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        return new PermissionUsage(granted, used, [.. granted.Except(used)]);
    }

    /// <summary>What a rotated token received since its rotation; null when it was never rotated.</summary>
    public async Task<GraceTraffic?> GraceTrafficAsync(AccessToken token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.RotatedAt is not { } rotatedAt)
        {
            return null;
        }

        var nextHour = new DateTimeOffset(rotatedAt.UtcDateTime.Date.AddHours(rotatedAt.UtcDateTime.Hour + 1),
            TimeSpan.Zero);
        var inFirstHour = await db.TokenRequestRecords.AsNoTracking()
            .LongCountAsync(r => r.TokenId == token.Id && r.OccurredAt >= rotatedAt && r.OccurredAt < nextHour,
                cancellationToken);
        var afterwards = await db.TokenUsageBuckets.AsNoTracking()
            .Where(b => b.TokenId == token.Id && b.HourStart >= nextHour)
            .SumAsync(b => (long?)b.Calls, cancellationToken) ?? 0;
        var quietSince = token.LastUsedAt ?? rotatedAt;
        var quietFor = clock.GetUtcNow() - quietSince;
        return new GraceTraffic(rotatedAt, inFirstHour + afterwards, token.LastUsedAt,
            quietFor < TimeSpan.Zero ? TimeSpan.Zero : quietFor);
    }

    /// <summary>Usage across every token the actor may read, for the ops dashboard.</summary>
    public async Task<OrganizationUsageView> ForOrganizationAsync(
        PortalActor actor, UsageFilter filter, CancellationToken cancellationToken = default)
    {
        var window = UsageWindow.For(filter.Period, clock.GetUtcNow());
        var tokens = Filtered(actor, filter);
        var buckets = BucketsOf(tokens, window);

        var hourly = await buckets
            .GroupBy(b => b.HourStart)
            .Select(g => new
            {
                HourStart = g.Key,
                Calls = g.Sum(b => b.Calls),
                Errors = g.Sum(b => b.StatusCode >= 400 ? b.Calls : 0),
            })
            .ToListAsync(cancellationToken);
        var byStatus = await buckets
            .GroupBy(b => b.StatusCode)
            .Select(g => new { StatusCode = g.Key, Calls = g.Sum(b => b.Calls) })
            .ToListAsync(cancellationToken);
        var totals = await TotalsAsync(actor, filter, cancellationToken);

        var unused = tokens.Where(t => t.LastUsedAt == null && !db.TokenUsageBuckets.Any(b => b.TokenId == t.Id));
        var neverUsedCount = await unused.CountAsync(cancellationToken);
        var neverUsed = await unused
            .OrderByDescending(t => t.CreatedAt).ThenBy(t => t.Id)
            .Take(UnusedShown)
            .Select(t => new { t.Id, t.Name, t.Mode, t.LookupId, OwnerEmail = t.Owner!.Email, t.CreatedAt })
            .ToListAsync(cancellationToken);

        return new OrganizationUsageView(
            filter, window, totals.Sum(t => t.Calls), totals.Sum(t => t.Errors), totals.Count(t => t.Calls > 0),
            totals.Count, window.Fill(hourly.Select(h => (h.HourStart, h.Calls, h.Errors))),
            StatusClasses(byStatus.Select(s => (s.StatusCode, s.Calls))),
            [.. totals.Where(t => t.Calls > 0).Take(TopCount)],
            [.. totals.Where(t => t.Errors > 0).OrderByDescending(t => t.Errors).ThenByDescending(t => t.Calls)
                .Take(TopCount)],
            [.. neverUsed.Select(t => new UnusedToken(
                t.Id, t.Name, TokenFormat.Mask(t.Mode, t.LookupId), t.Mode, t.OwnerEmail ?? "", t.CreatedAt))],
            neverUsedCount);
    }

    /// <summary>Every token the filter keeps, with its totals over the period: busiest first, idle ones too.</summary>
    public async Task<IReadOnlyList<TokenUsageTotal>> TotalsAsync(
        PortalActor actor, UsageFilter filter, CancellationToken cancellationToken = default)
    {
        var window = UsageWindow.For(filter.Period, clock.GetUtcNow());
        var tokens = Filtered(actor, filter);
        var perToken = await BucketsOf(tokens, window)
            .GroupBy(b => b.TokenId)
            .Select(g => new
            {
                TokenId = g.Key,
                Calls = g.Sum(b => b.Calls),
                Errors = g.Sum(b => b.StatusCode >= 400 ? b.Calls : 0),
            })
            .ToDictionaryAsync(t => t.TokenId, cancellationToken);
        var rows = await tokens
            .Select(t => new
            {
                t.Id,
                t.Name,
                t.Mode,
                t.LookupId,
                OwnerEmail = t.Owner!.Email,
                t.WhitelistedSpaceId,
                t.LastUsedAt,
                t.CreatedAt,
            })
            .ToListAsync(cancellationToken);

        return [.. rows
            .Select(t =>
            {
                var usage = perToken.GetValueOrDefault(t.Id);
                return (t.CreatedAt, Total: new TokenUsageTotal(t.Id, t.Name, TokenFormat.Mask(t.Mode, t.LookupId),
                    t.Mode, t.OwnerEmail ?? "", t.WhitelistedSpaceId, usage?.Calls ?? 0, usage?.Errors ?? 0,
                    t.LastUsedAt));
            })
            .OrderByDescending(t => t.Total.Calls).ThenByDescending(t => t.CreatedAt).ThenBy(t => t.Total.TokenId)
            .Select(t => t.Total)];
    }

    /// <summary>The totals as a CSV file; see <see cref="UsageCsv"/> for the escaping.</summary>
    public async Task<string> ExportCsvAsync(
        PortalActor actor, UsageFilter filter, CancellationToken cancellationToken = default)
    {
        var totals = await TotalsAsync(actor, filter, cancellationToken);
        UsageLog.Exported(logger, totals.Count, actor.UserId);
        return UsageCsv.Write(totals);
    }

    private IQueryable<AccessToken> VisibleTokens(PortalActor actor) =>
        actor.ReadsOrganization
            ? db.AccessTokens.Where(t => t.OrganizationId == actor.OrganizationId)
            : db.AccessTokens.Where(t => t.OwnerId == actor.UserId);

    private IQueryable<AccessToken> Filtered(PortalActor actor, UsageFilter filter)
    {
        var tokens = VisibleTokens(actor).AsNoTracking();
        if (filter.Mode is { } mode)
        {
            tokens = tokens.Where(t => t.Mode == mode);
        }

        if (!string.IsNullOrWhiteSpace(filter.SpaceId))
        {
            tokens = StoredText.CanMatch(filter.SpaceId)
                ? tokens.Where(t => t.WhitelistedSpaceId == filter.SpaceId)
                : tokens.Where(t => false);
        }

        return tokens;
    }

    private IQueryable<TokenUsageBucket> BucketsOf(IQueryable<AccessToken> tokens, UsageWindow window)
    {
        var ids = tokens.Select(t => t.Id);
        return db.TokenUsageBuckets.AsNoTracking().Where(b => b.HourStart >= window.From && ids.Contains(b.TokenId));
    }

    private async Task<IReadOnlyList<RecentRequest>> RecentAsync(
        Guid tokenId, bool refusalsOnly, int count, CancellationToken cancellationToken)
    {
        var records = db.TokenRequestRecords.AsNoTracking().Where(r => r.TokenId == tokenId);
        if (refusalsOnly)
        {
            records = records.Where(r => r.Reason != null);
        }

        return await records
            .OrderByDescending(r => r.OccurredAt).ThenByDescending(r => r.Id)
            .Take(count)
            .Select(r => new RecentRequest(r.OccurredAt, r.Method, r.Endpoint, r.StatusCode, r.Ip, r.DurationMs,
                r.RequestId, r.SpaceId, r.Reason))
            .ToListAsync(cancellationToken);
    }

    private static long ErrorCalls(int statusCode, long calls) => statusCode >= 400 ? calls : 0;

    private static IReadOnlyList<StatusClassUsage> StatusClasses(IEnumerable<(int StatusCode, long Calls)> rows) =>
    [
        .. rows.GroupBy(r => $"{r.StatusCode / 100}xx")
            .Select(g => new StatusClassUsage(g.Key, g.Sum(r => r.Calls)))
            .OrderBy(s => s.StatusClass, StringComparer.Ordinal),
    ];

    private static TokenStatus TokenStatusOf(
        DateTimeOffset? revokedAt, DateTimeOffset? expiresAt, DateTimeOffset now) =>
        revokedAt is not null ? TokenStatus.Revoked
        : expiresAt is { } expiry && expiry <= now ? TokenStatus.Expired
        : TokenStatus.Active;
}
