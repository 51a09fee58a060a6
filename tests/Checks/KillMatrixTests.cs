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
    public static TheoryData<string> FaultNames => new(FaultCatalog.All.Where(f => f.Demonstrates.Count > 0).Select(f => f.Name));
    public static TheoryData<string> ToleratedFaultNames => new(FaultCatalog.All.Where(f => f.Tolerated).Select(f => f.Name));

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
        // A tolerated fault may demonstrate nothing (a business rule the RFC allows): its own theory below proves it.
        Assert.All(FaultCatalog.All.Where(f => !f.Tolerated), f => Assert.NotEmpty(f.Demonstrates));
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

    /// <summary>A tolerated fault is one the suite must work around: apart from the checks it names (the discovery
    /// checks that report broken discovery), a run with it on is no worse than the correct server — not one more
    /// Fail, Warn, Skipped or Error — and the results name the adaptation that made that possible.</summary>
    [Theory]
    [MemberData(nameof(ToleratedFaultNames))]
    public async Task Each_tolerated_fault_leaves_every_other_verdict_as_on_the_correct_server(string faultName)
    {
        var fault = FaultCatalog.Find(faultName)!;
        var document = await ReferenceRuns.RunAsync([faultName], []);
        var worse = document.Checks
            .Where(c => !fault.Demonstrates.Contains(c.Id) && IsAdverse(c.Outcome) && !IsAdverse(correct.Document.Checks.Single(x => x.Id == c.Id).Outcome))
            .Select(c => $"{c.Id} {c.Outcome}: {c.Reason} | {c.Actual}").ToList();
        Assert.True(worse.Count == 0, $"with {faultName} on, these verdicts got worse than on the correct server:\n{string.Join("\n", worse)}");
        Assert.True(document.Checks.Count(c => IsAdverse(c.Outcome)) - fault.Demonstrates.Count <= correct.Document.Checks.Count(c => IsAdverse(c.Outcome)),
            $"{faultName}: more adverse verdicts than on the correct server");
        Assert.Contains(document.Checks, c => c.Adaptations.Count > 0);
        Assert.DoesNotContain(correct.Document.Checks, c => c.Adaptations.Count > 0);
        foreach (var id in fault.Demonstrates)
            Assert.True(document.Checks.Single(c => c.Id == id).Outcome is Outcome.Fail or Outcome.Warn or Outcome.Info, $"{faultName}: {id} does not report the defect");
    }

    [Fact]
    public async Task A_user_type_naming_an_extension_fails_discovery_while_users_are_tested_from_the_rfc_definition()
    {
        var document = await ReferenceRuns.RunAsync(["user-type-names-extension-schema"], ["discovery.resource-types.*", "lifecycle.*", "filter.*", "patch.*"]);
        // RFC 7643 §6 states the rule without a keyword (declarative): a Warn.
        Assert.Equal(Outcome.Warn, document.Checks.Single(c => c.Id == "discovery.resource-types.core-schema").Outcome);
        var judged = document.Checks.Where(c => c.Area is "lifecycle" or "filter" or "patch").ToList();
        Assert.NotEmpty(judged);
        foreach (var result in judged)
        {
            var onCorrect = correct.Document.Checks.Single(c => c.Id == result.Id);
            Assert.True(result.Outcome == onCorrect.Outcome, $"{result.Id} was {result.Outcome} ({result.Reason}), {onCorrect.Outcome} on the correct server");
        }
        // Every verdict that created a user rests on the RFC's User definition, and says so.
        var userCreators = judged.Where(c => c.Exchanges.Any(e => e.Method == "POST" && e.Url.EndsWith("/Users", StringComparison.Ordinal))).ToList();
        Assert.NotEmpty(userCreators);
        Assert.All(userCreators, c => Assert.Contains(c.Adaptations, a => a.Contains("RFC 7643 §8.7.1", StringComparison.Ordinal) && a.Contains(ScimUrns.EnterpriseUser, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_server_requiring_an_email_is_sent_users_with_one_and_the_verdicts_say_so()
    {
        var document = await ReferenceRuns.RunAsync(["users-require-email"], ["lifecycle.create.*", "filter.*"]);
        var selected = document.Checks.Where(c => c.Id.StartsWith("lifecycle.create.", StringComparison.Ordinal) || c.Area == "filter").ToList();
        Assert.NotEmpty(selected);
        Assert.All(selected, c => Assert.True(c.Outcome == correct.Document.Checks.Single(x => x.Id == c.Id).Outcome, $"{c.Id} was {c.Outcome}: {c.Reason}"));
        var withUsers = selected.Where(c => c.Exchanges.Any(e => e.Method == "POST" && e.Url.EndsWith("/Users", StringComparison.Ordinal))).ToList();
        Assert.NotEmpty(withUsers);
        Assert.All(withUsers, c => Assert.Contains(c.Adaptations, a => a.StartsWith("creation rule learned for User", StringComparison.Ordinal) && a.Contains("a work email", StringComparison.Ordinal)));
        // The refusal that taught the rule is evidence: the verdict shows the 400 and the accepted retry.
        Assert.All(withUsers, c => Assert.Contains(c.Exchanges, e => e.Status == 400 && e.Method == "POST"));
    }

    private static bool IsAdverse(Outcome outcome) => outcome is Outcome.Fail or Outcome.Warn or Outcome.Skipped or Outcome.Error;
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
