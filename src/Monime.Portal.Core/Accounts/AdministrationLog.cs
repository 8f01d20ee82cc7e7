using Microsoft.Extensions.Logging;
using Monime.Portal.Spaces;

namespace Monime.Portal.Accounts;

/// <summary>Changes admins make to Monimeers, ids 5010-5029. People appear by user id only.</summary>
internal static partial class AdministrationLog
{
    [LoggerMessage(5010, LogLevel.Information, "Roles of {SubjectId} set to {Roles} by {UserId}")]
    public static partial void RolesChanged(ILogger logger, string subjectId, string roles, string userId);

    [LoggerMessage(5011, LogLevel.Information, "Account {SubjectId} disabled by {UserId}")]
    public static partial void Disabled(ILogger logger, string subjectId, string userId);

    [LoggerMessage(5012, LogLevel.Information, "Account {SubjectId} enabled by {UserId}")]
    public static partial void Enabled(ILogger logger, string subjectId, string userId);

    [LoggerMessage(5013, LogLevel.Information,
        "Membership of {SubjectId} in {SpaceId} set to {Role} by {UserId}")]
    public static partial void MembershipSet(ILogger logger, string subjectId, string spaceId, SpaceRole role,
        string userId);

    [LoggerMessage(5014, LogLevel.Information, "{SubjectId} removed from {SpaceId} by {UserId}")]
    public static partial void MembershipRemoved(ILogger logger, string subjectId, string spaceId, string userId);

    [LoggerMessage(5015, LogLevel.Warning, "Change to {SubjectId} refused for {UserId}: {Reason}")]
    public static partial void Refused(ILogger logger, string subjectId, string userId, string reason);
}
