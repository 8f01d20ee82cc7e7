using Monime.Portal.Spaces;

namespace Monime.Portal.Accounts;

public sealed record MembershipEntry(string SpaceId, string SpaceName, SpaceRole Role);
