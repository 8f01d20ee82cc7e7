namespace Monime.Portal.Accounts;

public sealed record SpaceOption(string Id, string Name);
