namespace Monime.Portal.Testing;

/// <summary>A Monimeer made for one test, with the password to sign in and the Space they own.</summary>
public sealed record TestUser(string Id, string Email, string Password, Guid OrganizationId, string SpaceId);
