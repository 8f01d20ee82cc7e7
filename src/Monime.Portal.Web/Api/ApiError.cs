namespace Monime.Portal.Web.Api;

/// <summary><see cref="Code"/> is the HTTP status as a number; <see cref="Reason"/> a stable machine-readable word.</summary>
public sealed record ApiError(int Code, string Reason, string Message, IReadOnlyList<object> Details);
