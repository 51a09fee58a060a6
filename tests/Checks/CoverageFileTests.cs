using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Suites.Requirements;
using Scim.Conformance.Tests.Support;
using Xunit;

namespace Scim.Conformance.Tests.Checks;

/// <summary>docs/coverage/ is generated from the registry and the checks' metadata: the committed files must equal
/// the generated ones, so coverage is never claimed by hand and never goes stale.</summary>
public class CoverageFileTests
{
    private const string Regenerate = "regenerate with `dotnet run --project runner -- coverage --out docs/coverage`";

    [Fact]
    public void The_committed_coverage_files_are_the_generated_ones()
    {
        var generated = CoverageDocuments.Render(CheckCatalog.All);
        var directory = RepositoryRoot.File("docs", "coverage");
        var committed = Directory.EnumerateFiles(directory, "*.md").Select(Path.GetFileName).ToHashSet();
        Assert.True(committed.SetEquals(generated.Keys), $"docs/coverage/ holds {string.Join(", ", committed.Order())}, not {string.Join(", ", generated.Keys)}: {Regenerate}");
        foreach (var (name, content) in generated)
            Assert.True(File.ReadAllText(Path.Combine(directory, name)) == content, $"docs/coverage/{name} is stale: {Regenerate}");
    }

    [Fact]
    public void Every_requirement_a_check_claims_is_covered_and_every_open_one_has_no_check()
    {
        var generated = CoverageDocuments.Render(CheckCatalog.All);
        foreach (var check in CheckCatalog.All)
        {
            foreach (var id in check.CatalogRows)
            {
                var requirement = RequirementRegistry.Find(id)!;
                var page = generated[requirement.Document.ToLowerInvariant() + ".md"];
                var line = page.Split('\n').Single(l => l.StartsWith($"| {id} |", StringComparison.Ordinal));
                Assert.Contains(check.Id, line);
                Assert.DoesNotContain("| open |", line);
            }
        }
    }

    [Fact]
    public void A_partial_requirement_says_what_is_left_out()
    {
        var silent = RequirementRegistry.All.Where(r => r.Coverage is { Status: "partial" or "open", Note.Length: < 10 }).Select(r => r.Id).ToList();
        Assert.True(silent.Count == 0, $"partial or open without a reason: {string.Join(", ", silent)}");
    }
}
