using System.Security.Cryptography;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Monime.Portal.Data;
using Monime.Portal.Payments;
using Monime.Portal.Resources;
using Monime.Portal.Tokens;

namespace Monime.Portal.PaymentCodes;

/// <summary>Payment codes of one Space and mode, and the simulated payments that test mode allows on them.</summary>
public sealed class PaymentCodeService(PortalDbContext db, TimeProvider clock, ILogger<PaymentCodeService> logger)
{
    private const string DefaultProvider = "m17";

    private static readonly CreatePaymentCodeValidator s_validator = new();

    public async Task<ResourceOutcome<PaymentCodeView>> CreateAsync(
        ResourceScope scope, CreatePaymentCodeInput input, CancellationToken cancellationToken = default)
    {
        var validation = await s_validator.ValidateAsync(input, cancellationToken);
        if (validation.IsValid && input.FinancialAccountId is { } accountId)
        {
            var currency = await db.FinancialAccounts.InScope(scope).Where(a => a.Id == accountId)
                .Select(a => a.Currency).FirstOrDefaultAsync(cancellationToken);
            if (currency != input.Amount!.Currency)
            {
                validation.Errors.Add(new ValidationFailure(nameof(input.FinancialAccountId), currency is null
                    ? "No financial account with this id in this Space."
                    : "The financial account holds another currency than the amount."));
            }
        }

        if (!validation.IsValid)
        {
            return new ResourceOutcome<PaymentCodeView>.Invalid(validation.ToProblems());
        }

        var now = ResourceTime.Now(clock);
        var duration = input.Duration is { } text && PaymentCodeDurations.TryParse(text, out var parsed)
            ? parsed
            : PaymentCodeDurations.Default;

        var code = new PaymentCode
        {
            Id = ResourceIds.NewId(ResourceIds.PaymentCode),
            SpaceId = scope.SpaceId,
            Mode = scope.Mode,
            UsageMode = input.Mode ?? PaymentCodeModes.OneTime,
            Status = PaymentCodeStatuses.Pending,
            Name = input.Name!.Trim(),
            Amount = input.Amount!,
            Enable = input.Enable ?? true,
            ExpireTime = now + duration,
            CustomerName = input.Customer?.Name,
            UssdCode = "*715*" + RandomNumberGenerator.GetString("0123456789", 10) + "#",
            Reference = input.Reference,
            AuthorizedPhoneNumber = input.AuthorizedPhoneNumber,
            ExpectedPaymentCount = input.RecurrentPaymentTarget?.ExpectedPaymentCount,
            ExpectedPaymentTotal = input.RecurrentPaymentTarget?.ExpectedPaymentTotal?.Value,
            FinancialAccountId = input.FinancialAccountId,
            Metadata = input.Metadata ?? [],
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.PaymentCodes.Add(code);
        await db.SaveChangesAsync(cancellationToken);
        return new ResourceOutcome<PaymentCodeView>.Done(PaymentCodeView.Of(code, now));
    }

    public async Task<ResourceOutcome<PaymentCodeView>> GetAsync(
        ResourceScope scope, string id, CancellationToken cancellationToken = default) =>
        await db.PaymentCodes.AsNoTracking().FindInScopeAsync(scope, id, cancellationToken) is { } code
            ? new ResourceOutcome<PaymentCodeView>.Done(PaymentCodeView.Of(code, clock.GetUtcNow()))
            : new ResourceOutcome<PaymentCodeView>.NotFound();

    public Task<ResourceOutcome<ResourcePage<PaymentCodeView>>> ListAsync(
        ResourceScope scope, PageRequest page, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        return db.PaymentCodes.AsNoTracking().InScope(scope)
            .PageAsync(page, code => PaymentCodeView.Of(code, now), cancellationToken);
    }

    /// <summary>Removes the code; payments it already took stay, and still name it as their owner.</summary>
    public async Task<ResourceOutcome<ResourceDeletion>> DeleteAsync(
        ResourceScope scope, string id, CancellationToken cancellationToken = default)
    {
        var deleted = await db.PaymentCodes.InScope(scope).Where(c => c.Id == id)
            .ExecuteDeleteAsync(cancellationToken);
        if (deleted == 0)
        {
            return new ResourceOutcome<ResourceDeletion>.NotFound();
        }

        ResourceLog.PaymentCodeDeleted(logger, id, scope.SpaceId);
        return new ResourceOutcome<ResourceDeletion>.Done(new ResourceDeletion(id, Deleted: true));
    }

    /// <summary>
    /// Pays the code as a customer dialling it would: a completed payment, the code's progress and status
    /// moved on, and its financial account credited, all in one transaction. Test mode only, because a live
    /// payment must come from real money.
    /// </summary>
    public async Task<ResourceOutcome<PaymentView>> SimulatePaymentAsync(
        ResourceScope scope, string id, SimulatePaymentInput input, CancellationToken cancellationToken = default)
    {
        if (scope.Mode != TokenMode.Test)
        {
            return new ResourceOutcome<PaymentView>.Refused(ResourceReasons.LiveModeSimulation,
                "Payments can be simulated with test tokens only; live payments come from real customers.");
        }

        if (!PhoneNumbers.IsPlausible(input.PhoneNumber)
            || input.ProviderId is { Length: 0 or > 16 })
        {
            return new ResourceOutcome<PaymentView>.Invalid([.. new[]
            {
                PhoneNumbers.IsPlausible(input.PhoneNumber) ? null
                    : new FieldProblem("phoneNumber", "Write the phone number with digits, optionally after '+'."),
                input.ProviderId is { Length: 0 or > 16 }
                    ? new FieldProblem("providerId", "A provider id is 1 to 16 characters, e.g. m17.") : null,
            }.OfType<FieldProblem>()]);
        }

        try
        {
            return await db.Database.CreateExecutionStrategy().ExecuteAsync(
                () => PayAsync(scope, id, input, cancellationToken));
        }
        catch (DbUpdateConcurrencyException)
        {
            ResourceLog.ConcurrentChange(logger, id, scope.SpaceId);
            return new ResourceOutcome<PaymentView>.Refused(ResourceReasons.Conflict,
                "The payment code changed while it was being paid; try again.", 409);
        }
    }

    private async Task<ResourceOutcome<PaymentView>> PayAsync(
        ResourceScope scope, string id, SimulatePaymentInput input, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var code = await db.PaymentCodes.FindInScopeAsync(scope, id, cancellationToken);
        if (code is null)
        {
            return new ResourceOutcome<PaymentView>.NotFound();
        }

        var now = ResourceTime.Now(clock);
        var status = code.StatusAt(now);
        if (!code.Enable || status is not (PaymentCodeStatuses.Pending or PaymentCodeStatuses.Processing))
        {
            return new ResourceOutcome<PaymentView>.Refused(ResourceReasons.PaymentCodeNotPayable,
                $"The payment code is {(code.Enable ? status : "disabled")} and takes no more payments.", 409);
        }

        var payment = new Payment
        {
            Id = ResourceIds.NewId(ResourceIds.Payment),
            SpaceId = scope.SpaceId,
            Mode = scope.Mode,
            Status = PaymentStatuses.Completed,
            Amount = code.Amount,
            ChannelType = "momo",
            ChannelProvider = input.ProviderId ?? DefaultProvider,
            ChannelPhoneNumber = input.PhoneNumber ?? code.AuthorizedPhoneNumber,
            Name = code.Name,
            Reference = code.Reference,
            FinancialAccountId = code.FinancialAccountId,
            FinancialTransactionReference = code.FinancialAccountId is null ? null : TransactionReferences.New(now),
            PaymentCodeId = code.Id,
            Metadata = new Dictionary<string, string>(code.Metadata),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Payments.Add(payment);

        code.PaymentCount++;
        code.PaidTotal += code.Amount.Value;
        code.LastPaymentId = payment.Id;
        code.LastTransactionReference = payment.FinancialTransactionReference;
        code.Status = IsDone(code) ? PaymentCodeStatuses.Completed : PaymentCodeStatuses.Processing;
        code.UpdatedAt = now;

        if (code.FinancialAccountId is { } accountId)
        {
            // One SQL increment, so concurrent payments into the same account never lose each other's credit.
            await db.FinancialAccounts.InScope(scope).Where(a => a.Id == accountId)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(a => a.BalanceAvailable, a => a.BalanceAvailable + code.Amount.Value)
                    .SetProperty(a => a.UpdatedAt, now), cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        ResourceLog.PaymentSimulated(logger, payment.Id, code.Id, scope.SpaceId);
        return new ResourceOutcome<PaymentView>.Done(PaymentView.Of(payment));
    }

    private static bool IsDone(PaymentCode code) =>
        code.UsageMode == PaymentCodeModes.OneTime
        || (code.ExpectedPaymentCount is { } count && code.PaymentCount >= count)
        || (code.ExpectedPaymentTotal is { } total && code.PaidTotal >= total);
}
