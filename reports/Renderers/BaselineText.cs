using Scim.Conformance.Reports.Model;

namespace Scim.Conformance.Reports.Renderers;

/// <summary>How reports word a comparison with the baseline of known deviations, so that the HTML report, the
/// Markdown summary and Allure use the same words.</summary>
public static class BaselineText
{
    public static string Label(BaselineStatus status) => status switch
    {
        BaselineStatus.AsExpected => "As expected",
        BaselineStatus.NewFailure => "New failure (regression)",
        BaselineStatus.NowPasses => "Now passes (update the baseline)",
        BaselineStatus.Changed => "Changed outcome",
        _ => status.ToString(),
    };

    public const string UnknownChecksLabel = "In the baseline, no longer in the catalog";

    /// <summary>One line for a check: the status, what the baseline expected, and the baseline's reason.</summary>
    public static string Describe(BaselineComparison baseline)
    {
        var text = Label(baseline.Status);
        if (baseline.ExpectedOutcome is { } expected) text += $"; the baseline expects {OutcomeText.Label(expected)}";
        if (!string.IsNullOrWhiteSpace(baseline.Reason)) text += $" ({baseline.Reason})";
        return text;
    }

    /// <summary>The baseline's lists in display order (regressions first), with their labels.</summary>
    public static IEnumerable<(string Label, IReadOnlyList<string> Ids)> Categories(BaselineSummary baseline) =>
    [
        (Label(BaselineStatus.NewFailure), baseline.NewFailures),
        (Label(BaselineStatus.NowPasses), baseline.NowPassing),
        (Label(BaselineStatus.Changed), baseline.Changed),
        (UnknownChecksLabel, baseline.UnknownChecks),
    ];
}
