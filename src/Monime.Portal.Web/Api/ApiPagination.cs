namespace Monime.Portal.Web.Api;

/// <summary><c>next</c> is the cursor for <c>after</c>, null on the last page.</summary>
public sealed record ApiPagination(int Count, string? Next);
