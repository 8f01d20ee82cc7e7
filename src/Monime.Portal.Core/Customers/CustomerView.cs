namespace Monime.Portal.Customers;

public sealed record CustomerView(
    string Id,
    string Name,
    string? Email,
    string? PhoneNumber,
    string? Reference,
    DateTimeOffset CreateTime,
    DateTimeOffset UpdateTime,
    IReadOnlyDictionary<string, string>? Metadata)
{
    public static CustomerView Of(Customer customer) => new(
        customer.Id, customer.Name, customer.Email, customer.PhoneNumber, customer.Reference,
        customer.CreatedAt, customer.UpdatedAt, customer.Metadata.Count == 0 ? null : customer.Metadata);
}
