using Monime.Portal.Payouts;

namespace Monime.Portal.Web.Api.Resources;

public static class PayoutEndpoints
{
    public static RouteGroupBuilder MapPayouts(this RouteGroupBuilder group)
    {
        var payouts = group.MapGroup("/payouts");
        payouts.MapPost("/", CreateAsync).RequirePermission("payouts:write")
            .WithName("CreatePayout")
            .WithSummary("Create a payout; test payouts settle at once, live ones stay pending (no money moves)");
        payouts.MapGet("/", ListAsync).RequirePermission("payouts:read")
            .WithName("ListPayouts").WithSummary("List payouts, newest first");
        payouts.MapGet("/{id}", GetAsync).RequirePermission("payouts:read")
            .WithName("GetPayout").WithSummary("Get a payout");
        payouts.MapDelete("/{id}", DeleteAsync).RequirePermission("payouts:write")
            .WithName("DeletePayout").WithSummary("Cancel a payout that is still pending");
        return group;
    }

    private static async Task<IResult> CreateAsync(HttpContext context, PayoutService payouts)
    {
        var (input, error) = await ResourceRequests.ReadBodyAsync<CreatePayoutInput>(context.Request);
        if (error is not null)
        {
            return error;
        }

        var outcome = await payouts.CreateAsync(ResourceRequests.ScopeOf(context), input!, context.RequestAborted);
        return ResourceResults.From(outcome, StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListAsync(HttpContext context, PayoutService payouts) =>
        ResourceRequests.TryReadPage(context.Request, out var page, out var error)
            ? ResourceResults.FromPage(
                await payouts.ListAsync(ResourceRequests.ScopeOf(context), page, context.RequestAborted))
            : error!;

    private static async Task<IResult> GetAsync(string id, HttpContext context, PayoutService payouts) =>
        ResourceResults.From(await payouts.GetAsync(ResourceRequests.ScopeOf(context), id, context.RequestAborted));

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, PayoutService payouts) =>
        ResourceResults.From(await payouts.CancelAsync(ResourceRequests.ScopeOf(context), id, context.RequestAborted));
}
