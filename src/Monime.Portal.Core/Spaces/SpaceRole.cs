namespace Monime.Portal.Spaces;

/// <summary>A Monimeer's role inside one Space; <see cref="SpaceRolePermissions"/> says what each grants.</summary>
public enum SpaceRole
{
    Viewer = 0,
    Finance = 1,
    Developer = 2,
    Owner = 3,
}
