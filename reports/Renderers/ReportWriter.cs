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
    /// saved and the reports can be regenerated from it), then every report. Returns the full paths written.
    /// <paramref name="mask"/> (the run's secret mask) runs on the final text of every file: on result.json's text
    /// before the reports are rendered from it (so no renderer can shorten a secret it would then miss), and on every
    /// file written, attachments included, after the renderers' own encoding.</summary>
    public static IReadOnlyList<string> WriteAll(ResultDocument document, string outputDirectory, Func<string, string> mask)
    {
        var directory = Path.GetFullPath(outputDirectory);
        Directory.CreateDirectory(directory);

        var resultPath = Path.Combine(directory, ResultFileName);
        var json = ResultJson.Serialize(document);
        var maskedJson = mask(json);
        File.WriteAllText(resultPath, maskedJson, ReportText.Utf8);
        var written = new List<string> { resultPath };
        // The reports render from what result.json now says, when the mask found anything in it: a renderer cuts
        // long text (a reason, a cell) and would otherwise keep the first half of a secret the final pass cannot see.
        var rendered = string.Equals(maskedJson, json, StringComparison.Ordinal)
            ? document : MaskedOrOriginal(maskedJson, document);

        foreach (var renderer in All)
        {
            renderer.Write(rendered, directory);
            written.Add(Path.Combine(directory, renderer.Name));
        }
        OutputMask.Files(written.Skip(1), mask);
        return written;
    }

    // A mask that broke the JSON's structure (a secret spelt like a JSON literal) leaves the original to render; the
    // final pass over every file still masks it.
    private static ResultDocument MaskedOrOriginal(string maskedJson, ResultDocument original)
    {
        try
        {
            return ResultJson.Deserialize(maskedJson);
        }
        catch (InvalidDataException)
        {
            return original;
        }
    }
}
