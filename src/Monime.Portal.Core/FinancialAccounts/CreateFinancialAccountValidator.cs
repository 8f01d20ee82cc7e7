using FluentValidation;
using Monime.Portal.Resources;

namespace Monime.Portal.FinancialAccounts;

public sealed class CreateFinancialAccountValidator : AbstractValidator<CreateFinancialAccountInput>
{
    public CreateFinancialAccountValidator()
    {
        RuleFor(input => input.Name)
            .Must(name => !string.IsNullOrWhiteSpace(name)).WithMessage("Give the account a name.")
            .MaximumLength(ResourceValidation.MaxNameLength);
        RuleFor(input => input.Currency).Must(Currencies.IsKnown)
            .WithMessage($"The currency must be one of {string.Join(", ", Currencies.All)}.");
        RuleFor(input => input.Reference).MaximumLength(ResourceValidation.MaxReferenceLength);
        RuleFor(input => input.Description).MaximumLength(ResourceValidation.MaxDescriptionLength);
        RuleFor(input => input.Metadata).ValidMetadata();
    }
}
