using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Monime.Portal.Data;
using Monime.Portal.Resources;
using Monime.Portal.Tokens;

namespace Monime.Portal.Payouts;

/// <summary>
/// Payouts of one Space and mode. No money ever leaves the portal: a test payout is settled at once against
/// the simulated balance of its source account (failing with <c>insufficient_funds</c> when it is short),
/// while a live payout is recorded and stays <c>pending</c>, since the portal is connected to no bank or
/// mobile-money operator. A pending payout can be cancelled.
/// </summary>
public sealed class PayoutService(PortalDbContext db, TimeProvider clock, ILogger<PayoutService> logger)
{
    private static readonly CreatePayoutValidator s_validator = new();

    public async Task<ResourceOutcome<PayoutView>> CreateAsync(
        ResourceScope scope, CreatePayoutInput input, CancellationToken cancellationToken = default)
    {
        var validation = await s_validator.ValidateAsync(input, cancellationToken);
        if (validation.IsValid && input.Source?.FinancialAccountId is { } accountId)
        {
            var currency = await db.FinancialAccounts.InScope(scope).Where(a => a.Id == accountId)
                .Select(a => a.Currency).FirstOrDefaultAsync(cancellationToken);
            if (currency != input.Amount!.Currency)
            {
                validation.Errors.Add(new ValidationFailure("Source.FinancialAccountId", currency is null
                    ? "No financial account with this id in this Space."
                    : "The financial account holds another currency than the amount."));
            }
        }

        if (!validation.IsValid)
        {
            return new ResourceOutcome<PayoutView>.Invalid(validation.ToProblems());
        }

        var payout = await db.Database.CreateExecutionStrategy().ExecuteAsync(
            () => RecordAsync(scope, input, cancellationToken));
        ResourceLog.PayoutCreated(logger, payout.Id, scope.Mode, scope.SpaceId, payout.Status);
        return new ResourceOutcome<PayoutView>.Done(PayoutView.Of(payout));
    }

    public async Task<ResourceOutcome<PayoutView>> GetAsync(
        ResourceScope scope, string id, CancellationToken cancellationToken = default) =>
        await db.Payouts.AsNoTracking().FindInScopeAsync(scope, id, cancellationToken) is { } payout
            ? new ResourceOutcome<PayoutView>.Done(PayoutView.Of(payout))
            : new ResourceOutcome<PayoutView>.NotFound();

    public Task<ResourceOutcome<ResourcePage<PayoutView>>> ListAsync(
        ResourceScope scope, PageRequest page, CancellationToken cancellationToken = default) =>
        db.Payouts.AsNoTracking().InScope(scope).PageAsync(page, PayoutView.Of, cancellationToken);

    /// <summary>Cancels a payout that has not started; one already settled or failed cannot be taken back.</summary>
    public async Task<ResourceOutcome<PayoutView>> CancelAsync(
        ResourceScope scope, string id, CancellationToken cancellationToken = default)
    {
        var payout = await db.Payouts.FindInScopeAsync(scope, id, cancellationToken);
        if (payout is null)
        {
            return new ResourceOutcome<PayoutView>.NotFound();
        }

        if (payout.Status != PayoutStatuses.Pending)
        {
            return new ResourceOutcome<PayoutView>.Refused(ResourceReasons.PayoutNotCancellable,
                $"The payout is {payout.Status}; only a pending payout can be cancelled.", 409);
        }

        payout.Status = PayoutStatuses.Cancelled;
        payout.UpdatedAt = ResourceTime.Now(clock);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            ResourceLog.ConcurrentChange(logger, id, scope.SpaceId);
            return new ResourceOutcome<PayoutView>.Refused(ResourceReasons.Conflict,
                "The payout changed while it was being cancelled; read it again.", 409);
        }

        ResourceLog.PayoutCancelled(logger, id, scope.SpaceId);
        return new ResourceOutcome<PayoutView>.Done(PayoutView.Of(payout));
    }

    private async Task<Payout> RecordAsync(
        ResourceScope scope, CreatePayoutInput input, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = ResourceTime.Now(clock);
        var destination = input.Destination!;
        var payout = new Payout
        {
            Id = ResourceIds.NewId(ResourceIds.Payout),
            SpaceId = scope.SpaceId,
            Mode = scope.Mode,
            Status = PayoutStatuses.Pending,
            Amount = input.Amount!,
            SourceFinancialAccountId = input.Source?.FinancialAccountId,
            DestinationType = destination.Type!,
            DestinationProviderId = destination.ProviderId!,
            DestinationAccountNumber = destination.AccountNumber,
            DestinationPhoneNumber = destination.PhoneNumber,
            DestinationWalletId = destination.WalletId,
            Metadata = input.Metadata ?? [],
            CreatedAt = now,
            UpdatedAt = now,
        };

        if (scope.Mode == TokenMode.Test)
        {
            await SettleSimulatedAsync(scope, payout, now, cancellationToken);
        }

        db.Payouts.Add(payout);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return payout;
    }

    private async Task SettleSimulatedAsync(
        ResourceScope scope, Payout payout, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (payout.SourceFinancialAccountId is { } accountId)
        {
            // Debit only when the balance covers it, in one statement, so two payouts can never overdraw.
            var value = payout.Amount.Value;
            var debited = await db.FinancialAccounts.InScope(scope)
                .Where(a => a.Id == accountId && a.BalanceAvailable >= value)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(a => a.BalanceAvailable, a => a.BalanceAvailable - value)
                    .SetProperty(a => a.UpdatedAt, now), cancellationToken);
            if (debited == 0)
            {
                payout.Status = PayoutStatuses.Failed;
                payout.FailureCode = "insufficient_funds";
                payout.FailureMessage = "The source financial account's available balance is below the amount.";
                return;
            }

            payout.SourceTransactionReference = TransactionReferences.New(now);
        }

        payout.Status = PayoutStatuses.Completed;
    }
}
