namespace Monime.Portal.Web.Api;

/// <summary>
/// Endpoints registered in DI and mapped under the API pipeline by <c>UsePortalApi</c>, so that a feature (or a
/// test host) can add API endpoints without touching <c>Program.cs</c>.
/// </summary>
public interface IApiEndpointSource
{
    void Map(IEndpointRouteBuilder routes);
}
