using Microsoft.Extensions.DependencyInjection;
using Monime.Portal.Analytics;
using Monime.Portal.Customers;
using Monime.Portal.FinancialAccounts;
using Monime.Portal.PaymentCodes;
using Monime.Portal.Payments;
using Monime.Portal.Payouts;

namespace Monime.Portal.Resources;

public static class ResourceServiceCollectionExtensions
{
    /// <summary>The services behind the API's resources (accounts, codes, payments, payouts, customers).</summary>
    public static IServiceCollection AddPortalResources(this IServiceCollection services)
    {
        services.AddScoped<FinancialAccountService>();
        services.AddScoped<PaymentCodeService>();
        services.AddScoped<PaymentService>();
        services.AddScoped<PayoutService>();
        services.AddScoped<CustomerService>();
        services.AddScoped<AnalyticsService>();
        return services;
    }
}
