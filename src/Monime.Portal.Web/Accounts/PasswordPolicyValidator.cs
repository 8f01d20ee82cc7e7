using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Monime.Portal.Accounts;

namespace Monime.Portal.Web.Accounts;

/// <summary>Refuses over-long passwords and the most common ones; length is checked by Identity itself.</summary>
public sealed class PasswordPolicyValidator(IOptions<AccountSecurityOptions> options) : IPasswordValidator<Monimeer>
{
    public Task<IdentityResult> ValidateAsync(UserManager<Monimeer> manager, Monimeer user, string? password)
    {
        if (password is null)
        {
            return Task.FromResult(IdentityResult.Success);
        }

        if (password.Length > options.Value.MaxPasswordLength)
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordTooLong",
                Description = $"Use at most {options.Value.MaxPasswordLength} characters.",
            }));
        }

        if (CommonPasswords.Contains(password)
            || string.Equals(password, user.Email, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordTooCommon",
                Description = "This password is among the most used ones; choose another.",
            }));
        }

        return Task.FromResult(IdentityResult.Success);
    }
}
