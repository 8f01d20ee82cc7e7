namespace Monime.Portal.Data;

public static class DatabaseOptions
{
    public const string ConnectionStringName = "Portal";
}
