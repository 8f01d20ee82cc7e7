namespace Monime.Portal.Web.Api;

/// <summary><c>{ "success": false, "messages": [], "error": { … } }</c></summary>
public sealed record ApiErrorEnvelope(bool Success, IReadOnlyList<string> Messages, ApiError Error);
