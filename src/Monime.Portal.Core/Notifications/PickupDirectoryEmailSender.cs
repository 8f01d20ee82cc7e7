using System.Globalization;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Monime.Portal.Notifications;

/// <summary>
/// Writes each mail as an .eml file into <see cref="EmailOptions.PickupDirectory"/>, where a person (or a test)
/// can open it. Used in Development and Testing; no mail leaves the machine.
/// </summary>
public sealed class PickupDirectoryEmailSender(
    IOptions<EmailOptions> options, IHostEnvironment environment, TimeProvider clock) : IPortalEmailSender
{
    public string Directory { get; } = Path.GetFullPath(options.Value.PickupDirectory, environment.ContentRootPath);

    public async Task SendAsync(PortalEmail email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        System.IO.Directory.CreateDirectory(Directory);
        var now = clock.GetUtcNow();
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"From: {options.Value.From}\r\n")
            .Append(CultureInfo.InvariantCulture, $"To: {email.To}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Subject: {email.Subject}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Date: {now:R}\r\n")
            .Append("Content-Type: text/plain; charset=utf-8\r\n\r\n")
            .Append(email.Body)
            .ToString();
        var name = string.Create(CultureInfo.InvariantCulture, $"{now:yyyyMMddTHHmmssfff}-{Guid.NewGuid():N}.eml");
        await File.WriteAllTextAsync(Path.Combine(Directory, name), text, cancellationToken);
    }
}
