namespace Monime.Portal.Web.Api;

/// <summary><c>{ "success": true, "messages": [], "result": … }</c></summary>
public sealed record ApiSuccessEnvelope(bool Success, IReadOnlyList<string> Messages, object? Result);
