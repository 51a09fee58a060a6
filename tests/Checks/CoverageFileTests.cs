using System.Text.RegularExpressions;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Tests.Support;
using Xunit;

namespace Scim.Conformance.Tests.Checks;

/// <summary>docs/coverage/*.md and the checks' own `Rows` metadata agree: a row is never claimed without a check,
/// and a row left open always says why.</summary>
public partial class CoverageFileTests
{
    private sealed record Row(string Id, string Status, IReadOnlyList<string> Checks, string Note);

    // Rows of the RFC requirement catalog (RFC7644-…) and statements of the agent draft (AGT-N01…).
    [GeneratedRegex(@"^\|\s*(RFC\d{4}-[^|]+?|AGT-N\d{2})\s*\|\s*(covered|partial|open)\s*\|([^|]*)\|(.*)\|\s*$")]
    private static partial Regex RowLine();

    private static IReadOnlyList<Row> Rows() =>
        Directory.EnumerateFiles(RepositoryRoot.File("docs", "coverage"), "*.md").SelectMany(File.ReadLines)
            .Select(l => RowLine().Match(l))
            .Where(m => m.Success)
            .Select(m => new Row(m.Groups[1].Value, m.Groups[2].Value,
                m.Groups[3].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), m.Groups[4].Value.Trim()))
            .ToList();

    [Fact]
    public void The_files_list_rows() => Assert.True(Rows().Count >= 30);

    [Fact]
    public void No_row_is_listed_twice()
    {
        var twice = Rows().GroupBy(r => r.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, $"rows listed more than once: {string.Join(", ", twice)}");
    }

    [Fact]
    public void Every_listed_check_exists_and_claims_the_row()
    {
        foreach (var row in Rows())
        {
            foreach (var id in row.Checks)
            {
                var check = CheckCatalog.Find(id);
                Assert.True(check is not null, $"{row.Id} names unknown check {id}");
                Assert.True(check!.CatalogRows.Contains(row.Id), $"{id} does not list {row.Id} in its Rows");
            }
        }
    }

    [Fact]
    public void Every_row_a_check_claims_is_listed_with_it()
    {
        var rows = Rows().ToDictionary(r => r.Id);
        foreach (var check in CheckCatalog.All)
        {
            foreach (var rowId in check.CatalogRows)
            {
                Assert.True(rows.TryGetValue(rowId, out var row), $"{check.Id} claims {rowId}, which docs/coverage/ does not list");
                Assert.Contains(check.Id, row!.Checks);
            }
        }
    }

    [Fact]
    public void Open_and_partial_rows_give_a_reason_and_covered_rows_name_checks()
    {
        foreach (var row in Rows())
        {
            if (row.Status == "covered")
                Assert.True(row.Checks.Count > 0, $"{row.Id} is covered by no check");
            else
                Assert.True(row.Note.Length >= 40, $"{row.Id} is {row.Status} without a real reason");
            if (row.Status == "open")
                Assert.Empty(row.Checks);
        }
    }
}
