using FluentValidation;
using FluentValidation.Results;

namespace Monime.Portal.Resources;

/// <summary>Rules shared by every create request, and the translation of failures to JSON field paths.</summary>
public static class ResourceValidation
{
    public const int MaxMetadataEntries = 64;

    public const int MaxMetadataKeyLength = 100;

    public const int MaxMetadataValueLength = 500;

    public const int MaxNameLength = 100;

    public const int MaxReferenceLength = 255;

    public const int MaxDescriptionLength = 500;

    public static IReadOnlyList<FieldProblem> ToProblems(this ValidationResult result) =>
        [.. result.Errors.Select(e => new FieldProblem(JsonPath(e.PropertyName), e.ErrorMessage))];

    public static IRuleBuilderOptions<T, Dictionary<string, string>?> ValidMetadata<T>(
        this IRuleBuilder<T, Dictionary<string, string>?> rule) =>
        rule.Must(metadata => metadata is null || metadata.Count <= MaxMetadataEntries)
            .WithMessage($"Metadata holds at most {MaxMetadataEntries} entries.")
            .Must(metadata => metadata is null || metadata.All(entry =>
                entry.Key.Length is > 0 and <= MaxMetadataKeyLength
                && entry.Value is not null && entry.Value.Length <= MaxMetadataValueLength))
            .WithMessage($"Metadata keys are 1 to {MaxMetadataKeyLength} characters and values at most " +
                $"{MaxMetadataValueLength}.");

    public static IRuleBuilderOptions<T, Money?> ValidAmount<T>(this IRuleBuilder<T, Money?> rule) =>
        rule.NotNull().WithMessage("Give an amount: { \"currency\": \"SLE\", \"value\": <minor units> }.")
            .ChildRules(amount =>
            {
                amount.RuleFor(m => m!.Currency).Must(Currencies.IsKnown)
                    .WithMessage($"The currency must be one of {string.Join(", ", Currencies.All)}.");
                amount.RuleFor(m => m!.Value).GreaterThan(0)
                    .WithMessage("The value is in minor units and must be above zero.");
            });

    // FluentValidation names members the C# way ("Amount.Value"); callers wrote JSON ("amount.value").
    private static string JsonPath(string propertyName) =>
        string.Join('.', propertyName.Split('.').Select(part =>
            part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));
}
