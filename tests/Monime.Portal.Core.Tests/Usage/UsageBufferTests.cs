using Microsoft.Extensions.Options;
using Monime.Portal.Usage;

namespace Monime.Portal.Core.Tests.Usage;

public sealed class UsageBufferTests
{
    private static readonly DateTimeOffset s_start = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Record_MoreCallsThanTheLogHolds_CountsEveryCallAndKeepsTheNewestLines()
    {
        var buffer = Buffer(logLength: 200);
        var token = Guid.NewGuid();

        for (var i = 0; i < 250; i++)
        {
            buffer.Record(Call(token, i));
        }

        var batch = buffer.Drain();
        var activity = Assert.Single(batch.Tokens);
        Assert.Equal(250, batch.Counts.Values.Sum());
        Assert.Equal(Enumerable.Range(50, 200).Select(Id), activity.RecentCalls.Select(call => call.RequestId));
        Assert.Equal(Id(249), activity.LastUse!.RequestId);
    }

    [Fact]
    public void Record_PastTheBufferBound_StopsGrowingButCountsEverythingAndKeepsEachTokensNewest()
    {
        var buffer = Buffer(logLength: 200, maxBuffered: 10);
        var tokens = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid()).ToList();

        for (var i = 0; i < 300; i++)
        {
            buffer.Record(Call(tokens[i % 3], i, ip: $"192.0.2.{i % 7}"));
        }

        var batch = buffer.Drain();
        Assert.Equal(300, batch.Counts.Values.Sum());
        Assert.InRange(batch.Tokens.Sum(t => t.RecentCalls.Count), tokens.Count, 10 + tokens.Count);
        Assert.Equal(10, batch.Tokens.Sum(t => t.Addresses.Count));
        Assert.All(tokens, token => Assert.Equal(
            Id(297 + tokens.IndexOf(token)),
            batch.Tokens.Single(t => t.TokenId == token).RecentCalls.Last().RequestId));
    }

    [Fact]
    public void Record_LogAtTheBound_StillNotesNewAddresses()
    {
        var buffer = Buffer(logLength: 200, maxBuffered: 10);
        var token = Guid.NewGuid();

        for (var i = 0; i < 20; i++)
        {
            buffer.Record(Call(token, i, ip: "192.0.2.1"));
        }

        for (var i = 20; i < 25; i++)
        {
            buffer.Record(Call(token, i, ip: $"198.51.100.{i}"));
        }

        var activity = Assert.Single(buffer.Drain().Tokens);
        Assert.Equal(10, activity.RecentCalls.Count);
        Assert.Equal(Id(24), activity.RecentCalls.Last().RequestId);
        Assert.Equal(6, activity.Addresses.Count);
    }

    [Fact]
    public void Record_WrongSecretCalls_AreLoggedButAreNoUseAndNoAddress()
    {
        var buffer = Buffer();
        var token = Guid.NewGuid();

        buffer.Record(Call(token, 0, ip: "192.0.2.1"));
        buffer.Record(Call(token, 1, status: 401, ip: "198.51.100.66"));

        var activity = Assert.Single(buffer.Drain().Tokens);
        Assert.Equal(2, activity.RecentCalls.Count);
        Assert.Equal(Id(0), activity.LastUse!.RequestId);
        Assert.Equal(["192.0.2.1"], activity.Addresses.Keys);
    }

    [Fact]
    public void Restore_AfterAFailedWrite_MergesTheBatchWithCallsRecordedSince()
    {
        var buffer = Buffer(logLength: 3);
        var token = Guid.NewGuid();
        buffer.Record(Call(token, 0, ip: "192.0.2.1"));
        buffer.Record(Call(token, 1, ip: "192.0.2.2"));
        var failed = buffer.Drain();
        buffer.Record(Call(token, 2, ip: "192.0.2.1"));
        buffer.Record(Call(token, 3, ip: "192.0.2.3"));

        buffer.Restore(failed);

        var batch = buffer.Drain();
        var activity = Assert.Single(batch.Tokens);
        Assert.Equal(4, batch.Counts.Values.Sum());
        Assert.Equal([Id(1), Id(2), Id(3)], activity.RecentCalls.Select(call => call.RequestId));
        Assert.Equal(Id(3), activity.LastUse!.RequestId);
        Assert.Equal(new AddressSeen(At(0), At(2)), activity.Addresses["192.0.2.1"]);
        Assert.Equal(3, activity.Addresses.Count);
        Assert.True(buffer.Drain().IsEmpty);
    }

    private static UsageBuffer Buffer(int logLength = 200, int maxBuffered = 50_000) =>
        new(Options.Create(new UsageOptions { RequestLogLength = logLength, MaxBufferedRequests = maxBuffered }));

    private static ApiCall Call(Guid token, int n, int status = 200, string ip = "127.0.0.1") =>
        new(token, At(n), "GET", "GET /v1/payments", status, ip, 1, Id(n));

    private static DateTimeOffset At(int n) => s_start.AddMilliseconds(n);

    private static string Id(int n) => $"req_{n}";
}
