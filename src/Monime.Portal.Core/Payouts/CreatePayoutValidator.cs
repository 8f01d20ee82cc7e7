using FluentValidation;
using Monime.Portal.Resources;

namespace Monime.Portal.Payouts;

public sealed class CreatePayoutValidator : AbstractValidator<CreatePayoutInput>
{
    private const int MaxNumberLength = 64;

    public CreatePayoutValidator()
    {
        RuleFor(input => input.Amount).ValidAmount();
        RuleFor(input => input.Destination).NotNull().WithMessage("Say where the payout goes.");
        When(input => input.Destination is not null, () =>
        {
            RuleFor(input => input.Destination!.Type).Must(PayoutDestinationTypes.IsKnown)
                .WithMessage("The destination type is bank, momo or wallet.");
            RuleFor(input => input.Destination!.ProviderId).NotEmpty().MaximumLength(16)
                .WithMessage("Name the provider, e.g. m17 for a mobile-money operator or b01 for a bank.");
            RuleFor(input => input.Destination!.PhoneNumber)
                .NotEmpty().WithMessage("A mobile-money payout needs the phone number.")
                .Must(PhoneNumbers.IsPlausible).WithMessage("Write the phone number with digits, optionally after '+'.")
                .When(input => input.Destination!.Type == PayoutDestinationTypes.MobileMoney);
            RuleFor(input => input.Destination!.AccountNumber)
                .NotEmpty().WithMessage("A bank payout needs the account number.").MaximumLength(MaxNumberLength)
                .When(input => input.Destination!.Type == PayoutDestinationTypes.Bank);
            RuleFor(input => input.Destination!.WalletId)
                .NotEmpty().WithMessage("A wallet payout needs the wallet id.").MaximumLength(MaxNumberLength)
                .When(input => input.Destination!.Type == PayoutDestinationTypes.Wallet);
        });
        RuleFor(input => input.Source!.FinancialAccountId).NotEmpty()
            .WithMessage("Name the financial account to pay from, or leave the source out.")
            .When(input => input.Source is not null);
        RuleFor(input => input.Metadata).ValidMetadata();
    }
}
