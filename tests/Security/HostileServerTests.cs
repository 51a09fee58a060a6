using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using Scim.Conformance.ReferenceServer;
using Scim.Conformance.ReferenceServer.Hostile;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Runner;
using Scim.Conformance.Tests.ReferenceServer;
using Scim.Conformance.Tests.Support;
using Xunit;

namespace Scim.Conformance.Tests.Security;

/// <summary>
/// Issue 16: the command-line program, run as a user runs it against a hostile server (the reference server with a
/// <see cref="HostileMode"/>), keeps its promises whatever the server does: it exits with a documented code, writes
/// reports that parse, puts the token in no output in any form, leaves the foreign data it did not create
/// byte-identical, sends no request to another origin or outside the base URL's path, and leaves none of its own
/// resources behind. The same holds after --read-only, after Ctrl-C and for `sweep --yes`.
/// </summary>
public sealed class HostileServerTests : IDisposable
{
    /// <summary>Checks that write (create, replace, patch, delete) and read discovery, and finish in well under a
    /// minute against the reference server.</summary>
    private const string Selection = "lifecycle.*,patch.*,discovery.*";
    private const string TokenVariable = "SCIMCT_HOSTILE_TOKEN";
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    // '+', '/' and '=' are what JSON, URL and HTML encoders change; random parts in both halves make a leaked half findable.
    private readonly string _token = $"hT+9/aZ={Random(8)}+Q/{Random(4)}==";
    private readonly TempDirectory _dir = new("scim-hostile-");

    public static TheoryData<string> Modes => [.. HostileModes.All.Select(HostileModes.NameOf)];

