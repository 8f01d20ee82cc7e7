using FluentValidation.Results;

namespace Monime.Portal.Tokens;

public abstract record CreateTokenResult
{
    private CreateTokenResult()
    {
    }

    /// <summary>The only moment the token's full value exists outside the caller's hands.</summary>
    public sealed record Created(AccessToken Token, IssuedToken Issued) : CreateTokenResult;

    /// <summary>The same form was submitted before; its token exists and its secret is not shown again.</summary>
    public sealed record AlreadyCreated(AccessToken Token) : CreateTokenResult;

    public sealed record Invalid(IReadOnlyList<ValidationFailure> Errors) : CreateTokenResult;
}
