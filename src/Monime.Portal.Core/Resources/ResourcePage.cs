namespace Monime.Portal.Resources;

/// <summary>A page of views and the cursor of the next page, null at the end of the list.</summary>
public sealed record ResourcePage<T>(IReadOnlyList<T> Items, string? Next);
