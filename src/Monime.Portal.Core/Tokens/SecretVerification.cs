namespace Monime.Portal.Tokens;

public enum SecretVerification
{
    Failed = 0,
    Succeeded = 1,

    /// <summary>Correct, but hashed with weaker parameters than configured: store a fresh hash.</summary>
    SucceededRehashNeeded = 2,
}
