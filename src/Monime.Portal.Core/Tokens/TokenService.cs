using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monime.Portal.Accounts;
using Monime.Portal.Audit;
using Monime.Portal.Data;
using Npgsql;

namespace Monime.Portal.Tokens;

/// <summary>Creates, lists, revokes and rotates access tokens; used by the pages and by the API alike.</summary>
public sealed class TokenService(
    PortalDbContext db,
    Argon2SecretHasher hasher,
    ITokenIssuer issuer,
    AuditTrail audit,
    TimeProvider clock,
    IOptions<TokenOptions> options,
    IEnumerable<ITokenChangeNotifier> notifiers,
    ILogger<TokenService> logger)
{
    private const int MaxConflictAttempts = 3;

    /// <summary>
    /// Issues per create before giving up on a taken lookup id. With 62^5 ids and a million tokens one issue
    /// in a thousand collides, so three in a row is a one-in-a-billion event, not a busy day.
    /// </summary>
    private const int MaxIssueAttempts = 3;

    private const string LookupIndex = "IX_AccessTokens_LookupId";

    /// <summary>The refusal message of a second rotation of one token; the API answers it as a conflict.</summary>
    public const string AlreadyRotated = "This token was already rotated.";

    public async Task<CreateTokenResult> CreateAsync(
        PortalActor actor, CreateTokenInput input, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var ownerSpaceIds = await db.SpaceMemberships
            .Where(m => m.MonimeerId == actor.UserId)
            .Select(m => m.SpaceId)
            .ToHashSetAsync(cancellationToken);
        var validation = await new CreateTokenValidator(ownerSpaceIds, now, options.Value)
            .ValidateAsync(input, cancellationToken);
        if (!validation.IsValid)
        {
            return new CreateTokenResult.Invalid(validation.Errors);
        }

        if (input.Nonce != Guid.Empty && await FindByNonceAsync(actor, input.Nonce, cancellationToken) is { } earlier)
        {
            TokenLog.DuplicateCreate(logger, input.Nonce, earlier.Id);
            return new CreateTokenResult.AlreadyCreated(earlier);
        }

        for (var attempt = 1; ; attempt++)
        {
            var issued = issuer.Issue(input.Mode);
            var token = new AccessToken
            {
                Id = Guid.CreateVersion7(now),
                LookupId = issued.LookupId,
                SecretHash = await hasher.HashAsync(issued.Secret, cancellationToken),
                Name = input.Name!.Trim(),
                Mode = input.Mode,
                OwnerId = actor.UserId,
                OrganizationId = actor.OrganizationId,
                ApiRelease = input.ApiRelease!,
                CreatedAt = now,
                ExpiresAt = ExpiryOf(input, now),
                WhitelistedSpaceId = string.IsNullOrEmpty(input.WhitelistedSpaceId) ? null : input.WhitelistedSpaceId,
                IpWhitelist = CanonicalIpWhitelist(input),
                Permissions = [.. input.Permissions.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                CreationNonce = input.Nonce == Guid.Empty ? null : input.Nonce,
            };
            db.AccessTokens.Add(token);
            audit.Record(AuditActions.TokenCreated, actor.UserId, actor.OrganizationId, actor.Ip, token.Id,
                detail: $"{token.Mode} token '{token.Name}' ({token.Masked})");

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException exception) when (IsUniqueViolation(exception))
            {
                // A retried commit that had in fact succeeded collides with its own row, whichever index it
                // trips over; then the token exists once, with this attempt's secret, and is answered as created.
                db.ChangeTracker.Clear();
                if (!await db.AccessTokens.AnyAsync(t => t.Id == token.Id, cancellationToken))
                {
                    // A double submit raced this one past the check above: the form's token exists once.
                    if (token.CreationNonce is { } nonce
                        && await FindByNonceAsync(actor, nonce, cancellationToken) is { } winner)
                    {
                        return new CreateTokenResult.AlreadyCreated(winner);
                    }

                    if (!IsLookupCollision(exception) || attempt == MaxIssueAttempts)
                    {
                        throw;
                    }

                    TokenLog.LookupTaken(logger);
                    continue;
                }
            }

            TokenLog.Created(logger, token.Id, token.Masked, token.Mode, actor.UserId);
            return new CreateTokenResult.Created(token, issued);
        }
    }

    public async Task<TokenPage> ListAsync(
        PortalActor actor, TokenListQuery query, bool wholeOrganization = false,
        CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var tokens = wholeOrganization && actor.ReadsOrganization
            ? db.AccessTokens.Where(t => t.OrganizationId == actor.OrganizationId)
            : db.AccessTokens.Where(t => t.OwnerId == actor.UserId);

        tokens = query.Status switch
        {
            TokenStatus.Revoked => tokens.Where(t => t.RevokedAt != null),
            TokenStatus.Expired => tokens.Where(t => t.RevokedAt == null && t.ExpiresAt <= now),
            TokenStatus.Active => tokens.Where(t => t.RevokedAt == null && (t.ExpiresAt == null || t.ExpiresAt > now)),
            _ => tokens,
        };
        if (query.Mode is { } mode)
        {
            tokens = tokens.Where(t => t.Mode == mode);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = "%" + EscapeLike(query.Search.Trim()) + "%";
            tokens = StoredText.CanMatch(pattern)
                ? tokens.Where(t => EF.Functions.ILike(t.Name, pattern, "\\")
                    || EF.Functions.ILike(t.LookupId, pattern, "\\")
                    || EF.Functions.ILike(t.Owner!.Email!, pattern, "\\"))
                : tokens.Where(t => false);
        }

        if (TokenCursor.TryDecode(query.After, out var after))
        {
            tokens = tokens.Where(t => t.CreatedAt < after.CreatedAt
                || (t.CreatedAt == after.CreatedAt && t.Id.CompareTo(after.Id) < 0));
        }

        var pageSize = options.Value.PageSize;
        var rows = await tokens
            .OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
            .Take(pageSize + 1)
            .Select(t => new
            {
                t.Id,
                t.Name,
                t.Mode,
                t.LookupId,
                t.CreatedAt,
                t.ExpiresAt,
                t.LastUsedAt,
                t.RevokedAt,
                t.ReplacedById,
                t.NewIpSeenAt,
                OwnerEmail = t.Owner!.Email,
                OwnerDisabled = t.Owner.DisabledAt != null,
            })
            .ToListAsync(cancellationToken);

        var page = rows.Take(pageSize).Select(t =>
        {
            var status = t.RevokedAt is not null ? TokenStatus.Revoked
                : t.ExpiresAt <= now ? TokenStatus.Expired
                : TokenStatus.Active;
            return new TokenRow(t.Id, t.Name, TokenFormat.Mask(t.Mode, t.LookupId), t.Mode, status, t.CreatedAt,
                t.ExpiresAt, t.LastUsedAt, t.ReplacedById is not null && status == TokenStatus.Active,
                t.NewIpSeenAt is not null, t.OwnerEmail ?? "", t.OwnerDisabled);
        }).ToList();
        var next = rows.Count > pageSize ? TokenCursor.Encode(page[^1].CreatedAt, page[^1].Id) : null;
        return new TokenPage(page, next);
    }

    /// <summary>A token the actor may look at: their own, or any of their organisation for admins and ops.</summary>
    public Task<AccessToken?> FindVisibleAsync(PortalActor actor, Guid id, CancellationToken cancellationToken = default) =>
        db.AccessTokens
            .Include(t => t.Owner)
            .FirstOrDefaultAsync(t => t.Id == id
                && (t.OwnerId == actor.UserId || (actor.ReadsOrganization && t.OrganizationId == actor.OrganizationId)),
                cancellationToken);

    /// <summary>
    /// Owners revoke their own tokens; admins revoke any token of their organisation and must say why.
    /// Revoking twice changes nothing the second time and writes no second audit event.
    /// </summary>
    public Task<TokenChangeResult> RevokeAsync(
        PortalActor actor, Guid id, string? reason, CancellationToken cancellationToken = default) =>
        RevokeAsync(actor, id, reason, attempt: 1, cancellationToken);

    private async Task<TokenChangeResult> RevokeAsync(
        PortalActor actor, Guid id, string? reason, int attempt, CancellationToken cancellationToken)
    {
        var token = await db.AccessTokens.FirstOrDefaultAsync(t => t.Id == id
            && (t.OwnerId == actor.UserId || (actor.IsAdmin && t.OrganizationId == actor.OrganizationId)),
            cancellationToken);
        if (token is null)
        {
            return TokenChangeResult.NotFound;
        }

        if (token.RevokedAt is not null)
        {
            return TokenChangeResult.Unchanged;
        }

        // An admin revoking someone else's token owes its owner an explanation; the reason must fit its column.
        var reasonRequired = token.OwnerId != actor.UserId;
        if ((reasonRequired && string.IsNullOrWhiteSpace(reason))
            || reason?.Trim().Length > TokenRules.MaxReasonLength
            || TextRules.HasControlOrBidiCharacters(reason?.Trim()))
        {
            return TokenChangeResult.Refused;
        }

        token.RevokedAt = clock.GetUtcNow();
        token.RevokedById = actor.UserId;
        token.RevocationReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        audit.Record(AuditActions.TokenRevoked, actor.UserId, token.OrganizationId, actor.Ip, token.Id,
            token.OwnerId, token.RevocationReason);

        if (!await SaveChangeAsync(token.LookupId, cancellationToken))
        {
            return attempt < MaxConflictAttempts
                ? await RevokeAsync(actor, id, reason, attempt + 1, cancellationToken)
                : TokenChangeResult.Unchanged;
        }

        TokenLog.Revoked(logger, token.Id, actor.UserId);
        return TokenChangeResult.Changed;
    }

    /// <summary>
    /// Issues a replacement with the same settings (or <paramref name="narrowedPermissions"/>) and lets the old
    /// token work until the grace ends. Only the owner rotates: the new secret is shown to whoever rotates.
    /// </summary>
    public Task<RotateTokenResult> RotateAsync(
        PortalActor actor, Guid id, RotationGrace grace, IReadOnlyCollection<string>? narrowedPermissions = null,
        CancellationToken cancellationToken = default) =>
        RotateAsync(actor, id, grace.ToTimeSpan(), narrowedPermissions, attempt: 1, cancellationToken);

    /// <summary>
    /// A rotation with a grace of any length, for programs rotating their own token; the caller bounds it
    /// (<see cref="TokenRules.MaxSelfRotationGrace"/>).
    /// </summary>
    public Task<RotateTokenResult> RotateAsync(
        PortalActor actor, Guid id, TimeSpan grace, CancellationToken cancellationToken = default) =>
        grace < TimeSpan.Zero || grace > TokenRules.MaxSelfRotationGrace
            ? throw new ArgumentOutOfRangeException(nameof(grace), grace, "The grace must be 0 to 7 days.")
            : RotateAsync(actor, id, grace, null, attempt: 1, cancellationToken);

    private async Task<RotateTokenResult> RotateAsync(
        PortalActor actor, Guid id, TimeSpan grace, IReadOnlyCollection<string>? narrowedPermissions,
        int attempt, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var old = await db.AccessTokens.FirstOrDefaultAsync(t => t.Id == id && t.OwnerId == actor.UserId,
            cancellationToken);
        if (old is null)
        {
            return new RotateTokenResult(TokenChangeResult.NotFound, null, null);
        }

        if (old.StatusAt(now) != TokenStatus.Active || old.ReplacedById is not null)
        {
            return new RotateTokenResult(TokenChangeResult.Refused, null, null,
                old.ReplacedById is not null ? AlreadyRotated : "Only an active token can be rotated.");
        }

        if (narrowedPermissions is not null
            && (narrowedPermissions.Count == 0 || !narrowedPermissions.All(old.Permissions.Contains)))
        {
            return new RotateTokenResult(TokenChangeResult.Refused, null, null,
                "A replacement may only keep permissions the token already holds.");
        }

        var issued = issuer.Issue(old.Mode);
        var replacement = new AccessToken
        {
            Id = Guid.CreateVersion7(now),
            LookupId = issued.LookupId,
            SecretHash = await hasher.HashAsync(issued.Secret, cancellationToken),
            Name = old.Name,
            Mode = old.Mode,
            OwnerId = old.OwnerId,
            OrganizationId = old.OrganizationId,
            ApiRelease = old.ApiRelease,
            CreatedAt = now,
            ExpiresAt = ReplacementExpiry(old, now),
            WhitelistedSpaceId = old.WhitelistedSpaceId,
            IpWhitelist = [.. old.IpWhitelist],
            Permissions = narrowedPermissions is null ? [.. old.Permissions] : [.. narrowedPermissions.Order()],
            RotatedFromId = old.Id,
        };
        var graceEnd = now + grace;
        old.ReplacedById = replacement.Id;
        old.RotatedAt = now;
        old.ExpiresAt = old.ExpiresAt is { } expiresAt && expiresAt < graceEnd ? expiresAt : graceEnd;

        db.AccessTokens.Add(replacement);
        audit.Record(AuditActions.TokenRotated, actor.UserId, old.OrganizationId, actor.Ip, old.Id,
            detail: string.Create(CultureInfo.InvariantCulture,
                $"Replaced by {replacement.Masked}; old token works until {old.ExpiresAt:u}"));

        // The replacement gets its own history from its first moment, pointing back at what it replaced.
        audit.Record(AuditActions.TokenCreated, actor.UserId, old.OrganizationId, actor.Ip, replacement.Id,
            detail: $"{replacement.Mode} token '{replacement.Name}' ({replacement.Masked}), rotated from {old.Masked}");
        if (!await SaveChangeAsync(old.LookupId, cancellationToken))
        {
            // The retry reads the token afresh and issues a new replacement, so a taken lookup id is left behind.
            return attempt < MaxConflictAttempts
                ? await RotateAsync(actor, id, grace, narrowedPermissions, attempt + 1, cancellationToken)
                : new RotateTokenResult(TokenChangeResult.Refused, null, null, "The token changed meanwhile; try again.");
        }

        TokenLog.Rotated(logger, old.Id, replacement.Id, actor.UserId, old.ExpiresAt.Value);
        return new RotateTokenResult(TokenChangeResult.Changed, replacement, issued);
    }

    /// <summary>Ends a rotated token's grace period now, once its owner sees it has gone quiet.</summary>
    public Task<TokenChangeResult> EndGraceAsync(
        PortalActor actor, Guid id, CancellationToken cancellationToken = default) =>
        EndGraceAsync(actor, id, attempt: 1, cancellationToken);

    private async Task<TokenChangeResult> EndGraceAsync(
        PortalActor actor, Guid id, int attempt, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var token = await db.AccessTokens.FirstOrDefaultAsync(t => t.Id == id && t.OwnerId == actor.UserId,
            cancellationToken);
        if (token is null)
        {
            return TokenChangeResult.NotFound;
        }

        if (!token.IsInGracePeriod(now))
        {
            return TokenChangeResult.Unchanged;
        }

        token.ExpiresAt = now;
        audit.Record(AuditActions.TokenGraceEnded, actor.UserId, token.OrganizationId, actor.Ip, token.Id);
        if (!await SaveChangeAsync(token.LookupId, cancellationToken))
        {
            return attempt < MaxConflictAttempts
                ? await EndGraceAsync(actor, id, attempt + 1, cancellationToken)
                : TokenChangeResult.Unchanged;
        }

        TokenLog.GraceEnded(logger, token.Id, actor.UserId);
        return TokenChangeResult.Changed;
    }

    public static DateTimeOffset? ExpiryOf(CreateTokenInput input, DateTimeOffset now) =>
        input.Mode == TokenMode.Test ? TokenRules.TestExpiry(now) : input.Expiry switch
        {
            TokenExpiry.TwoMonths => now.AddMonths(2),
            TokenExpiry.OneYear => now.AddYears(1),
            // The chosen day is the last one on which the token works: it expires at the next midnight, UTC.
            TokenExpiry.Custom => new DateTimeOffset(input.CustomExpiresOn!.Value.AddDays(1), TimeOnly.MinValue,
                TimeSpan.Zero),
            _ => null,
        };

    private static DateTimeOffset? ReplacementExpiry(AccessToken old, DateTimeOffset now) =>
        old.Mode == TokenMode.Test ? TokenRules.TestExpiry(now)
        : old.ExpiresAt is { } expiresAt ? now + (expiresAt - old.CreatedAt)
        : null;

    private static List<string> CanonicalIpWhitelist(CreateTokenInput input) =>
    [
        .. input.IpEntries()
            .Select(entry => IpRule.TryParse(entry, out var rule, out _) ? rule.Canonical : null)
            .OfType<string>()
            .Distinct(StringComparer.OrdinalIgnoreCase),
    ];

    private Task<AccessToken?> FindByNonceAsync(PortalActor actor, Guid nonce, CancellationToken cancellationToken) =>
        db.AccessTokens.AsNoTracking()
            .FirstOrDefaultAsync(t => t.OwnerId == actor.UserId && t.CreationNonce == nonce, cancellationToken);

    /// <summary>
    /// False when something else changed the token first (optimistic concurrency on xmin). The usage flush does
    /// so whenever it records a call, so the changes above start over on the fresh row a few times before giving up.
    /// Also false when a rotation's replacement drew a lookup id already taken: starting over issues another.
    /// </summary>
    private async Task<bool> TrySaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
        catch (DbUpdateException exception) when (IsLookupCollision(exception))
        {
            TokenLog.LookupTaken(logger);
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>Saves a change of an existing token (<see cref="TokenChangeSaving"/>).</summary>
    private Task<bool> SaveChangeAsync(string lookupId, CancellationToken cancellationToken) =>
        notifiers.SaveTokenChangeAsync([lookupId], TrySaveAsync, cancellationToken);

    private static bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    private static bool IsLookupCollision(DbUpdateException exception) =>
        exception.InnerException is PostgresException
        {
            SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: LookupIndex,
        };

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
}
