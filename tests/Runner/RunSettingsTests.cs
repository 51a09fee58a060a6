using Scim.Conformance.Reports.Model;
using Scim.Conformance.Runner;
using Scim.Conformance.Runner.Commands;
using Scim.Conformance.Runner.Configuration;
using Scim.Conformance.Suites.Kit;
using Xunit;

namespace Scim.Conformance.Tests.Runner;

public class RunSettingsTests
{
    private static RunCommand.Arguments Args => new();

    [Fact]
    public void No_arguments_mean_the_embedded_server_with_the_strict_profile()
    {
        var settings = RunCommand.Resolve(Args, CheckCatalog.All);
        Assert.Null(settings.BaseUrl);
        Assert.Equal(Profiles.Strict, settings.Profile);
        Assert.Equal(FailOnPolicy.Must, settings.FailOn);
    }

    [Theory]
    [InlineData("--target and --base-url")]
    [InlineData("--fault with a remote target")]
    [InlineData("--token-env without --base-url")]
    [InlineData("an unknown profile")]
    [InlineData("an unknown fault")]
    [InlineData("a missing token variable")]
    [InlineData("a bad --fail-on")]
    [InlineData("zero concurrency")]
    [InlineData("--latency-ms with a remote target")]
    [InlineData("a negative latency")]
    public void Contradictions_and_bad_values_are_configuration_errors(string what)
    {
        var arguments = what switch
        {
            "--target and --base-url" => Args with { Target = "x", BaseUrl = "https://x.test" },
            "--fault with a remote target" => Args with { BaseUrl = "https://x.test", Faults = ["spc-without-etag"] },
            "--token-env without --base-url" => Args with { TokenEnv = "X" },
            "an unknown profile" => Args with { Profile = "relaxed" },
            "an unknown fault" => Args with { Faults = ["no-such-fault"] },
            "a missing token variable" => Args with { BaseUrl = "https://x.test", TokenEnv = "SCIM_CONFORMANCE_TEST_UNSET_" + Guid.NewGuid().ToString("N") },
            "a bad --fail-on" => Args with { FailOn = "sometimes" },
            "--latency-ms with a remote target" => Args with { BaseUrl = "https://x.test", LatencyMs = 50 },
            "a negative latency" => Args with { LatencyMs = -1 },
            _ => Args with { Concurrency = 0 },
        };
        var error = Assert.Throws<ConfigurationException>(() => RunCommand.Resolve(arguments, CheckCatalog.All));
        Assert.DoesNotContain("\n", error.Message);
    }

    [Theory]
    [InlineData("must", Outcome.Warn, ExitCodes.Conforms)]
    [InlineData("must", Outcome.Fail, ExitCodes.ConformanceFailures)]
    [InlineData("should", Outcome.Warn, ExitCodes.ConformanceFailures)]
    [InlineData("never", Outcome.Fail, ExitCodes.Conforms)]
    [InlineData("must", Outcome.Error, ExitCodes.TargetUnreachableOrHarnessError)]
    [InlineData("must", Outcome.NotApplicable, ExitCodes.Conforms)]
    public void The_exit_code_follows_the_policy(string policy, Outcome outcome, int expected)
    {
        var check = new CheckResult { Id = "a.b", Title = "t", Area = "a", Level = RequirementLevel.Must, Outcome = outcome };
        var document = new ResultDocument
        {
            Tool = new ToolInfo("t", "1"),
            Target = new TargetInfo { Name = "x", BaseUrl = "https://x.test" },
            Profile = "strict",
            StartedAt = DateTimeOffset.UnixEpoch,
            FinishedAt = DateTimeOffset.UnixEpoch,
            RunPrefix = "scimct-000000",
            Summary = Summary.Of([check]),
            Checks = [check],
        };
        Assert.Equal(expected, RunCommand.ExitCodeFor(document, FailOnPolicies.Parse(policy)));
    }
}
