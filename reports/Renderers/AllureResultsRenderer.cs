using System.Globalization;
using System.Text;
using Scim.Conformance.Reports.Model;

namespace Scim.Conformance.Reports.Renderers;

/// <summary><c>allure-results/</c>: the raw result files that the Allure tools (Allure 3 <c>allure generate</c>,
/// Allure 2) turn into a report. No Allure library for .NET is available to us, so the files are written by
/// hand in the format research/toolchain.md §4 verified: one <c>&lt;uuid&gt;-result.json</c> per check, one
/// step per HTTP exchange with the request and response as <c>&lt;uuid&gt;-attachment.txt</c> files, and
/// <c>environment.properties</c>. Allure's statuses: Pass, Warn and Info are <c>passed</c> (Warn and Info keep
/// their reason in the status details), Fail is <c>failed</c>, Error is <c>broken</c>, NotApplicable and Skipped
/// are <c>skipped</c>.</summary>
public sealed class AllureResultsRenderer : IReportRenderer
{
    public const string ParentSuite = "SCIM conformance";
    private const string ResultSuffix = "-result.json";
    private const string AttachmentSuffix = "-attachment.txt";
    private const string EnvironmentFile = "environment.properties";

    public string Name => "allure-results";

    public static string Status(Outcome outcome) => outcome switch
    {
        Outcome.Fail => "failed",
        Outcome.Error => "broken",
        Outcome.NotApplicable or Outcome.Skipped => "skipped",
        _ => "passed",
    };

    public static string Severity(RequirementLevel level) => level switch
    {
        RequirementLevel.Must => "critical",
        RequirementLevel.Should => "normal",
        _ => "minor",
    };

