using FluentValidation;
using Monime.Portal.Resources;

namespace Monime.Portal.PaymentCodes;

public sealed class CreatePaymentCodeValidator : AbstractValidator<CreatePaymentCodeInput>
{
    public CreatePaymentCodeValidator()
    {
        RuleFor(input => input.Name)
            .Must(name => !string.IsNullOrWhiteSpace(name)).WithMessage("Give the payment code a name.")
            .MaximumLength(ResourceValidation.MaxNameLength);
        RuleFor(input => input.Amount).ValidAmount();
        RuleFor(input => input.Mode)
            .Must(mode => mode is null || PaymentCodeModes.IsKnown(mode))
            .WithMessage($"The mode is {PaymentCodeModes.OneTime} or {PaymentCodeModes.Recurrent}.");
        RuleFor(input => input.Duration)
            .Must(duration => duration is null || PaymentCodeDurations.TryParse(duration, out _))
            .WithMessage($"Write the duration like 1h30m, between {PaymentCodeDurations.Minimum.TotalMinutes} " +
                $"minute and {PaymentCodeDurations.Maximum.TotalDays} days.");
        RuleFor(input => input.Customer!.Name).MaximumLength(ResourceValidation.MaxNameLength)
            .When(input => input.Customer is not null);
        RuleFor(input => input.Reference).MaximumLength(ResourceValidation.MaxReferenceLength);
        RuleFor(input => input.AuthorizedPhoneNumber).Must(PhoneNumbers.IsPlausible)
            .WithMessage("Write the phone number with digits only, optionally after a '+'.");
        RuleFor(input => input.RecurrentPaymentTarget).Null()
            .When(input => input.Mode is null or PaymentCodeModes.OneTime)
            .WithMessage("A payment target applies to recurrent codes only.");
        When(input => input.RecurrentPaymentTarget is not null, () =>
        {
            RuleFor(input => input.RecurrentPaymentTarget!.ExpectedPaymentCount).GreaterThan(0);
            RuleFor(input => input.RecurrentPaymentTarget!.ExpectedPaymentTotal!.Value).GreaterThan(0)
                .When(input => input.RecurrentPaymentTarget!.ExpectedPaymentTotal is not null);
            RuleFor(input => input.RecurrentPaymentTarget!.ExpectedPaymentTotal!.Currency)
                .Equal(input => input.Amount!.Currency)
                .When(input => input.RecurrentPaymentTarget!.ExpectedPaymentTotal is not null
                    && input.Amount is not null)
                .WithMessage("The target total is in the currency of the amount.");
        });
        RuleFor(input => input.Metadata).ValidMetadata();
    }
}
