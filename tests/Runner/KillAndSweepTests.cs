using System.Diagnostics;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Runner;
using Scim.Conformance.Tests.ReferenceServer;
using Scim.Conformance.Tests.Support;
using Xunit;

namespace Scim.Conformance.Tests.Runner;

/// <summary>Nothing is ever left behind, even when a run dies: a run killed mid-way (SIGKILL, no chance to clean up)
/// leaves prefixed resources that `sweep --yes` then removes to the last one, and a run interrupted with Ctrl-C
/// (SIGINT) cleans up by itself before it exits. The target is a reference server in its own process, so its data
/// outlives the runner; data that does not carry the prefix is never touched.</summary>
public sealed class KillAndSweepTests : IAsyncLifetime
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);
    private readonly TempDirectory _dir = new("scim-kill-");
    private readonly HttpClient _http = new();
    private readonly string _token = "kill-" + Guid.NewGuid().ToString("N");
    private readonly string _tokenVariable = "SCIMCT_KILL_TEST_TOKEN";
    private Process _server = null!;
    private Uri _baseUrl = null!;
    private ScimTestClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        // A little latency per request keeps the run busy long enough to be caught mid-way.
        _server = ServerProcess.Start("--urls", "http://127.0.0.1:0", "--token", _token, "--latency-ms", "15");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Limit);
        var line = await _server.StandardOutput.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("the server printed nothing");
        var url = line.Split(' ').First(w => w.StartsWith("http://", StringComparison.Ordinal));
        _baseUrl = new Uri(url);
        // Drained from now on, so that the server never blocks on a full pipe.
        _ = _server.StandardOutput.ReadToEndAsync(CancellationToken.None);
        _ = _server.StandardError.ReadToEndAsync(CancellationToken.None);
        _client = new ScimTestClient(_http, _baseUrl, _token);
        await Tenant.CreateAsync(_client, "Users", "alice-not-ours");
        await Tenant.CreateAsync(_client, "Groups", "Operations");
    }

    private Process StartRun()
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = _dir.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { RunnerProcess.DllPath, "run", "--base-url", _baseUrl.ToString(), "--token-env", _tokenVariable, "--out", "out" })
            start.ArgumentList.Add(argument);
        start.Environment[_tokenVariable] = _token;
        return Process.Start(start) ?? throw new InvalidOperationException("could not start the runner");
    }

    private async Task<IReadOnlyList<string>> PrefixedAsync() =>
        (await Tenant.NamesAsync(_client)).Where(n => n.Contains(":scimct-", StringComparison.Ordinal)).ToList();

    /// <summary>Reads the tenant until the run has created something (each read takes the server's latency; bounded).</summary>
    private async Task WaitUntilTheRunHasCreatedSomethingAsync(Process run)
    {
        var deadline = Stopwatch.StartNew();
        while ((await _client.GetAsync("/Users?filter=" + Uri.EscapeDataString("userName sw \"scimct-\""))).Json["Resources"] is not System.Text.Json.Nodes.JsonArray { Count: > 0 })
        {
            Assert.False(run.HasExited, "the run finished before it could be interrupted");
            Assert.True(deadline.Elapsed < Limit, "the run created nothing within the limit");
        }
    }

    private static async Task<(string StdOut, string StdErr)> WaitForExitAsync(Process process, Task<string> stdout, Task<string> stderr)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Limit);
        await process.WaitForExitAsync(timeout.Token);
        return (await stdout, await stderr);
    }

    [Fact]
    public async Task A_run_killed_mid_way_leaves_prefixed_resources_that_sweep_removes_to_the_last_one()
    {
        // A check may delete what it made between our look and the kill; then that kill left nothing to prove the
        // sweep on, and the run is repeated (a bounded number of times).
        IReadOnlyList<string> left = [];
        for (var attempt = 0; attempt < 5 && left.Count == 0; attempt++)
        {
            using var run = StartRun();
            var stdout = run.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var stderr = run.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await WaitUntilTheRunHasCreatedSomethingAsync(run);

            run.Kill(entireProcessTree: true);
            await WaitForExitAsync(run, stdout, stderr);
            left = await PrefixedAsync();
        }
        Assert.NotEmpty(left);

        var listed = await RunnerProcess.RunAsync(_dir.Path, new Dictionary<string, string> { [_tokenVariable] = _token },
            "sweep", "--base-url", _baseUrl.ToString(), "--token-env", _tokenVariable);
        Assert.Equal(ExitCodes.Conforms, listed.ExitCode);
        Assert.Contains("Nothing deleted", listed.StdOut);
        Assert.Equal(left.Order(), (await PrefixedAsync()).Order());

        var swept = await RunnerProcess.RunAsync(_dir.Path, new Dictionary<string, string> { [_tokenVariable] = _token },
            "sweep", "--base-url", _baseUrl.ToString(), "--token-env", _tokenVariable, "--yes");

        Assert.True(swept.ExitCode == ExitCodes.Conforms, swept.StdOut + swept.StdErr);
        Assert.Empty(await PrefixedAsync());
        Assert.Equal(["Groups:Operations", "Users:alice-not-ours"], (await Tenant.NamesAsync(_client)).Order());
    }

    [Fact]
    public async Task A_run_interrupted_with_ctrl_c_cleans_up_before_it_exits()
    {
        using var run = StartRun();
        var stdout = run.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = run.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await WaitUntilTheRunHasCreatedSomethingAsync(run);

        using (var signal = Process.Start("kill", ["-INT", run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await signal.WaitForExitAsync(TestContext.Current.CancellationToken);
        var (output, error) = await WaitForExitAsync(run, stdout, stderr);

        Assert.True(run.ExitCode == ExitCodes.TargetUnreachableOrHarnessError, $"exit {run.ExitCode}:\n{output}\n{error}");
        Assert.Contains("interrupted (Ctrl-C)", output);
        Assert.Contains("nothing left behind", output);
        Assert.DoesNotContain("   at ", output + error);
        Assert.Empty(await PrefixedAsync());
        Assert.Equal(["Groups:Operations", "Users:alice-not-ours"], (await Tenant.NamesAsync(_client)).Order());
        var document = ResultJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(_dir.Path, "out", "result.json"), TestContext.Current.CancellationToken));
        Assert.Contains(document.Checks, c => c.Outcome == Outcome.Skipped && c.Reason == "not started: interrupted (Ctrl-C)");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_server.HasExited)
            _server.Kill(entireProcessTree: true);
        await _server.WaitForExitAsync();
        _server.Dispose();
        _http.Dispose();
        _dir.Dispose();
    }
}
