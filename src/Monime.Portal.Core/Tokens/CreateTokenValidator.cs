using System.Globalization;
using FluentValidation;

namespace Monime.Portal.Tokens;

/// <summary>
/// The rules of the create dialog, enforced on the server whatever the browser allowed. It is built per
/// request because two rules depend on who asks (their Spaces) and when (today).
/// </summary>
public sealed class CreateTokenValidator : AbstractValidator<CreateTokenInput>
{
    public CreateTokenValidator(IReadOnlySet<string> ownerSpaceIds, DateTimeOffset now, TokenOptions options)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var lastAllowedDay = today.AddDays(options.MaxCustomLifetimeDays);

        RuleFor(input => input.Name)
            .Must(name => !string.IsNullOrWhiteSpace(name)).WithMessage("Give the token a name.")
            .MaximumLength(TokenRules.MaxNameLength)
            .WithMessage($"Keep the name within {TokenRules.MaxNameLength} characters.")
            .Must(name => !TextRules.HasControlOrBidiCharacters(name))
            .WithMessage("The name may not contain control or text-direction characters.");

        RuleFor(input => input.Mode).IsInEnum().WithMessage("Choose test or live mode.");
        RuleFor(input => input.Expiry).IsInEnum().WithMessage("Choose an expiry.");

        RuleFor(input => input.ApiRelease)
            .Must(ApiReleases.IsKnown)
            .WithMessage($"Choose an API release: {string.Join(", ", ApiReleases.All)}.");

        When(input => input.Mode == TokenMode.Test, () =>
        {
            RuleFor(input => input.Expiry).Equal(TokenExpiry.TwoMonths)
                .WithMessage("Test tokens always expire after 2 months.");
            RuleFor(input => input.WhitelistedSpaceId).Empty()
                .WithMessage("Space whitelisting is for live tokens only.");
            RuleFor(input => input.IpWhitelist).Must(text => string.IsNullOrWhiteSpace(text))
                .WithMessage("IP whitelisting is for live tokens only.");
        });

        When(input => input.Expiry == TokenExpiry.Custom, () =>
        {
            RuleFor(input => input.CustomExpiresOn)
                .NotNull().WithMessage("Pick the last day on which the token works.")
                .GreaterThan(today).WithMessage("The expiry date must lie in the future.")
                .LessThanOrEqualTo(lastAllowedDay)
                .WithMessage($"The expiry date may be at most {options.MaxCustomLifetimeDays} days ahead " +
                    $"({lastAllowedDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}).");
        });

        RuleFor(input => input.WhitelistedSpaceId)
            .Must(id => string.IsNullOrEmpty(id) || ownerSpaceIds.Contains(id))
            .WithMessage("Choose one of your own Spaces.");

        RuleFor(input => input.IpEntries())
            .Must(entries => entries.Count <= TokenRules.MaxIpEntries)
            .WithMessage($"Whitelist at most {TokenRules.MaxIpEntries} addresses or ranges.")
            .OverridePropertyName(nameof(CreateTokenInput.IpWhitelist));
        RuleFor(input => input)
            .Custom((input, context) =>
            {
                foreach (var entry in input.IpEntries())
                {
                    if (!IpRule.TryParse(entry, out _, out var error))
                    {
                        context.AddFailure(nameof(CreateTokenInput.IpWhitelist), error!);
                    }
                }
            });

        RuleForEach(input => input.Services)
            .Must(key => PermissionCatalog.FindService(key) is not null)
            .WithMessage((_, key) => $"'{key}' is not a service.");

        RuleFor(input => input.Permissions)
            .NotEmpty().WithMessage("Grant at least one permission.");
        RuleForEach(input => input.Permissions)
            .Must(PermissionCatalog.IsPermission)
            .WithMessage((_, permission) => $"'{permission}' is not a permission of the catalog.")
            .Must((input, permission) => input.Services.Count == 0
                || input.Services.Contains(PermissionCatalog.ServiceOf(permission)?.Key ?? ""))
            .WithMessage((_, permission) => $"'{permission}' belongs to a service you did not select.");
    }
}
