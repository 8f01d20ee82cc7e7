using Monime.Portal.PaymentCodes;

namespace Monime.Portal.Web.Api.Resources;

public static class PaymentCodeEndpoints
{
    public static RouteGroupBuilder MapPaymentCodes(this RouteGroupBuilder group)
    {
        var codes = group.MapGroup("/payment-codes");
        codes.MapPost("/", CreateAsync).RequirePermission("payments:write")
            .WithName("CreatePaymentCode").WithSummary("Create a USSD payment code");
        codes.MapGet("/", ListAsync).RequirePermission("payments:read")
            .WithName("ListPaymentCodes").WithSummary("List payment codes, newest first");
        codes.MapGet("/{id}", GetAsync).RequirePermission("payments:read")
            .WithName("GetPaymentCode").WithSummary("Get a payment code and its progress");
        codes.MapDelete("/{id}", DeleteAsync).RequirePermission("payments:write")
            .WithName("DeletePaymentCode").WithSummary("Delete a payment code");
        codes.MapPost("/{id}/simulate-payment", SimulatePaymentAsync).RequirePermission("payments:write")
            .WithName("SimulatePayment")
            .WithSummary("Test mode only: pay the code as a customer would, creating a completed payment");
        return group;
    }

    private static async Task<IResult> CreateAsync(HttpContext context, PaymentCodeService codes)
    {
        var (input, error) = await ResourceRequests.ReadBodyAsync<CreatePaymentCodeInput>(context.Request);
        if (error is not null)
        {
            return error;
        }

        var outcome = await codes.CreateAsync(ResourceRequests.ScopeOf(context), input!, context.RequestAborted);
        return ResourceResults.From(outcome, StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListAsync(HttpContext context, PaymentCodeService codes) =>
        ResourceRequests.TryReadPage(context.Request, out var page, out var error)
            ? ResourceResults.FromPage(
                await codes.ListAsync(ResourceRequests.ScopeOf(context), page, context.RequestAborted))
            : error!;

    private static async Task<IResult> GetAsync(string id, HttpContext context, PaymentCodeService codes) =>
        ResourceResults.From(await codes.GetAsync(ResourceRequests.ScopeOf(context), id, context.RequestAborted));

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, PaymentCodeService codes) =>
        ResourceResults.From(await codes.DeleteAsync(ResourceRequests.ScopeOf(context), id, context.RequestAborted));

    private static async Task<IResult> SimulatePaymentAsync(string id, HttpContext context, PaymentCodeService codes)
    {
        var (input, error) = await ResourceRequests.ReadBodyAsync<SimulatePaymentInput>(
            context.Request, optional: true);
        if (error is not null)
        {
            return error;
        }

        var outcome = await codes.SimulatePaymentAsync(
            ResourceRequests.ScopeOf(context), id, input ?? new SimulatePaymentInput(), context.RequestAborted);
        return ResourceResults.From(outcome, StatusCodes.Status201Created);
    }
}
