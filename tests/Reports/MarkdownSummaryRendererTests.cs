using System.Text.RegularExpressions;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Reports.Renderers;
using Xunit;

using Scim.Conformance.Tests.Support;

namespace Scim.Conformance.Tests.Reports;

public sealed partial class MarkdownSummaryRendererTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ResultDocument _document = SampleResults.EveryOutcome();
    private readonly string _markdown;

    public MarkdownSummaryRendererTests()
    {
        new MarkdownSummaryRenderer().Write(_document, _dir.Path);
        _markdown = File.ReadAllText(_dir.File("summary.md"));
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Starts_with_a_one_line_verdict()
    {
        var first = _markdown.Split('\n')[0];
        Assert.StartsWith("## ❌ SCIM conformance: Does not conform: 2 MUST requirements violated", first);
        Assert.Contains("1 check without a verdict", first);

        var clean = MarkdownSummaryRenderer.Render(SampleResults.AllPass()).Split('\n')[0];
        Assert.Equal("## ✅ SCIM conformance: Conforms: every applicable requirement is met", clean);
    }

    [Fact]
    public void Outcome_table_counts_every_outcome()
    {
        foreach (var outcome in Enum.GetValues<Outcome>())
        {
            var row = Rows().Single(r => r.Length == 3 && r[0] == OutcomeText.Label(outcome));
            Assert.Equal(_document.Summary.Count(outcome).ToString(), row[1]);
        }
        Assert.Contains(Rows(), r => r[0] == "**Total**" && r[1] == "**8**");
    }

    [Fact]
    public void Area_table_counts_every_area()
    {
        var header = Rows().First(r => r[0] == "Area");
        foreach (var (area, counts) in _document.Summary.ByArea)
        {
            var row = Rows().Single(r => r[0] == area);
            Assert.Equal(header.Length, row.Length);
            foreach (var (outcome, n) in counts)
                Assert.Equal(n.ToString(), row[Array.IndexOf(header, OutcomeText.Label(outcome))]);
        }
    }

    [Fact]
    public void Lists_fail_error_and_warn_checks_worst_first_and_nothing_else()
    {
        var header = Rows().First(r => r[0] == "Outcome" && r[1] == "Check");
        var listed = Rows().Where(r => r.Length == header.Length && r[1].StartsWith('`')).ToList();
        Assert.Equal(
            ["discovery.schemas.core-user", "filter.eq.case-insensitive", "errors.timeout.users-list", "lifecycle.create.location-header"],
            listed.Select(r => r[1][1..r[1].IndexOf('`', 1)]));
        Assert.Equal(["Fail", "Fail", "Error", "Warn"], listed.Select(r => r[0]));
        Assert.Equal("SHOULD", listed[3][2]);
        Assert.Equal("`RFC7644 §3.4.2.2`", listed[1][4]);
    }

    [Fact]
    public void Table_cells_escape_pipes_newlines_and_html()
    {
        var row = Rows().Single(r => r.Length > 1 && r[1].StartsWith("`filter.eq.case-insensitive`", StringComparison.Ordinal));
        Assert.Equal(5, row.Length);   // the | in the reason did not split the row
        Assert.Equal("filter userName eq \"ALICE\" found nothing \\| expected one<br>second line", row[3]);
        Assert.Contains(Rows(), r => r.Length == 5 && r[3].EndsWith("&lt;script&gt;alert(1)&lt;/script&gt;", StringComparison.Ordinal));
        Assert.DoesNotContain("<script", _markdown);
        Assert.DoesNotContain("<img", _markdown);
        Assert.DoesNotContain(SampleResults.ControlChar, _markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Baseline_differences_are_listed_with_regressions_unfolded()
    {
        Assert.Contains("### Against the baseline `baseline.json`", _markdown);
        var regressions = _markdown.IndexOf("<details open><summary>New failure (regression): 1</summary>", StringComparison.Ordinal);
        Assert.True(regressions > 0);
        Assert.True(_markdown.IndexOf("- `discovery.schemas.core-user`", regressions, StringComparison.Ordinal) > regressions);
        Assert.Contains("<details><summary>Now passes (update the baseline): 1</summary>", _markdown);
        Assert.Contains("- `removed.check`", _markdown);

        Assert.DoesNotContain("baseline", MarkdownSummaryRenderer.Render(SampleResults.AllPass()), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Long_runs_fold_and_stay_under_the_github_comment_limit()
    {
        var markdown = MarkdownSummaryRenderer.Render(SampleResults.ManyFailures(500));
        Assert.True(markdown.Length < 65_536, $"summary is {markdown.Length} characters");
        Assert.Contains($"<details><summary>{MarkdownSummaryRenderer.MaxRows - MarkdownSummaryRenderer.VisibleRows} more</summary>", markdown);
        Assert.Contains($"… and {500 - MarkdownSummaryRenderer.MaxRows} more not listed here", markdown);
        Assert.Contains("…", Rows(markdown).First(r => r.Length == 5 && r[1].StartsWith('`'))[3]);   // reason cut short
    }

    private List<string[]> Rows() => Rows(_markdown);

    // Splits Markdown table rows on unescaped pipes, as GitHub does.
    private static List<string[]> Rows(string markdown) =>
        [.. markdown.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal))
            .Select(l => UnescapedPipe().Split(l.Trim()[1..^1]).Select(c => c.Trim()).ToArray())];

    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex UnescapedPipe();
}
