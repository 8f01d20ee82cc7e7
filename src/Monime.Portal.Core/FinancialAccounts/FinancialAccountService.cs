using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Monime.Portal.Data;
using Monime.Portal.Resources;

namespace Monime.Portal.FinancialAccounts;

/// <summary>Creates, reads and lists financial accounts of one Space and mode.</summary>
public sealed class FinancialAccountService(PortalDbContext db, TimeProvider clock)
{
    private static readonly CreateFinancialAccountValidator s_validator = new();

    public async Task<ResourceOutcome<FinancialAccountView>> CreateAsync(
        ResourceScope scope, CreateFinancialAccountInput input, CancellationToken cancellationToken = default)
    {
        var validation = await s_validator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid)
        {
            return new ResourceOutcome<FinancialAccountView>.Invalid(validation.ToProblems());
        }

        var now = ResourceTime.Now(clock);
        var account = new FinancialAccount
        {
            Id = ResourceIds.NewId(ResourceIds.FinancialAccount),
            SpaceId = scope.SpaceId,
            Mode = scope.Mode,
            Uvan = RandomNumberGenerator.GetString("0123456789", 10),
            Name = input.Name!.Trim(),
            Currency = input.Currency!,
            Reference = input.Reference,
            Description = input.Description,
            Metadata = input.Metadata ?? [],
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.FinancialAccounts.Add(account);
        await db.SaveChangesAsync(cancellationToken);
        return new ResourceOutcome<FinancialAccountView>.Done(FinancialAccountView.Of(account));
    }

    public async Task<ResourceOutcome<FinancialAccountView>> GetAsync(
        ResourceScope scope, string id, CancellationToken cancellationToken = default) =>
        await db.FinancialAccounts.AsNoTracking().FindInScopeAsync(scope, id, cancellationToken) is { } account
            ? new ResourceOutcome<FinancialAccountView>.Done(FinancialAccountView.Of(account))
            : new ResourceOutcome<FinancialAccountView>.NotFound();

    public Task<ResourceOutcome<ResourcePage<FinancialAccountView>>> ListAsync(
        ResourceScope scope, PageRequest page, CancellationToken cancellationToken = default) =>
        db.FinancialAccounts.AsNoTracking().InScope(scope).PageAsync(page, FinancialAccountView.Of, cancellationToken);
}
