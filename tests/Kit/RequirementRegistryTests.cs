using System.Net;
using System.Reflection;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Suites.Requirements;
using Scim.Conformance.Tests.Support;
using Xunit;

namespace Scim.Conformance.Tests.Kit;

/// <summary>Requirements as data: the registry is complete and well-formed, a check's level is its primary
/// requirement's graded level (never a default), and the grading rules follow the wording of the text.</summary>
public class RequirementRegistryTests
{
    /// <summary>Checks written for these tests only (not in the suites assembly, so not in the catalog).</summary>
    public sealed class SampleChecks : ScimCheck
    {
        [Check("test.no-requirement", "A check that names no requirement", References = ["RFC7644 §3.3"], Requirement = "a sample")]
        public Task NamesNothing() => Task.CompletedTask;

        [Check("test.unknown-requirement", "A check that names a requirement nobody wrote", References = ["RFC7644 §3.3"],
            Rows = ["RFC7644-9.9-NOT-A-ROW"], Requirement = "a sample")]
        public Task NamesUnknown() => Task.CompletedTask;

        public Task Violates() => throw new VerdictException("the thing is wrong", "right", "wrong");
    }

    [Fact]
    public void A_check_without_a_requirement_has_no_level_and_is_refused()
    {
        var method = typeof(SampleChecks).GetMethod(nameof(SampleChecks.NamesNothing))!;
        var e = Assert.Throws<CheckMetadataException>(() => CheckDescriptor.From(method, method.GetCustomAttribute<CheckAttribute>()!));
        Assert.Contains("names no requirement", e.Message);
    }

    [Fact]
    public void A_check_naming_an_unknown_requirement_is_refused()
    {
        var method = typeof(SampleChecks).GetMethod(nameof(SampleChecks.NamesUnknown))!;
        var e = Assert.Throws<CheckMetadataException>(() => CheckDescriptor.From(method, method.GetCustomAttribute<CheckAttribute>()!));
        Assert.Contains("RFC7644-9.9-NOT-A-ROW", e.Message);
    }

    [Fact]
    public void Every_check_is_graded_at_its_primary_requirements_graded_level()
    {
        var wrong = CheckCatalog.All.Where(c => c.Level != RequirementRegistry.Find(c.CatalogRows[0])!.GradedLevel).Select(c => c.Id).ToList();
        Assert.True(wrong.Count == 0, $"checks graded apart from their primary requirement: {string.Join(", ", wrong)}");
    }

    [Fact]
    public void Every_requirement_is_described_in_the_projects_words()
    {
        var problems = new List<string>();
        foreach (var r in RequirementRegistry.All)
        {
            if (r.Text.Length < 15 || r.Text.Contains("PROVISIONAL", StringComparison.Ordinal))
                problems.Add($"{r.Id}: no real requirement text");
            if (!RequirementRegistry.Documents.ContainsKey(r.Document))
                problems.Add($"{r.Id}: unknown document {r.Document}");
            var unclear = r.Wording is RequirementWording.Ambiguous or RequirementWording.Contradictory;
            if (unclear != (r.Ambiguity is not null))
                problems.Add($"{r.Id}: an ambiguity must be described exactly when the wording is ambiguous or contradictory");
            if (r.Ambiguity is { } a && (a.Reason.Length < 15 || a.Allows.Count < 2))
                problems.Add($"{r.Id}: an ambiguity needs a reason and at least two allowed behaviours");
            if (r.Coverage is { Status: not ("covered" or "partial" or "open") } c)
                problems.Add($"{r.Id}: coverage status {c.Status}");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Coverage_notes_name_requirements_that_exist()
    {
        var orphans = typeof(RequirementRegistry).Assembly.GetManifestResourceNames();
        Assert.Contains("Scim.Conformance.Suites.Requirements.coverage.json", orphans);
        var coverage = System.Text.Json.Nodes.JsonNode.Parse(typeof(RequirementRegistry).Assembly
            .GetManifestResourceStream("Scim.Conformance.Suites.Requirements.coverage.json")!)!.AsObject();
        var unknown = coverage.Select(p => p.Key).Where(id => RequirementRegistry.Find(id) is null).ToList();
        Assert.True(unknown.Count == 0, $"coverage.json notes requirements the registry lacks: {string.Join(", ", unknown)}");
    }

    [Theory]
    [InlineData(RequirementWording.Keyword, RequirementLevel.Must, RequirementLevel.Must)]
    [InlineData(RequirementWording.Keyword, RequirementLevel.Should, RequirementLevel.Should)]
    [InlineData(RequirementWording.Keyword, RequirementLevel.May, RequirementLevel.May)]
    [InlineData(RequirementWording.Lowercase, RequirementLevel.Must, RequirementLevel.Should)]
    [InlineData(RequirementWording.Declarative, RequirementLevel.Must, RequirementLevel.Should)]
    [InlineData(RequirementWording.Declarative, RequirementLevel.May, RequirementLevel.May)]
    [InlineData(RequirementWording.Ambiguous, RequirementLevel.Must, RequirementLevel.May)]
    [InlineData(RequirementWording.Contradictory, RequirementLevel.Must, RequirementLevel.May)]
    public void The_graded_level_follows_the_wording(RequirementWording wording, RequirementLevel stated, RequirementLevel graded)
    {
        var r = Sample(wording, stated);
        Assert.Equal(graded, r.GradedLevel);
        // A note says why whenever the graded level is not simply the stated one.
        var explained = stated != graded || wording is RequirementWording.Ambiguous or RequirementWording.Contradictory;
        Assert.Equal(explained, r.GradingNote is not null);
    }

    [Fact]
    public async Task A_violation_of_an_ambiguous_requirement_is_Info_and_says_why()
    {
        var requirement = Sample(RequirementWording.Contradictory, RequirementLevel.Must) with
        {
            Ambiguity = new RequirementAmbiguity("the prose requires it, the schema marks it optional", ["refuse a create without it", "accept it"]),
        };
        var check = new CheckDescriptor
        {
            Id = "test.violates",
            Title = "sample",
            Area = "test",
            Level = requirement.GradedLevel,
            Requirements = [requirement],
            References = ["RFC7643 §4.2"],
            CatalogRows = [requirement.Id],
            Tags = [],
            Requirement = "a sample",
            Prerequisites = [],
            Method = typeof(SampleChecks).GetMethod(nameof(SampleChecks.Violates))!,
        };
        var result = await CheckExecutor.RunAsync(check, Sessions.Over(StubHandler.Json(HttpStatusCode.OK, "{}")), check.Level,
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(Outcome.Info, result.Outcome);
        Assert.Contains("the prose requires it, the schema marks it optional", result.Reason);
        var reference = Assert.Single(result.Requirements);
        Assert.Equal(RequirementLevel.Must, reference.Level);
        Assert.Equal(RequirementLevel.May, reference.GradedLevel);
        Assert.Equal("contradictory", reference.Wording);
    }

    private static Requirement Sample(RequirementWording wording, RequirementLevel level) => new()
    {
        Id = "RFC7643-4.2-SAMPLE",
        Document = "RFC7643",
        Section = "4.2",
        Level = level,
        Wording = wording,
        Text = "A sample requirement for the grading rules.",
        Ambiguity = wording is RequirementWording.Ambiguous or RequirementWording.Contradictory
            ? new RequirementAmbiguity("two readings of one sentence", ["one", "other"]) : null,
    };
}
