namespace Monime.Portal.Web.Api;

/// <summary>The optional body of <c>POST /v1/tokens/self/rotate</c>; the grace defaults to one day.</summary>
public sealed record SelfRotationInput(int? GracePeriodSeconds);
