using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Monime.Portal.Data;
using Monime.Portal.FinancialAccounts;
using Monime.Portal.PaymentCodes;
using Monime.Portal.Payments;
using Monime.Portal.Payouts;
using Monime.Portal.Resources;
using Monime.Portal.Spaces;
using Monime.Portal.Testing;
using Monime.Portal.Tokens;

namespace Monime.Portal.Core.Tests.Resources;

/// <summary>The resource services on a real PostgreSQL; every test works in Spaces of its own.</summary>
public sealed class ResourceServicesTests
{
    private static readonly Money s_amount = new(Currencies.Leone, 1500);

    [Fact]
    public async Task SimulatePaymentAsync_OneTimeCodePaidTwice_RefusesTheSecond()
    {
        await using var db = await TestDatabase.OpenAsync();
        var scope = NewScope(TokenMode.Test);
        var codes = Codes(db);
        var code = Value(await codes.CreateAsync(scope, new CreatePaymentCodeInput("Once", s_amount)));
        await codes.SimulatePaymentAsync(scope, code.Id, new SimulatePaymentInput());

        var second = await codes.SimulatePaymentAsync(scope, code.Id, new SimulatePaymentInput());

        var refused = Assert.IsType<ResourceOutcome<PaymentView>.Refused>(second);
        Assert.Equal(ResourceReasons.PaymentCodeNotPayable, refused.Reason);
        Assert.Equal(1, await db.Payments.CountAsync(p => p.SpaceId == scope.SpaceId));
    }

    [Fact]
    public async Task SimulatePaymentAsync_RecurrentCodeWithTargetOfTwo_CompletesOnTheSecondPayment()
    {
        await using var db = await TestDatabase.OpenAsync();
        var scope = NewScope(TokenMode.Test);
        var codes = Codes(db);
        var code = Value(await codes.CreateAsync(scope, new CreatePaymentCodeInput("Twice", s_amount,
            Mode: PaymentCodeModes.Recurrent, RecurrentPaymentTarget: new RecurrentPaymentTarget(2, null))));

        await codes.SimulatePaymentAsync(scope, code.Id, new SimulatePaymentInput());
        var afterOne = Value(await codes.GetAsync(scope, code.Id));
        await codes.SimulatePaymentAsync(scope, code.Id, new SimulatePaymentInput());
        var afterTwo = Value(await codes.GetAsync(scope, code.Id));

        Assert.Equal(PaymentCodeStatuses.Processing, afterOne.Status);
        Assert.Equal(PaymentCodeStatuses.Completed, afterTwo.Status);
        Assert.Equal(new Money(Currencies.Leone, 3000), afterTwo.Progress.TotalPaymentAmount);
    }

    [Fact]
    public async Task CreateAsync_TestPayoutFromFundedAccount_DebitsTheBalance()
    {
        await using var db = await TestDatabase.OpenAsync();
        var scope = NewScope(TokenMode.Test);
        var accounts = new FinancialAccountService(db, TimeProvider.System);
        var account = Value(await accounts.CreateAsync(scope, new CreateFinancialAccountInput("Float", "SLE")));
        var codes = Codes(db);
        var code = Value(await codes.CreateAsync(scope,
            new CreatePaymentCodeInput("Fund", s_amount, FinancialAccountId: account.Id)));
        await codes.SimulatePaymentAsync(scope, code.Id, new SimulatePaymentInput());
        var payouts = new PayoutService(db, TimeProvider.System, NullLogger<PayoutService>.Instance);

        var payout = Value(await payouts.CreateAsync(scope, new CreatePayoutInput(new Money("SLE", 400),
            new PayoutDestination("momo", "m17", PhoneNumber: "+23276000002"), new PayoutSource(account.Id))));

        Assert.Equal(PayoutStatuses.Completed, payout.Status);
        Assert.Equal(1100, Value(await accounts.GetAsync(scope, account.Id)).Balance.Available.Value);
    }

    [Fact]
    public async Task ListAsync_RowsOfOtherModeAndSpace_AreNeverReturned()
    {
        await using var db = await TestDatabase.OpenAsync();
        var test = NewScope(TokenMode.Test);
        var live = test with { Mode = TokenMode.Live };
        var elsewhere = NewScope(TokenMode.Test);
        var accounts = new FinancialAccountService(db, TimeProvider.System);
        await accounts.CreateAsync(test, new CreateFinancialAccountInput("Test", "SLE"));
        await accounts.CreateAsync(elsewhere, new CreateFinancialAccountInput("Elsewhere", "SLE"));

        var seenLive = Value(await accounts.ListAsync(live, new PageRequest(PageRequest.MaxLimit)));
        var seenTest = Value(await accounts.ListAsync(test, new PageRequest(PageRequest.MaxLimit)));

        Assert.Empty(seenLive.Items);
        Assert.Equal("Test", Assert.Single(seenTest.Items).Name);
    }

    [Fact]
    public async Task ListAsync_ForgedCursor_IsRefused()
    {
        await using var db = await TestDatabase.OpenAsync();
        var accounts = new FinancialAccountService(db, TimeProvider.System);

        var outcome = await accounts.ListAsync(NewScope(TokenMode.Test), new PageRequest(After: "not-a-cursor!"));

        var refused = Assert.IsType<ResourceOutcome<ResourcePage<FinancialAccountView>>.Refused>(outcome);
        Assert.Equal(ResourceReasons.InvalidCursor, refused.Reason);
    }

    private static ResourceScope NewScope(TokenMode mode) => new(SpaceIds.NewId(), mode);

    private static PaymentCodeService Codes(PortalDbContext db) =>
        new(db, TimeProvider.System, NullLogger<PaymentCodeService>.Instance);

    private static T Value<T>(ResourceOutcome<T> outcome) => Assert.IsType<ResourceOutcome<T>.Done>(outcome).Value;
}
