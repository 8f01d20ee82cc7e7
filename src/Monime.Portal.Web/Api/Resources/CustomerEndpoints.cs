using Monime.Portal.Customers;

namespace Monime.Portal.Web.Api.Resources;

public static class CustomerEndpoints
{
    public static RouteGroupBuilder MapCustomers(this RouteGroupBuilder group)
    {
        var customers = group.MapGroup("/customers");
        customers.MapPost("/", CreateAsync).RequirePermission("customers:write")
            .WithName("CreateCustomer").WithSummary("Create a customer");
        customers.MapGet("/", ListAsync).RequirePermission("customers:read")
            .WithName("ListCustomers").WithSummary("List customers, newest first");
        customers.MapGet("/{id}", GetAsync).RequirePermission("customers:read")
            .WithName("GetCustomer").WithSummary("Get a customer");
        return group;
    }

    private static async Task<IResult> CreateAsync(HttpContext context, CustomerService customers)
    {
        var (input, error) = await ResourceRequests.ReadBodyAsync<CreateCustomerInput>(context.Request);
        if (error is not null)
        {
            return error;
        }

        var outcome = await customers.CreateAsync(ResourceRequests.ScopeOf(context), input!, context.RequestAborted);
        return ResourceResults.From(outcome, StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListAsync(HttpContext context, CustomerService customers) =>
        ResourceRequests.TryReadPage(context.Request, out var page, out var error)
            ? ResourceResults.FromPage(
                await customers.ListAsync(ResourceRequests.ScopeOf(context), page, context.RequestAborted))
            : error!;

    private static async Task<IResult> GetAsync(string id, HttpContext context, CustomerService customers) =>
        ResourceResults.From(await customers.GetAsync(ResourceRequests.ScopeOf(context), id, context.RequestAborted));
}
