using Microsoft.EntityFrameworkCore;
using Monime.Portal.Data;
using Monime.Portal.Resources;

namespace Monime.Portal.Payments;

/// <summary>Reads payments of one Space and mode. Payments are made by payment codes, never created here.</summary>
public sealed class PaymentService(PortalDbContext db)
{
    public async Task<ResourceOutcome<PaymentView>> GetAsync(
        ResourceScope scope, string id, CancellationToken cancellationToken = default) =>
        await db.Payments.AsNoTracking().FindInScopeAsync(scope, id, cancellationToken) is { } payment
            ? new ResourceOutcome<PaymentView>.Done(PaymentView.Of(payment))
            : new ResourceOutcome<PaymentView>.NotFound();

    public Task<ResourceOutcome<ResourcePage<PaymentView>>> ListAsync(
        ResourceScope scope, PageRequest page, CancellationToken cancellationToken = default) =>
        db.Payments.AsNoTracking().InScope(scope).PageAsync(page, PaymentView.Of, cancellationToken);
}
