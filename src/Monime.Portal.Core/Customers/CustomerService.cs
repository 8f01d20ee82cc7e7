using Microsoft.EntityFrameworkCore;
using Monime.Portal.Data;
using Monime.Portal.Resources;

namespace Monime.Portal.Customers;

public sealed class CustomerService(PortalDbContext db, TimeProvider clock)
{
    private static readonly CreateCustomerValidator s_validator = new();

    public async Task<ResourceOutcome<CustomerView>> CreateAsync(
        ResourceScope scope, CreateCustomerInput input, CancellationToken cancellationToken = default)
    {
        var validation = await s_validator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid)
        {
            return new ResourceOutcome<CustomerView>.Invalid(validation.ToProblems());
        }

        var now = ResourceTime.Now(clock);
        var customer = new Customer
        {
            Id = ResourceIds.NewId(ResourceIds.Customer),
            SpaceId = scope.SpaceId,
            Mode = scope.Mode,
            Name = input.Name!.Trim(),
            Email = input.Email,
            PhoneNumber = input.PhoneNumber,
            Reference = input.Reference,
            Metadata = input.Metadata ?? [],
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Customers.Add(customer);
        await db.SaveChangesAsync(cancellationToken);
        return new ResourceOutcome<CustomerView>.Done(CustomerView.Of(customer));
    }

    public async Task<ResourceOutcome<CustomerView>> GetAsync(
        ResourceScope scope, string id, CancellationToken cancellationToken = default) =>
        await db.Customers.AsNoTracking().FindInScopeAsync(scope, id, cancellationToken) is { } customer
            ? new ResourceOutcome<CustomerView>.Done(CustomerView.Of(customer))
            : new ResourceOutcome<CustomerView>.NotFound();

    public Task<ResourceOutcome<ResourcePage<CustomerView>>> ListAsync(
        ResourceScope scope, PageRequest page, CancellationToken cancellationToken = default) =>
        db.Customers.AsNoTracking().InScope(scope).PageAsync(page, CustomerView.Of, cancellationToken);
}
