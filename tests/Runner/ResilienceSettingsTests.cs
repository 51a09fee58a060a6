using Scim.Conformance.ReferenceServer;
using Scim.Conformance.ReferenceServer.CommandLine;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Runner;
using Scim.Conformance.Runner.Commands;
using Scim.Conformance.Runner.Configuration;
using Scim.Conformance.Runner.Execution;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Tests.Support;
using Xunit;

namespace Scim.Conformance.Tests.Runner;

/// <summary>The load and safety options — --max-rps, --run-timeout, --read-only, --chaos — from the command line and
/// from targets.json, their validation, and the run timeout stopping a run cleanly with exit 3.</summary>
public sealed class ResilienceSettingsTests : IDisposable
{
    private readonly TempDirectory _dir = new("scim-resilience-");

    [Fact]
    public void A_target_file_carries_max_rps_run_timeout_and_read_only()
    {
        var path = _dir.File("targets.json");
        File.WriteAllText(path, """
            { "targets": { "prod": { "baseUrl": "https://scim.acme.test/v2", "maxRps": 2.5, "runTimeoutSeconds": 600, "readOnly": true, "concurrency": 2 } } }
            """);

        var settings = RunCommand.Resolve(new RunCommand.Arguments { Target = "prod", Config = path }, CheckCatalog.All);

        Assert.Equal(2.5, settings.MaxRequestsPerSecond);
        Assert.Equal(TimeSpan.FromMinutes(10), settings.RunTimeout);
        Assert.True(settings.ReadOnly);
        Assert.Equal(2, settings.Concurrency);
        var writer = CheckCatalog.All.First(c => c.Effect == TargetEffect.Writes);
        Assert.Contains("--read-only", settings.Selection.ExclusionReason(writer));
        Assert.Null(settings.Selection.ExclusionReason(CheckCatalog.All.First(c => c.Effect == TargetEffect.ReadsOnly)));
    }

    [Fact]
    public void The_command_line_wins_over_the_file()
    {
        var path = _dir.File("targets.json");
        File.WriteAllText(path, """{ "targets": { "prod": { "baseUrl": "https://scim.acme.test/v2", "maxRps": 2.5, "runTimeoutSeconds": 600 } } }""");

        var settings = RunCommand.Resolve(new RunCommand.Arguments { Target = "prod", Config = path, MaxRps = 10, RunTimeoutSeconds = 30, ReadOnly = true }, CheckCatalog.All);

        Assert.Equal(10, settings.MaxRequestsPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.RunTimeout);
        Assert.True(settings.ReadOnly);
    }

    [Theory]
    [InlineData("maxRps", "0")]
    [InlineData("runTimeoutSeconds", "-1")]
    [InlineData("readOnly", "\"sometimes\"")]
    public void Bad_values_in_the_file_are_configuration_errors(string member, string value)
    {
        var path = _dir.File("targets.json");
        File.WriteAllText(path, $$"""{ "targets": { "prod": { "baseUrl": "https://scim.acme.test/v2", "{{member}}": {{value}} } } }""");
        Assert.Throws<ConfigurationException>(() => RunCommand.Resolve(new RunCommand.Arguments { Target = "prod", Config = path }, CheckCatalog.All));
    }

    [Theory]
    [InlineData("--chaos with a remote target")]
    [InlineData("an unknown chaos mode")]
    [InlineData("a negative rate")]
    [InlineData("a zero run timeout")]
    public void Bad_options_are_configuration_errors(string what)
    {
        var arguments = what switch
        {
            "--chaos with a remote target" => new RunCommand.Arguments { BaseUrl = "https://x.test", Chaos = "slow" },
            "an unknown chaos mode" => new RunCommand.Arguments { Chaos = "gentle" },
            "a negative rate" => new RunCommand.Arguments { MaxRps = -1 },
            _ => new RunCommand.Arguments { RunTimeoutSeconds = 0 },
        };
        Assert.Throws<ConfigurationException>(() => RunCommand.Resolve(arguments, CheckCatalog.All));
    }

    [Fact]
    public void Every_chaos_mode_is_known_by_its_name_to_the_runner_and_the_server()
    {
        foreach (var mode in ChaosModes.All)
        {
            var name = ChaosModes.NameOf(mode);
            Assert.Equal(mode, RunCommand.Resolve(new RunCommand.Arguments { Chaos = name }, CheckCatalog.All).EmbeddedChaos);
            Assert.Equal(mode, ServerCommandLine.Parse(["--chaos", name]).Options.Chaos);
            Assert.NotEqual("no chaos", ChaosModes.DescriptionOf(mode));
        }
    }

    [Fact]
    public void The_catalog_listing_says_which_checks_write()
    {
        var output = new StringWriter();
        Assert.Equal(ExitCodes.Conforms, ListCommand.Execute("json", [], [], output, TextWriter.Null));
        using var json = System.Text.Json.JsonDocument.Parse(output.ToString());
        var writes = json.RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("id").GetString()!, e => e.GetProperty("writes").GetBoolean());
        Assert.All(CheckCatalog.All, c => Assert.Equal(c.Effect == TargetEffect.Writes, writes[c.Id]));
    }

    [Fact]
    public void The_first_stop_reason_wins_and_a_run_timeout_names_itself()
    {
        using var stop = new RunStop();
        var clock = new InstantClock();

        stop.StopAfter(TimeSpan.FromSeconds(90), clock);
        SpinWait.SpinUntil(() => stop.Stopped, TimeSpan.FromSeconds(10));

        Assert.Equal("the run timeout of 90 s expired", stop.Reason);
        Assert.True(stop.Token.IsCancellationRequested);
        Assert.False(stop.Stop("interrupted (Ctrl-C)"));
        Assert.Equal([TimeSpan.FromSeconds(90)], clock.Waits);
    }

    [Fact]
    public async Task The_run_timeout_stops_a_run_against_a_hanging_target_cleanly_with_exit_3()
    {
        var result = await RunnerProcess.RunAsync(_dir.Path, new Dictionary<string, string>(),
            "run", "--chaos", "slow", "--timeout", "8", "--run-timeout", "4", "--include", "lifecycle.create.*", "--out", "out");

        var console = result.StdOut + result.StdErr;
        Assert.True(result.ExitCode == ExitCodes.TargetUnreachableOrHarnessError, console);
        Assert.Contains("the run did not complete: the run timeout of 4 s expired", console);
        Assert.DoesNotContain("   at ", console);
        var document = ResultJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(_dir.Path, "out", "result.json"), TestContext.Current.CancellationToken));
        var create = document.Checks.Where(c => c.Id.StartsWith("lifecycle.create.", StringComparison.Ordinal)).ToList();
        Assert.Contains(create, c => c.Outcome == Outcome.Error && c.Reason == "stopped while running: the run timeout of 4 s expired (cleanup still ran)");
        Assert.Contains(create, c => c.Outcome == Outcome.Skipped && c.Reason == "not started: the run timeout of 4 s expired");
        // Cut short by the run timeout, not left to wait for their own request timeouts.
        Assert.DoesNotContain(create, c => c.Reason?.Contains("no complete response", StringComparison.Ordinal) == true);
    }

    public void Dispose() => _dir.Dispose();
}
