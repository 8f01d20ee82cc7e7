using Microsoft.Extensions.Options;
using Monime.Portal.Tokens;

namespace Monime.Portal.Core.Tests.Tokens;

public sealed class Argon2SecretHasherTests : IDisposable
{
    private readonly Argon2SecretHasher _hasher = new(Options.Create(new Argon2Options()));

    [Fact]
    public async Task HashAsync_DefaultOptions_WritesOwaspMinimumPhcString()
    {
        var phc = await _hasher.HashAsync("secret");

        Assert.StartsWith("$argon2id$v=19$m=19456,t=2,p=1$", phc, StringComparison.Ordinal);
        Assert.Equal(6, phc.Split('$').Length);
    }

    [Fact]
    public async Task HashAsync_SameSecretTwice_UsesDifferentSalts()
    {
        var first = await _hasher.HashAsync("secret");
        var second = await _hasher.HashAsync("secret");

        Assert.NotEqual(first.Split('$')[4], second.Split('$')[4]);
    }

    [Fact]
    public async Task VerifyAsync_ManyUnprovenAtOnce_RunOneAtATimeWhileProvenOnesProceed()
    {
        // Cheap parameters: the point is how many run together, not what each costs.
        using var hasher = new Argon2SecretHasher(Options.Create(new Argon2Options
        {
            MemoryKib = 1024,
            Iterations = 2,
            MaxConcurrentHashes = 4,
            MaxConcurrentUnprovenChecks = 1,
        }));
        var phc = await hasher.HashAsync("right");

        var guesses = Enumerable.Range(0, 8).Select(i => Task.Run(() => hasher.VerifyAsync($"guess {i}", phc, true)));
        var proven = Task.Run(() => hasher.VerifyAsync("right", phc, unproven: false));
        var outcomes = await Task.WhenAll(guesses);

        Assert.All(outcomes, outcome => Assert.Equal(SecretVerification.Failed, outcome));
        Assert.Equal(SecretVerification.Succeeded, await proven);
        Assert.Equal(1, hasher.PeakUnprovenChecks);
        Assert.Equal(10, hasher.Evaluations);
    }

    [Fact]
    public async Task VerifyAsync_RightAndWrongSecret_SucceedsAndFails()
    {
        var phc = await _hasher.HashAsync("right");

        var right = await _hasher.VerifyAsync("right", phc);
        var wrong = await _hasher.VerifyAsync("wrong", phc);

        Assert.Equal(SecretVerification.Succeeded, right);
        Assert.Equal(SecretVerification.Failed, wrong);
    }

    [Fact]
    public async Task VerifyAsync_HashMadeWithWeakerParameters_AsksForRehash()
    {
        using var weak = new Argon2SecretHasher(Options.Create(new Argon2Options { MemoryKib = 8192, Iterations = 1 }));
        var phc = await weak.HashAsync("secret");

        var verification = await _hasher.VerifyAsync("secret", phc);

        Assert.Equal(SecretVerification.SucceededRehashNeeded, verification);
    }

    [Theory]
    [InlineData("")]
    [InlineData("$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA")]
    [InlineData("$argon2id$v=19$m=19456,m=1,p=1$c2FsdHNhbHQ$aGFzaA")]
    [InlineData("$argon2id$v=19$m=-1,t=2,p=1$c2FsdHNhbHQ$aGFzaA")]
    [InlineData("$argon2id$v=19$m=19456,t=2,p=1$!!!$aGFzaA")]
    public async Task VerifyAsync_DamagedPhc_FailsWithoutThrowing(string phc)
    {
        var before = _hasher.Evaluations;

        var verification = await _hasher.VerifyAsync("secret", phc);

        Assert.Equal(SecretVerification.Failed, verification);
        Assert.Equal(before, _hasher.Evaluations);
    }

    [Fact]
    public async Task Evaluations_OneHashAndOneVerify_CountsTwo()
    {
        var before = _hasher.Evaluations;

        var phc = await _hasher.HashAsync("secret");
        await _hasher.VerifyAsync("secret", phc);

        Assert.Equal(before + 2, _hasher.Evaluations);
    }

    public void Dispose() => _hasher.Dispose();
}
