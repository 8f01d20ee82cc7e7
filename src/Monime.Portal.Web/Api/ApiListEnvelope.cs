namespace Monime.Portal.Web.Api;

/// <summary>A success envelope for lists: <c>result</c> is the page, <c>pagination</c> says how to go on.</summary>
public sealed record ApiListEnvelope<T>(
    bool Success, IReadOnlyList<string> Messages, IReadOnlyList<T> Result, ApiPagination Pagination);
