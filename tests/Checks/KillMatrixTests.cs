using Scim.Conformance.ReferenceServer;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Runner.Execution;
using Scim.Conformance.Suites.Kit;
using Xunit;

namespace Scim.Conformance.Tests.Checks;

/// <summary>Proof that every check can fail: each check passes against the correct reference server, and each
/// named fault makes the checks it claims to demonstrate report a violation (Fail, Warn or Info by level) — not
/// an Error, a Skip or a Pass. A check that no fault demonstrates is a defect, and so is a fault claiming a check
/// that does not exist. A check of an optional feature's absence (PATCH answered 501 when patch.supported is false)
/// is NotApplicable on the full server; it must pass on the server without the optional features instead, and its
/// faults are applied there.</summary>
public class KillMatrixTests(CorrectServerRun correct) : IClassFixture<CorrectServerRun>
{
    public static TheoryData<string> CheckIds => new(CheckCatalog.All.Select(c => c.Id));
    public static TheoryData<string> FaultNames => new(FaultCatalog.All.Select(f => f.Name));

    [Fact]
    public void Every_check_is_demonstrated_by_at_least_one_fault()
    {
        var demonstrated = FaultCatalog.All.SelectMany(f => f.Demonstrates).ToHashSet();
        var orphans = CheckCatalog.All.Select(c => c.Id).Where(id => !demonstrated.Contains(id)).ToList();
        Assert.True(orphans.Count == 0, $"checks no fault can make fail: {string.Join(", ", orphans)}");
    }

    [Fact]
    public void Every_fault_demonstrates_checks_that_exist()
    {
        var stale = FaultCatalog.All.SelectMany(f => f.Demonstrates.Where(id => CheckCatalog.Find(id) is null).Select(id => $"{f.Name} → {id}")).ToList();
        Assert.True(stale.Count == 0, $"faults naming unknown checks: {string.Join(", ", stale)}");
        Assert.All(FaultCatalog.All, f => Assert.NotEmpty(f.Demonstrates));
    }

    [Theory]
    [MemberData(nameof(CheckIds))]
    public void Each_check_passes_against_the_correct_server(string id)
    {
        var result = correct.Document.Checks.Single(c => c.Id == id);
        if (result.Outcome == Outcome.NotApplicable)
        {
            var minimal = correct.Minimal.Checks.Single(c => c.Id == id);
            Assert.True(minimal.Outcome == Outcome.Pass,
                $"{id} was NotApplicable on the full reference server ({result.Reason}) and {minimal.Outcome} on the one without optional features: {minimal.Reason} | expected {minimal.Expected} | actual {minimal.Actual}");
            return;
        }
        Assert.True(result.Outcome == Outcome.Pass,
            $"{id} was {result.Outcome} against the correct reference server: {result.Reason} | expected {result.Expected} | actual {result.Actual}");
    }

    [Theory]
    [MemberData(nameof(CheckIds))]
    public void Each_check_passes_or_does_not_apply_without_the_optional_features(string id)
    {
        // The server without optional features is correct too: nothing may fail on it, only stop applying.
        var result = correct.Minimal.Checks.Single(c => c.Id == id);
        Assert.True(result.Outcome is Outcome.Pass or Outcome.NotApplicable or Outcome.Skipped,
            $"{id} was {result.Outcome} against the reference server without optional features: {result.Reason} | expected {result.Expected} | actual {result.Actual}");
    }

    [Theory]
    [MemberData(nameof(FaultNames))]
    public async Task Each_fault_makes_its_checks_report_a_violation(string faultName)
    {
        var fault = FaultCatalog.Find(faultName)!;
        var document = await ReferenceRuns.RunAsync([faultName], fault.Demonstrates);
        var absentFeatureChecks = fault.Demonstrates.Where(id => correct.Document.Checks.Single(c => c.Id == id).Outcome == Outcome.NotApplicable).ToList();
        var minimal = absentFeatureChecks.Count == 0 ? null : await ReferenceRuns.RunAsync([faultName], absentFeatureChecks, ReferenceRuns.AllOptionalFeatures);
        foreach (var id in fault.Demonstrates)
        {
            var result = (absentFeatureChecks.Contains(id) ? minimal! : document).Checks.Single(c => c.Id == id);
            Assert.True(result.Outcome is Outcome.Fail or Outcome.Warn or Outcome.Info,
                $"fault {faultName}: {id} was {result.Outcome}, not a violation ({result.Reason})");
            Assert.False(string.IsNullOrWhiteSpace(result.Reason), $"{id}: a violation must say why");
            Assert.False(string.IsNullOrWhiteSpace(result.Expected), $"{id}: a violation must say what was expected");
            Assert.False(string.IsNullOrWhiteSpace(result.Actual), $"{id}: a violation must say what happened");
            Assert.NotEmpty(result.Exchanges);
        }
    }
}

/// <summary>The whole catalog, run once against the correct reference server with every optional feature and once
/// against the one without them, shared by the theories above.</summary>
public sealed class CorrectServerRun : IAsyncLifetime
{
    public ResultDocument Document { get; private set; } = null!;
    public ResultDocument Minimal { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Document = await ReferenceRuns.RunAsync([], []);
        Minimal = await ReferenceRuns.RunAsync([], [], ReferenceRuns.AllOptionalFeatures);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>Runs checks the way the runner does, against an in-process reference server with the given faults.</summary>
public static class ReferenceRuns
{
    public static IReadOnlyCollection<OptionalFeature> AllOptionalFeatures { get; } = Enum.GetValues<OptionalFeature>();

    public static async Task<ResultDocument> RunAsync(IReadOnlyCollection<string> faults, IReadOnlyList<string> include, IReadOnlyCollection<OptionalFeature>? without = null)
    {
        await using var server = await EmbeddedTarget.StartAsync(faults, without: without);
        using var session = server.CreateSession("reference");
        var target = new TargetInfo { Name = "reference", BaseUrl = server.BaseUrl.ToString(), Embedded = true, Faults = faults.ToList() };
        var selection = new Selection(include, [], CheckCatalog.All);
        return await new ConformanceRun(session, target, selection, concurrency: 8).ExecuteAsync(CheckCatalog.All);
    }
}
