namespace Monime.Portal.Web.Api.Resources;

public static class ResourceEndpoints
{
    /// <summary>The <c>/v1</c> resources that tokens unlock, each behind its permission.</summary>
    public static RouteGroupBuilder MapResourceEndpoints(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1");
        v1.MapFinancialAccounts();
        v1.MapPaymentCodes();
        v1.MapPayments();
        v1.MapPayouts();
        v1.MapCustomers();
        v1.MapAnalytics();
        return v1;
    }
}
