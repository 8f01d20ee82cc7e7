using Monime.Portal;
using Monime.Portal.Web.Accounts;
using Monime.Portal.Web.Api;
using Monime.Portal.Web.Api.Resources;
using Monime.Portal.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddPortalLogging();
builder.Services.AddPortalCore(builder.Configuration);
builder.Services.AddPortalIdentity(builder.Configuration);
builder.Services.AddPortalWeb(builder.Configuration);
builder.Services.AddPortalApi(builder.Configuration);

var app = builder.Build();

if (await app.RunCommandAsync(args))
{
    return;
}

await app.PrepareDatabaseAsync();

app.UsePortalPipeline();
app.UsePortalApi();
app.MapPortalHealth();
app.MapRazorPages();
app.MapResourceEndpoints();

await app.RunAsync();

/// <summary>Entry point; public so that the test host can start it.</summary>
public partial class Program;
