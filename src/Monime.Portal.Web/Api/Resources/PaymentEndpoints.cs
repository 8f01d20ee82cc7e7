using Monime.Portal.Payments;

namespace Monime.Portal.Web.Api.Resources;

public static class PaymentEndpoints
{
    public static RouteGroupBuilder MapPayments(this RouteGroupBuilder group)
    {
        var payments = group.MapGroup("/payments");
        payments.MapGet("/", ListAsync).RequirePermission("payments:read")
            .WithName("ListPayments").WithSummary("List payments, newest first");
        payments.MapGet("/{id}", GetAsync).RequirePermission("payments:read")
            .WithName("GetPayment").WithSummary("Get a payment");
        return group;
    }

    private static async Task<IResult> ListAsync(HttpContext context, PaymentService payments) =>
        ResourceRequests.TryReadPage(context.Request, out var page, out var error)
            ? ResourceResults.FromPage(
                await payments.ListAsync(ResourceRequests.ScopeOf(context), page, context.RequestAborted))
            : error!;

    private static async Task<IResult> GetAsync(string id, HttpContext context, PaymentService payments) =>
        ResourceResults.From(await payments.GetAsync(ResourceRequests.ScopeOf(context), id, context.RequestAborted));
}
