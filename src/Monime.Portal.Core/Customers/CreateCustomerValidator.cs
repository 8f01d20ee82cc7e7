using FluentValidation;
using Monime.Portal.Resources;

namespace Monime.Portal.Customers;

public sealed class CreateCustomerValidator : AbstractValidator<CreateCustomerInput>
{
    private const int MaxEmailLength = 254;

    public CreateCustomerValidator()
    {
        RuleFor(input => input.Name)
            .Must(name => !string.IsNullOrWhiteSpace(name)).WithMessage("Give the customer a name.")
            .MaximumLength(ResourceValidation.MaxNameLength);
        RuleFor(input => input.Email).EmailAddress().MaximumLength(MaxEmailLength)
            .When(input => input.Email is not null);
        RuleFor(input => input.PhoneNumber).Must(PhoneNumbers.IsPlausible)
            .WithMessage("Write the phone number with digits, optionally after '+'.");
        RuleFor(input => input.Reference).MaximumLength(ResourceValidation.MaxReferenceLength);
        RuleFor(input => input.Metadata).ValidMetadata();
    }
}
