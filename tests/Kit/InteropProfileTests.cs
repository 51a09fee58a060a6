using Scim.Conformance.Reports.Model;
using Scim.Conformance.Runner.Execution;
using Scim.Conformance.Suites.Kit;
using Xunit;

namespace Scim.Conformance.Tests.Kit;

/// <summary>The interop profile grades the identity-provider PATCH dialects as MUST, where the strict profile records a
/// refusal as Info (MAY): the same check, the same server, a different grade.</summary>
public class InteropProfileTests
{
    public static TheoryData<string> DialectChecks => new(CheckCatalog.All.Where(c => c.Id.StartsWith("interop.patch.", StringComparison.Ordinal)).Select(c => c.Id));

    [Fact]
    public void The_dialect_checks_exist() => Assert.True(DialectChecks.Count >= 7, $"only {DialectChecks.Count} interop.patch checks");

    [Theory]
    [MemberData(nameof(DialectChecks))]
    public void A_dialect_is_optional_when_strict_and_required_under_interop(string id)
    {
        var check = CheckCatalog.Find(id)!;
        Assert.Equal(RequirementLevel.May, Profiles.LevelFor(Profiles.Strict, check));
        Assert.Equal(RequirementLevel.Must, Profiles.LevelFor(Profiles.Interop, check));
    }

    [Theory]
    [InlineData(Profiles.Strict, Outcome.Info)]
    [InlineData(Profiles.Interop, Outcome.Fail)]
    public async Task Refusing_capitalised_ops_is_graded_by_the_profile(string profile, Outcome expected)
    {
        const string id = "interop.patch.capitalised-op";
        await using var server = await EmbeddedTarget.StartAsync(["patch-op-case-sensitive"], cancellationToken: TestContext.Current.CancellationToken);
        using var session = server.CreateSession("reference", profile);
        var target = new TargetInfo { Name = "reference", BaseUrl = server.BaseUrl.ToString(), Embedded = true, Faults = ["patch-op-case-sensitive"] };
        var document = await new ConformanceRun(session, target, new Selection([id], [], CheckCatalog.All), concurrency: 1)
            .ExecuteAsync(CheckCatalog.All, cancellationToken: TestContext.Current.CancellationToken);
        var result = document.Checks.Single(c => c.Id == id);
        Assert.True(result.Outcome == expected, $"{id} under {profile}: {result.Outcome} ({result.Reason})");
        Assert.Equal(expected == Outcome.Fail ? RequirementLevel.Must : RequirementLevel.May, result.Level);
    }
}
