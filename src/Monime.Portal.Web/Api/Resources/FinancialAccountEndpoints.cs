using Monime.Portal.FinancialAccounts;

namespace Monime.Portal.Web.Api.Resources;

public static class FinancialAccountEndpoints
{
    public static RouteGroupBuilder MapFinancialAccounts(this RouteGroupBuilder group)
    {
        var accounts = group.MapGroup("/financial-accounts");
        accounts.MapPost("/", CreateAsync).RequirePermission("financial_accounts:write")
            .WithName("CreateFinancialAccount").WithSummary("Create a financial account");
        accounts.MapGet("/", ListAsync).RequirePermission("financial_accounts:read")
            .WithName("ListFinancialAccounts").WithSummary("List financial accounts, newest first");
        accounts.MapGet("/{id}", GetAsync).RequirePermission("financial_accounts:read")
            .WithName("GetFinancialAccount").WithSummary("Get a financial account with its balance");
        return group;
    }

    private static async Task<IResult> CreateAsync(HttpContext context, FinancialAccountService accounts)
    {
        var (input, error) = await ResourceRequests.ReadBodyAsync<CreateFinancialAccountInput>(context.Request);
        if (error is not null)
        {
            return error;
        }

        var outcome = await accounts.CreateAsync(ResourceRequests.ScopeOf(context), input!, context.RequestAborted);
        return ResourceResults.From(outcome, StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListAsync(HttpContext context, FinancialAccountService accounts) =>
        ResourceRequests.TryReadPage(context.Request, out var page, out var error)
            ? ResourceResults.FromPage(
                await accounts.ListAsync(ResourceRequests.ScopeOf(context), page, context.RequestAborted))
            : error!;

    private static async Task<IResult> GetAsync(string id, HttpContext context, FinancialAccountService accounts) =>
        ResourceResults.From(await accounts.GetAsync(ResourceRequests.ScopeOf(context), id, context.RequestAborted));
}
