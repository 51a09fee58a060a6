using Scim.Conformance.Reports.Model;

namespace Scim.Conformance.Reports.Renderers;

/// <summary>Turns a result document into one report. Every report renders from the document alone, so a report
/// can be regenerated later from a saved <c>result.json</c> without rerunning anything.</summary>
public interface IReportRenderer
{
    /// <summary>The file or folder this renderer writes inside the output directory (e.g. <c>junit.xml</c>,
    /// <c>allure-results</c>); it doubles as the report's name so that users and scripts see one name only.</summary>
    string Name { get; }

    /// <summary>Writes the report to <c>Path.Combine(outputDirectory, Name)</c>, replacing what a previous run
    /// left there. The directory must exist.</summary>
    void Write(ResultDocument document, string outputDirectory);
}
