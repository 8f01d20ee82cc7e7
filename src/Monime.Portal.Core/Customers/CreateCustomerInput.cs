namespace Monime.Portal.Customers;

public sealed record CreateCustomerInput(
    string? Name,
    string? Email = null,
    string? PhoneNumber = null,
    string? Reference = null,
    Dictionary<string, string>? Metadata = null);
