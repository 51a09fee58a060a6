using Scim.Conformance.Reports.Model;

namespace Scim.Conformance.Reports.Renderers;

/// <summary>Writes the canonical <c>result.json</c> and every report next to it.</summary>
public static class ReportWriter
{
    public const string ResultFileName = "result.json";

    /// <summary>Every report the product ships, in the order they are written.</summary>
    public static IReadOnlyList<IReportRenderer> All { get; } =
    [
        new HtmlReportRenderer(),
        new JunitReportRenderer(),
        new MarkdownSummaryRenderer(),
        new AllureResultsRenderer(),
        new CtrfReportRenderer(),
    ];

    /// <summary>Writes <c>result.json</c> first (the single source: if a renderer throws, the data is already
    /// saved and the reports can be regenerated from it), then every report. Returns the full paths written.</summary>
    public static IReadOnlyList<string> WriteAll(ResultDocument document, string outputDirectory)
    {
        var directory = Path.GetFullPath(outputDirectory);
        Directory.CreateDirectory(directory);

        var resultPath = Path.Combine(directory, ResultFileName);
        File.WriteAllText(resultPath, ResultJson.Serialize(document), ReportText.Utf8);
        var written = new List<string> { resultPath };

        foreach (var renderer in All)
        {
            renderer.Write(document, directory);
            written.Add(Path.Combine(directory, renderer.Name));
        }
        return written;
    }
}
