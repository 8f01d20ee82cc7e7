using Microsoft.EntityFrameworkCore;

namespace Monime.Portal.Resources;

internal static class ResourceQueries
{
    /// <summary>Rows of the scope's Space and mode only; the one filter every resource query starts from.</summary>
    public static IQueryable<T> InScope<T>(this IQueryable<T> rows, ResourceScope scope)
        where T : class, IScopedResource =>
        rows.Where(r => r.SpaceId == scope.SpaceId && r.Mode == scope.Mode);

    public static Task<T?> FindInScopeAsync<T>(
        this IQueryable<T> rows, ResourceScope scope, string id, CancellationToken cancellationToken)
        where T : class, IScopedResource =>
        rows.InScope(scope).FirstOrDefaultAsync(r => r.Id == id, cancellationToken);

    /// <summary>
    /// Newest first, keyset on (created, id). An unreadable cursor is the caller's mistake and is refused
    /// rather than read as "start over", which would hand back the first page and loop a client forever.
    /// </summary>
    public static async Task<ResourceOutcome<ResourcePage<TView>>> PageAsync<T, TView>(
        this IQueryable<T> rows, PageRequest page, Func<T, TView> view, CancellationToken cancellationToken)
        where T : class, IScopedResource
    {
        if (!page.HasValidLimit)
        {
            return new ResourceOutcome<ResourcePage<TView>>.Refused(ResourceReasons.InvalidLimit,
                $"The limit must lie between {PageRequest.MinLimit} and {PageRequest.MaxLimit}.");
        }

        if (page.After is not null)
        {
            if (!ResourceCursor.TryDecode(page.After, out var after))
            {
                return new ResourceOutcome<ResourcePage<TView>>.Refused(ResourceReasons.InvalidCursor,
                    "The 'after' cursor is not one this API handed out; pass pagination.next unchanged.");
            }

            rows = rows.Where(r => r.CreatedAt < after.CreatedAt
                || (r.CreatedAt == after.CreatedAt && r.Id.CompareTo(after.Id) < 0));
        }

        var found = await rows
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .Take(page.Limit + 1)
            .ToListAsync(cancellationToken);
        var items = found.Take(page.Limit).ToList();
        var next = found.Count > page.Limit ? ResourceCursor.Encode(items[^1].CreatedAt, items[^1].Id) : null;
        return new ResourceOutcome<ResourcePage<TView>>.Done(
            new ResourcePage<TView>([.. items.Select(view)], next));
    }
}
