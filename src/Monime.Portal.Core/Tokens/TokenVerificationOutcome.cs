namespace Monime.Portal.Tokens;

/// <summary>
/// Why a presented token was or was not accepted. <see cref="Unknown"/> and <see cref="WrongSecret"/> look the
/// same to the caller; they are told apart only inside the portal (usage, throttling, "why refused").
/// </summary>
public enum TokenVerificationOutcome
{
    Verified = 0,
    Unknown = 1,
    WrongSecret = 2,
    Revoked = 3,
    Expired = 4,

    /// <summary>The token's prefix names one mode and its row the other: a forged or corrupted token.</summary>
    ModeMismatch = 5,

    /// <summary>The database could not be asked; the token is neither accepted nor refused.</summary>
    Unavailable = 6,

    /// <summary>
    /// The token exists, its secret is not one already proven, and its attempts for this minute are used up: the
    /// secret was not hashed (<see cref="SecretFailureThrottle.TryTakeAttempt"/>).
    /// </summary>
    Throttled = 7,

    /// <summary>The secret is right, but an admin has disabled the account that owns the token.</summary>
    OwnerDisabled = 8,
}
