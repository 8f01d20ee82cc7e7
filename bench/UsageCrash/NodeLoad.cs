using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Monime.Portal.Bench;

/// <summary>
/// Keeps a number of callers sending <c>GET /v1/tokens/self</c> to one node with one token, one call after the
/// other, and keeps every call's record. A call in progress is never cancelled: an abandoned call could be
/// counted by the node and not by the driver.
/// </summary>
internal sealed class NodeLoad(string name, Uri baseAddress, string token, Stopwatch clock) : IDisposable
{
    private static readonly TimeSpan s_pauseAfterRefusal = TimeSpan.FromMilliseconds(50);

    private readonly HttpClient _client = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    private readonly ConcurrentQueue<CallRecord> _calls = new();

    public string Name => name;

    public IReadOnlyList<CallRecord> Calls => [.. _calls];

    public Task RunAsync(int callers, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(() => CallUntilStoppedAsync(stop))));

    public void Dispose() => _client.Dispose();

    private async Task CallUntilStoppedAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var call = await CallOnceAsync();
            _calls.Enqueue(call);
            if (call.Outcome == CallOutcome.Refused)
            {
                // The node is gone; there is no point in spinning on refused connections.
                await Task.Delay(s_pauseAfterRefusal, CancellationToken.None);
            }
        }
    }

    private async Task<CallRecord> CallOnceAsync()
    {
        var sent = clock.Elapsed;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/tokens/self");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            using var response = await _client.SendAsync(request, CancellationToken.None);
            await response.Content.LoadIntoBufferAsync(CancellationToken.None);
            return new CallRecord(sent, clock.Elapsed, CallOutcome.Answered, (int)response.StatusCode);
        }
        catch (HttpRequestException exception) when (exception.InnerException is SocketException
        {
            SocketErrorCode: SocketError.ConnectionRefused,
        })
        {
            return new CallRecord(sent, clock.Elapsed, CallOutcome.Refused, 0);
        }
        catch (HttpRequestException)
        {
            return new CallRecord(sent, clock.Elapsed, CallOutcome.CutOff, 0);
        }
    }
}