    /// <summary>The result's uuid: unique per run and check, identical when the same document is rendered again.</summary>
    public static string ResultUuid(ResultDocument document, CheckResult check) =>
        StableId.Uuid("allure-result", document.StartedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), check.Id);

    /// <summary>Same for every run of a check, so Allure links runs of one check into a history.</summary>
    public static string HistoryId(CheckResult check) => StableId.Hash("check", check.Id);

    public void Write(ResultDocument document, string outputDirectory)
    {
        var directory = Path.Combine(outputDirectory, Name);
        Directory.CreateDirectory(directory);
        RemovePreviousRun(directory);

        foreach (var check in document.Checks)
        {
            var uuid = ResultUuid(document, check);
            var result = BuildResult(document, check, uuid, directory);
            RendererJson.WriteFile(Path.Combine(directory, uuid + ResultSuffix), result);
        }
        File.WriteAllText(Path.Combine(directory, EnvironmentFile), EnvironmentProperties(document), Encoding.ASCII);
    }

    // Allure reads every result file in the folder: results of an earlier run left there would be counted too.
    // Only our own file patterns are removed, never anything else a user keeps there.
    private static void RemovePreviousRun(string directory)
    {
        foreach (var pattern in new[] { "*" + ResultSuffix, "*" + AttachmentSuffix, EnvironmentFile })
            foreach (var file in Directory.EnumerateFiles(directory, pattern))
                File.Delete(file);
    }

    private static AllureResult BuildResult(ResultDocument document, CheckResult check, string uuid, string directory)
    {
        var start = CheckStart(document, check);
        var steps = check.Exchanges.Select(exchange => BuildStep(document, exchange)).ToList();

        return new AllureResult
        {
            Uuid = uuid,
            HistoryId = HistoryId(check),
            TestCaseId = HistoryId(check),
            Name = ReportText.CheckName(check),
            FullName = $"{check.Area}.{check.Id}",
            Description = Description(check),
            Status = Status(check.Outcome),
            StatusDetails = new AllureStatusDetails
            {
                Message = check.Outcome == Outcome.Pass ? null : $"{OutcomeText.Label(check.Outcome)}: {check.Reason}",
                Trace = check.Outcome == Outcome.Pass ? null : ReportText.ExpectedActual(check),
                // A deviation the baseline already expects is a "known issue" in Allure's vocabulary.
                Known = check.Baseline?.Status == BaselineStatus.AsExpected && check.Outcome != Outcome.Pass ? true : null,
            },
            Start = start,
            Stop = start + (long)Math.Round(check.DurationMs),
            Labels = Labels(check),
            Links = check.References
                .Select(r => (Name: r, Url: ReferenceLinks.UrlFor(r)))
                .Where(l => l.Url is not null)
                .Select(l => new AllureLink(l.Name, l.Url!, "link"))
                .ToList(),
            Parameters =
            [
                new AllureParameter("target", document.Target.Name),
                new AllureParameter("profile", document.Profile),
            ],
            Steps = steps,
            Attachments = check.Exchanges.Count == 0 ? [] : [AttachExchanges(check, uuid, directory)],
        };
    }

    /// <summary>All of a check's exchanges in one attachment. One file per check, not two per exchange: a full run
    /// makes thousands of exchanges, and as many small files cost more to write than the whole run takes.</summary>
    private static AllureAttachment AttachExchanges(CheckResult check, string resultUuid, string directory)
    {
        var text = new StringBuilder();
        foreach (var (exchange, i) in check.Exchanges.Select((e, i) => (e, i + 1)))
        {
            text.Append("### ").Append(i.ToString(CultureInfo.InvariantCulture)).Append(". ").Append(exchange.Method).Append(' ').Append(exchange.Url).Append("\n\n");
            text.Append(ExchangeText.Request(exchange)).Append("\n\n");
            text.Append(ExchangeText.Response(exchange)).Append("\n\n");
        }
        var source = StableId.Uuid(resultUuid, "exchanges") + AttachmentSuffix;
        File.WriteAllText(Path.Combine(directory, source), text.ToString(), ReportText.Utf8);
        return new AllureAttachment("HTTP exchanges", source, "text/plain");
    }

    // The model has no start time per check; its first exchange is the best evidence, the run start the fallback.
    private static long CheckStart(ResultDocument document, CheckResult check) =>
        (check.Exchanges.Count > 0 ? check.Exchanges.Min(e => e.StartedAt) : document.StartedAt).ToUnixTimeMilliseconds();

    private static List<AllureLabel> Labels(CheckResult check)
    {
        var labels = new List<AllureLabel>
        {
            new("parentSuite", ParentSuite),
            new("suite", check.Area),
            new("severity", Severity(check.Level)),
            new("checkId", check.Id),
            new("outcome", check.Outcome.ToString()),
            new("level", check.Level.Keyword()),
        };
        labels.AddRange(check.Tags.Select(t => new AllureLabel("tag", t)));
        return labels;
    }

    private static AllureStep BuildStep(ResultDocument document, Exchange exchange)
    {
        var start = exchange.StartedAt.ToUnixTimeMilliseconds();
        return new AllureStep
        {
            Name = ExchangeText.Title(exchange, document.Target.BaseUrl),
            Status = exchange.Error is null ? "passed" : "broken",
            StatusDetails = exchange.Error is { } error ? new AllureStatusDetails { Message = error } : null,
            Start = start,
            Stop = start + (long)Math.Round(exchange.ElapsedMs),
        };
    }

    // Allure renders the description as Markdown; server text goes inside code fences so it cannot inject markup.
    private static string Description(CheckResult check)
    {
        var sb = new StringBuilder();
        sb.Append("**").Append(check.Level.Keyword()).Append("** ").Append(MarkdownText.Inline(check.Requirement ?? check.Title))
            .Append("\n\n");
        sb.Append("**Outcome:** ").Append(OutcomeText.Label(check.Outcome)).Append(" — ").Append(OutcomeText.Meaning(check.Outcome))
            .Append("\n\n");
        if (check.Reason is { } reason) sb.Append("**Reason:** ").Append(MarkdownText.Inline(reason)).Append("\n\n");
        if (check.Expected is { } expected) sb.Append("**Expected**\n\n").Append(MarkdownText.Fence(expected)).Append("\n\n");
        if (check.Actual is { } actual) sb.Append("**Actual**\n\n").Append(MarkdownText.Fence(actual)).Append("\n\n");
        if (check.References.Count > 0)
            sb.Append("**References:** ").AppendJoin(", ", check.References.Select(r => MarkdownText.Code(r))).Append("\n\n");
        if (check.CatalogRows.Count > 0)
            sb.Append("**Catalog rows:** ").AppendJoin(", ", check.CatalogRows.Select(r => MarkdownText.Code(r))).Append("\n\n");
        if (check.Baseline is { } baseline)
            sb.Append("**Baseline:** ").Append(MarkdownText.Inline(BaselineText.Describe(baseline))).Append("\n\n");
        return sb.ToString().TrimEnd();
    }

    /// <summary>Java .properties (what Allure 2 reads with <c>Properties.load</c>, and Allure 3 too): ASCII, with
    /// <c>\uXXXX</c> escapes. Only what identifies the run, never a credential: the base URL loses any user-info.</summary>
    private static string EnvironmentProperties(ResultDocument document)
    {
        var sb = new StringBuilder();
        void Line(string key, string value) => sb.Append(key).Append('=').Append(PropertiesEscape(value)).Append('\n');
        Line("target", document.Target.Name);
        Line("base.url", ReportText.DisplayUrl(document.Target.BaseUrl));
        Line("profile", document.Profile);
        Line("tool", document.Tool.Name);
        Line("tool.version", document.Tool.Version);
        Line("run.prefix", document.RunPrefix);
        if (document.Target.Faults.Count > 0) Line("faults", string.Join(", ", document.Target.Faults));
        return sb.ToString();
    }

    private static string PropertiesEscape(string value)
    {
        var sb = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '\\': sb.Append(@"\\"); break;
                case '\n': sb.Append(@"\n"); break;
                case '\r': sb.Append(@"\r"); break;
                case '\t': sb.Append(@"\t"); break;
                case ' ' when i == 0: sb.Append(@"\ "); break;   // a leading space would be dropped by the reader
                case '=' or ':' or '#' or '!': sb.Append('\\').Append(c); break;
                default:
                    if (c is >= ' ' and <= '~') sb.Append(c);
                    else sb.Append(@"\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
            }
        }
        return sb.ToString();
    }

    // Allure's result schema (allure-js-commons' TestResult), camelCase via RendererJson.
    private sealed record AllureResult
    {
        public required string Uuid { get; init; }
        public required string HistoryId { get; init; }
        public required string TestCaseId { get; init; }
        public required string Name { get; init; }
        public required string FullName { get; init; }
        public required string Description { get; init; }
        public required string Status { get; init; }
        public required AllureStatusDetails StatusDetails { get; init; }
        public string Stage => "finished";
        public long Start { get; init; }
        public long Stop { get; init; }
        public required IReadOnlyList<AllureLabel> Labels { get; init; }
        public required IReadOnlyList<AllureLink> Links { get; init; }
        public required IReadOnlyList<AllureParameter> Parameters { get; init; }
        public required IReadOnlyList<AllureStep> Steps { get; init; }
        public IReadOnlyList<AllureAttachment> Attachments { get; init; } = [];
    }

    private sealed record AllureStatusDetails
    {
        public string? Message { get; init; }
        public string? Trace { get; init; }
        public bool? Known { get; init; }
    }

    private sealed record AllureStep
    {
        public required string Name { get; init; }
        public required string Status { get; init; }
        public AllureStatusDetails? StatusDetails { get; init; }
        public string Stage => "finished";
        public long Start { get; init; }
        public long Stop { get; init; }
        public IReadOnlyList<AllureStep> Steps { get; init; } = [];
        public IReadOnlyList<AllureParameter> Parameters { get; init; } = [];
        public IReadOnlyList<AllureAttachment> Attachments { get; init; } = [];
    }

    private sealed record AllureLabel(string Name, string Value);

    private sealed record AllureLink(string Name, string Url, string Type);

    private sealed record AllureParameter(string Name, string Value);

    private sealed record AllureAttachment(string Name, string Source, string Type);
}