    /// <summary>
    /// The exit code each mode calls for: 1 where the mode breaks a MUST that a selected check tests (a run that
    /// notices it reports a failure), 3 where answers are cut off so that checks end without a verdict and none fails.
    /// </summary>
    private static int ExpectedExitCode(HostileMode mode) => mode switch
    {
        // A create's answer holds someone else's resource, not what was sent (RFC 7644 §3.3): the create checks fail.
        HostileMode.ForeignCreate => ExitCodes.ConformanceFailures,
        // The id a create returned names another resource: reading it back does not give what was created.
        HostileMode.ForeignIdCreate => ExitCodes.ConformanceFailures,
        // Resources come back with members no schema of theirs defines, and the ServiceProviderConfig with an
        // undeclared extension: the round-trip checks fail.
        HostileMode.EchoSecrets => ExitCodes.ConformanceFailures,
        // The User endpoint is not under the base URL: nothing is sent there, so every check that needs a User ends in
        // Error (no verdict could be reached safely), and discovery.resource-types.endpoint-live warns (RFC 7643 §6's
        // "relative to the Base URL" is declarative): errors and no failure, 3.
        HostileMode.OtherOriginEndpoint => ExitCodes.TargetUnreachableOrHarnessError,
        // meta.location is not the resource's URI (RFC 7643 §3.1).
        HostileMode.SiblingPathLocation => ExitCodes.ConformanceFailures,
        // Created resources get ids that cannot name them (RFC 7643 §3.1: a unique identifier of the resource).
        HostileMode.DotIds => ExitCodes.ConformanceFailures,
        // Every group create is cut off: the checks that need a group end in Error, without a verdict, and the refused
        // first DELETE of each user only makes the checks that need it gone skip. Errors and no failure: 3.
        HostileMode.CutOffWrites => ExitCodes.TargetUnreachableOrHarnessError,
        // A filtered list returns resources that do not match the filter (RFC 7644 §3.4.2.2): the filter checks,
        // selected for this mode, fail.
        HostileMode.UnfilteredLists => ExitCodes.ConformanceFailures,
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_run_against_a_hostile_server_keeps_every_promise(string modeName)
    {
        var mode = HostileModes.Parse(modeName)!.Value;
        await using var host = await StartAsync(mode);
        var hostile = host.Hostile!;

        // Only the filter checks notice lists that ignore their filter; the lists of the cleanup are what is at stake.
        var selection = mode == HostileMode.UnfilteredLists ? Selection + ",filter.*" : Selection;
        var result = await RunAsync(host, "out", "--include", selection);

        var promises = new PromiseList();
        var expected = ExpectedExitCode(mode);
        promises.Check("exit code", () => Assert.True(result.ExitCode == expected, $"{modeName}: exit {result.ExitCode}, expected {expected}\n{Tail(result)}"));
        await KeepEveryPromiseAsync(promises, host, "out", result);
        if (mode == HostileMode.OtherOriginEndpoint)
            promises.Check("endpoint judged", () =>
            {
                var live = ResultJson.Deserialize(File.ReadAllText(Path.Combine(_dir.Path, "out", "result.json"))).Checks.Single(c => c.Id == "discovery.resource-types.endpoint-live");
                Assert.True(live.Outcome == Outcome.Warn && $"{live.Reason} {live.Actual}".Contains("outside the base URL"), $"endpoint-live: {live.Outcome} {live.Reason} {live.Actual}");
            });
        promises.AssertAllKept();
    }

    [Fact]
    public async Task A_read_only_run_sends_no_write_and_keeps_every_promise()
    {
        await using var host = await StartAsync(HostileMode.ForeignCreate);
        var hostile = host.Hostile!;

        var result = await RunAsync(host, "out", "--include", Selection, "--read-only");

        var promises = new PromiseList();
        // Nothing a read-only run asks touches what foreign-create breaks (creates): the server looks correct.
        promises.Check("exit code", () => Assert.True(result.ExitCode == ExitCodes.Conforms, $"exit {result.ExitCode}\n{Tail(result)}"));
        promises.Check("no write", () =>
        {
            var writes = hostile.Requests.All.Where(r => !IsRead(r)).Select(Describe).ToList();
            Assert.True(writes.Count == 0, "a read-only run sent writes:\n" + string.Join('\n', writes));
        });
        await KeepEveryPromiseAsync(promises, host, "out", result);
        promises.AssertAllKept();
    }

    [Fact]
    public async Task A_run_interrupted_with_ctrl_c_keeps_every_promise()
    {
        await using var host = await StartAsync(HostileMode.ForeignCreate);
        var hostile = host.Hostile!;

        using var run = StartRun(host, "out", "--include", Selection);
        var stdout = run.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = run.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        // Six creates: three were answered with foreign resources, three created the run's own.
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken))
        {
            timeout.CancelAfter(Limit);
            await hostile.Requests.WhenCountAsync(IsCreate, 6, timeout.Token);
        }
        using (var signal = Process.Start("kill", ["-INT", run.Id.ToString(CultureInfo.InvariantCulture)]))
            await signal.WaitForExitAsync(TestContext.Current.CancellationToken);
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken))
        {
            timeout.CancelAfter(Limit);
            await run.WaitForExitAsync(timeout.Token);
        }
        var result = new ExternalTool.Result(run.ExitCode, await stdout, await stderr);

        var promises = new PromiseList();
        // An interrupted run is incomplete: 3, as documented for a run stopped before its end.
        promises.Check("exit code", () => Assert.True(result.ExitCode == ExitCodes.TargetUnreachableOrHarnessError, $"exit {result.ExitCode}\n{Tail(result)}"));
        promises.Check("says it was interrupted", () => Assert.Contains("interrupted (Ctrl-C)", result.StdOut));
        await KeepEveryPromiseAsync(promises, host, "out", result);
        promises.AssertAllKept();
    }

    /// <summary>`sweep --yes` deletes exactly the prefixed leftovers, also when the server ignores the sweep's filter and
    /// answers every list with every resource, the foreign ones included.</summary>
    [Theory]
    [InlineData("unfiltered-lists")]
    [InlineData("foreign-create")]
    public async Task Sweep_yes_deletes_only_the_prefixed_leftovers(string modeName)
    {
        await using var host = await StartAsync(HostileModes.Parse(modeName)!.Value);
        var hostile = host.Hostile!;
        const string prefix = "scimct-leftover-";
        foreach (var number in Enumerable.Range(1, 3))
            await hostile.CreateAsync("Users", new JsonObject { ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:User"), ["userName"] = $"{prefix}{number}" });
        await hostile.CreateAsync("Groups", new JsonObject { ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:Group"), ["displayName"] = prefix + "group" });

        var result = await RunnerProcess.RunAsync(_dir.Path, Environment(),
            "sweep", "--base-url", host.BaseUrl.ToString(), "--token-env", TokenVariable, "--timeout", "5", "--yes");

        var promises = new PromiseList();
        promises.Check("exit code", () => Assert.True(result.ExitCode == ExitCodes.Conforms, $"exit {result.ExitCode}\n{Tail(result)}"));
        promises.Check("deletes the leftovers", () => Assert.Contains("Deleted 4 of 4", result.StdOut));
        promises.Check("no leftover", () => Assert.Empty(hostile.ResourcesNamedWith(prefix)));
        promises.Check("only under the base URL", () => AssertRequestsStayedUnderTheBaseUrl(hostile, host.BaseUrl));
        await promises.CheckAsync("no secret", () => AssertNoSecretAsync(null, result));
        promises.Check("foreign data untouched", () => AssertForeignDataUntouched(hostile.ForeignSnapshotAtStart, hostile));
        promises.AssertAllKept();
    }

    /// <summary>The foreign data holds script in its names, and a run puts it in report.html; opened in Chromium, the
    /// page runs its own script and none of the server's. Runs when CHROMIUM points at a Chromium binary.</summary>
    [Fact]
    public async Task Report_html_runs_no_script_a_hostile_server_sent()
    {
        var chromium = ExternalTool.Require("CHROMIUM", "run tests/scripts/install-report-tools.sh to install Chromium");
        await using var host = await StartAsync(HostileMode.ForeignCreate);

        await RunAsync(host, "out", "--include", Selection);

        var page = Path.Combine(_dir.Path, "out", "report.html");
        // The payload reached the page (as text), or this test would prove nothing.
        Assert.Contains("data-hostile", await File.ReadAllTextAsync(page, TestContext.Current.CancellationToken));
        await AssertReportRunsNoServerScriptAsync(chromium, page);
    }

    [Fact]
    public async Task A_page_that_ran_the_servers_script_would_be_caught()
    {
        // Guards the check above: the same payloads, unescaped, must make it fail.
        var chromium = ExternalTool.Require("CHROMIUM", "run tests/scripts/install-report-tools.sh to install Chromium");
        var page = _dir.File("unescaped.html");
        await File.WriteAllTextAsync(page, $"<!DOCTYPE html><html data-script=\"ready\"><body><p>{ForeignData.ScriptPayload}</p><p>{ForeignData.ImagePayload}</p></body></html>",
            TestContext.Current.CancellationToken);

        // The payload marked the page: the assertion on data-hostile is the one that fails.
        await Assert.ThrowsAsync<Xunit.Sdk.NullException>(() => AssertReportRunsNoServerScriptAsync(chromium, page));
    }

    [Fact]
    public async Task The_standalone_server_lists_its_hostile_modes_and_refuses_an_unknown_one()
    {
        var listed = await ServerProcess.RunAsync("--list-hostile");
        Assert.Equal(0, listed.ExitCode);
        Assert.Equal(HostileModes.All.Select(HostileModes.NameOf), listed.StdOutLines.Select(l => l.Split(' ')[0]));

        var unknown = await ServerProcess.RunAsync("--hostile", "polite");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Equal("error: --hostile: unknown mode 'polite' (see --list-hostile)", Assert.Single(unknown.StdErrLines));
    }

    [Fact]
    public async Task Every_mode_seeds_the_same_foreign_data_and_records_what_reaches_its_second_origin_and_sibling_path()
    {
        await using var host = await StartAsync(HostileMode.ForeignCreate);
        var hostile = host.Hostile!;
        Assert.Equal(12, hostile.ForeignSnapshot().Count);
        Assert.Equal(hostile.ForeignSnapshotAtStart, hostile.ForeignSnapshot());
        Assert.Empty(hostile.Requests.All);

        using var http = new HttpClient();
        using (await http.GetAsync(new Uri(hostile.SecondOriginUrl, "scim/v2/Users"), TestContext.Current.CancellationToken)) { }
        using (await http.GetAsync(new Uri(host.BaseUrl + "-evil/Users"), TestContext.Current.CancellationToken)) { }

        Assert.Equal([(RequestOrigin.Second, "/scim/v2/Users"), (RequestOrigin.Primary, "/scim/v2-evil/Users")],
            hostile.Requests.All.Select(r => (r.Origin, r.RawTarget)));
        Assert.Throws<Xunit.Sdk.TrueException>(() => AssertRequestsStayedUnderTheBaseUrl(hostile, host.BaseUrl));
    }

    // ---- the promises ----

    /// <summary>What every run must keep whatever the server did: valid reports, requests only under the base URL, no
    /// secret anywhere, foreign data untouched, none of its own resources left.</summary>
    private async Task KeepEveryPromiseAsync(PromiseList promises, ReferenceServerHost host, string output, ExternalTool.Result result)
    {
        var hostile = host.Hostile!;
        ResultDocument? document = null;
        await promises.CheckAsync("reports valid", async () => document = await AssertReportsAreValidAsync(output));
        promises.Check("no stack trace", () => Assert.DoesNotContain("   at ", result.StdOut + result.StdErr, StringComparison.Ordinal));
        promises.Check("only under the base URL", () => AssertRequestsStayedUnderTheBaseUrl(hostile, host.BaseUrl));
        await promises.CheckAsync("no secret", () => AssertNoSecretAsync(output, result));
        promises.Check("foreign data untouched", () => AssertForeignDataUntouched(hostile.ForeignSnapshotAtStart, hostile));
        // Where Chromium is installed (CHROMIUM); Report_html_runs_no_script_a_hostile_server_sent skips visibly where not.
        if (System.Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } chromium && File.Exists(Path.Combine(_dir.Path, output, "report.html")))
            await promises.CheckAsync("report.html runs no server script", () => AssertReportRunsNoServerScriptAsync(chromium, Path.Combine(_dir.Path, output, "report.html")));
        promises.Check("nothing left behind", () =>
        {
            var prefix = document?.RunPrefix ?? RunPrefixOnConsole(result);
            var left = hostile.ResourcesNamedWith(prefix);
            Assert.True(left.Count == 0, $"the run left {left.Count} resource(s) behind:\n" + string.Join('\n', left.Take(10)));
        });
    }

    /// <summary>Chromium renders the page: its own script ran (it marks the page ready), no script or event handler a
    /// server sent did (they would mark it data-hostile), and nothing was blocked or thrown.</summary>
    private async Task AssertReportRunsNoServerScriptAsync(string chromium, string page)
    {
        var profile = Directory.CreateDirectory(_dir.File("chromium-profile-" + Guid.NewGuid().ToString("N"))).FullName;
        var dump = await ExternalTool.RunAsync(chromium,
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}", "--virtual-time-budget=3000",
            "--enable-logging=stderr", "--dump-dom", new Uri(page).ToString(),
        ], _dir.Path);
        Assert.True(dump.ExitCode == 0, $"chromium exited with {dump.ExitCode}\n{dump.StdErr}");
        using var dom = new HtmlParser().ParseDocument(dump.StdOut);
        Assert.Equal("ready", dom.DocumentElement.GetAttribute("data-script"));
        Assert.Null(dom.DocumentElement.GetAttribute("data-hostile"));
        Assert.Empty(dom.QuerySelectorAll("[onerror]"));
        Assert.DoesNotContain(dom.QuerySelectorAll("script"), script => script.TextContent.Contains("data-hostile", StringComparison.Ordinal));
        var errors = dump.StdErr.Split('\n').Where(l => l.Contains("Uncaught", StringComparison.Ordinal) || l.Contains("Content Security Policy", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, "the page logged errors:\n" + string.Join('\n', errors));
    }

    /// <summary>The run prefix as the console announced it, for a run that wrote no result.json.</summary>
    private static string RunPrefixOnConsole(ExternalTool.Result result) =>
        System.Text.RegularExpressions.Regex.Match(result.StdOut, @"run prefix (scimct-[A-Za-z0-9-]+)") is { Success: true } match
            ? match.Groups[1].Value
            : throw new Xunit.Sdk.XunitException("neither result.json nor the console names the run prefix");

    /// <summary>Every request reached the server's own origin under the base path, on a segment boundary; no write has
    /// an empty, "." or ".." segment (which resolve to a parent), and a replace, patch or delete under a resource
    /// collection names one resource of it, never the collection or the base itself.</summary>
    private static void AssertRequestsStayedUnderTheBaseUrl(HostileServer hostile, Uri baseUrl)
    {
        var basePath = baseUrl.AbsolutePath.TrimEnd('/');
        var outside = new List<string>();
        foreach (var request in hostile.Requests.All)
        {
            var path = request.RawPath;
            if (request.Origin != RequestOrigin.Primary || (path != basePath && !path.StartsWith(basePath + "/", StringComparison.Ordinal)))
            {
                outside.Add(Describe(request));
                continue;
            }
            if (IsRead(request))
                continue;
            var segments = path[basePath.Length..].Split('/').Skip(1).Select(Uri.UnescapeDataString).ToList();
            var names = segments.Count > 0 && segments.All(s => s.Length > 0 && s is not ("." or ".."));
            var addressesOne = request.Method == "POST"
                || (segments.Count > 0 && (!hostile.Collections.Contains(segments[0]) || segments.Count == 2));
            if (!names || !addressesOne)
                outside.Add(Describe(request) + " (a write to a parent path)");
        }
        Assert.True(outside.Count == 0, $"requests outside {baseUrl}:\n" + string.Join('\n', outside.Distinct().Take(30)));
    }

    private static void AssertForeignDataUntouched(IReadOnlyDictionary<string, string> before, HostileServer hostile)
    {
        var after = hostile.ForeignSnapshot();
        var changed = before.Where(entry => after[entry.Key] != entry.Value).Select(entry => $"{entry.Key}: {after[entry.Key]}").ToList();
        Assert.True(changed.Count == 0, $"{changed.Count} of {before.Count} foreign resources changed:\n" + string.Join('\n', changed.Take(5)));
    }

    /// <summary>Every output file and the console; <paramref name="output"/> null for a command that writes no files.</summary>
    private async Task AssertNoSecretAsync(string? output, ExternalTool.Result result)
    {
        var leaks = new List<string>();
        if (SecretForms.FindIn(result.StdOut + "\n" + result.StdErr, _token) is { } onConsole)
            leaks.Add($"the console ({onConsole})");
        if (output is not null)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(_dir.Path, output), "*", SearchOption.AllDirectories))
            {
                if (SecretForms.FindIn(await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken), _token) is { } form)
                    leaks.Add($"{Path.GetRelativePath(_dir.Path, file)} ({form})");
            }
        }
        Assert.True(leaks.Count == 0, $"the token ({_token[..4]}…) appears in {leaks.Count} place(s):\n" + string.Join('\n', leaks.Take(20)));
    }

    /// <summary>Every report is there and parses: result.json as a result document, ctrf.json and every Allure JSON as
    /// JSON, junit.xml and every Allure XML as XML.</summary>
    private async Task<ResultDocument> AssertReportsAreValidAsync(string output)
    {
        var directory = Path.Combine(_dir.Path, output);
        foreach (var name in new[] { "result.json", "report.html", "junit.xml", "summary.md", "ctrf.json" })
            Assert.True(File.Exists(Path.Combine(directory, name)), $"{name} was not written");
        var document = ResultJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(directory, "result.json"), TestContext.Current.CancellationToken));
        Assert.StartsWith("scimct-", document.RunPrefix, StringComparison.Ordinal);
        XDocument.Load(Path.Combine(directory, "junit.xml"));
        using (JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(directory, "ctrf.json"), TestContext.Current.CancellationToken))) { }
        var allure = Directory.EnumerateFiles(Path.Combine(directory, "allure-results")).ToList();
        Assert.Contains(allure, f => f.EndsWith("-result.json", StringComparison.Ordinal));
        foreach (var file in allure)
        {
            if (file.EndsWith(".xml", StringComparison.Ordinal))
                XDocument.Load(file);
            else if (file.EndsWith(".json", StringComparison.Ordinal))
                using (JsonDocument.Parse(await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken))) { }
        }
        return document;
    }

    // ---- running ----

    private Task<ReferenceServerHost> StartAsync(HostileMode mode) =>
        ReferenceServerHost.StartAsync(new ReferenceServerOptions { Token = _token, Hostile = mode }, TestContext.Current.CancellationToken);

    private Dictionary<string, string> Environment() => new() { [TokenVariable] = _token };

    private string[] RunArguments(ReferenceServerHost host, string output, string[] extra) =>
        ["run", "--base-url", host.BaseUrl.ToString(), "--token-env", TokenVariable, "--out", output, "--timeout", "5", .. extra];

    private Task<ExternalTool.Result> RunAsync(ReferenceServerHost host, string output, params string[] extra) =>
        RunnerProcess.RunAsync(_dir.Path, Environment(), RunArguments(host, output, extra));

    private Process StartRun(ReferenceServerHost host, string output, params string[] extra)
    {
        var start = new ProcessStartInfo(System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = _dir.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RunnerProcess.DllPath);
        foreach (var argument in RunArguments(host, output, extra))
            start.ArgumentList.Add(argument);
        start.Environment[TokenVariable] = _token;
        return Process.Start(start) ?? throw new InvalidOperationException("could not start the runner");
    }

    private static bool IsCreate(ReceivedRequest request) =>
        request.Method == "POST" && request.RawPath.Split('/') is [.., "Users" or "Groups"];

    /// <summary>GET, HEAD, OPTIONS, and POST to a .search endpoint (a query sent as a body).</summary>
    private static bool IsRead(ReceivedRequest request) =>
        request.Method is "GET" or "HEAD" or "OPTIONS" || (request.Method == "POST" && request.RawPath.EndsWith("/.search", StringComparison.Ordinal));

    private static string Describe(ReceivedRequest request) =>
        $"{request.Origin} {request.Method} {request.RawTarget}{(request.CarriedAuthorization ? " (with Authorization)" : "")}";

    /// <summary>The end of the console output, for a failure message; the secret is masked so a failing test cannot leak it.</summary>
    private string Tail(ExternalTool.Result result)
    {
        var text = result.StdOut + "\n" + result.StdErr;
        return (text.Length > 4000 ? text[^4000..] : text).Replace(_token, "<token>", StringComparison.Ordinal);
    }

    private static string Random(int length) =>
        string.Concat(Enumerable.Range(0, length).Select(_ => "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"[System.Random.Shared.Next(56)]));

    public void Dispose() => _dir.Dispose();
}
