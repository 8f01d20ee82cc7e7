namespace Monime.Portal.Seeding;

public sealed record SeedAccount(string Email, string DisplayName, string Password, IReadOnlyList<string> Roles);
