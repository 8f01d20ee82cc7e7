namespace Monime.Portal.Tokens;

/// <summary>
/// Saves a change that alters what some tokens may do: a revocation or rotation of one token, or a change of
/// their owner's account or Space memberships, which alters all of theirs. The notifiers hear of it before the
/// save, so that this instance lets no call through on what it remembers of those tokens until the commit is
/// known, and again once it committed; their scopes end after that, or after a failed save, whose commit may
/// still have happened.
/// </summary>
public static class TokenChangeSaving
{
    /// <summary>Runs <paramref name="save"/> as a change of the tokens; false when it saved nothing.</summary>
    public static async Task<bool> SaveTokenChangeAsync(
        this IEnumerable<ITokenChangeNotifier> notifiers, IReadOnlyCollection<string> lookupIds,
        Func<CancellationToken, Task<bool>> save, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lookupIds);
        ArgumentNullException.ThrowIfNull(save);

        var told = notifiers.ToList();
        var changing = told.SelectMany(notifier => lookupIds.Select(notifier.TokenChanging)).ToList();
        try
        {
            if (!await save(cancellationToken))
            {
                return false;
            }

            await told.TokensChangedAsync(lookupIds, cancellationToken);
            return true;
        }
        finally
        {
            foreach (var scope in changing)
            {
                scope.Dispose();
            }
        }
    }

    /// <summary>Tells every notifier that the tokens' change has committed.</summary>
    public static async Task TokensChangedAsync(
        this IEnumerable<ITokenChangeNotifier> notifiers, IEnumerable<string> lookupIds,
        CancellationToken cancellationToken)
    {
        foreach (var notifier in notifiers)
        {
            foreach (var lookupId in lookupIds)
            {
                await notifier.TokenChangedAsync(lookupId, cancellationToken);
            }
        }
    }
}
