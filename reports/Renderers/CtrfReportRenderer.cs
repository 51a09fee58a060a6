using System.Globalization;
using Scim.Conformance.Reports.Model;

namespace Scim.Conformance.Reports.Renderers;

/// <summary><c>ctrf.json</c> in the Common Test Report Format (spec version 0.0.0), which CTRF's GitHub, Slack
/// and CI plugins read. CTRF has five statuses: Fail is <c>failed</c>; Error is <c>other</c> (no verdict on the
/// server, so it must not read as a failure); Pass, Warn and Info are <c>passed</c> (the server conforms);
/// NotApplicable and Skipped are <c>skipped</c>. The exact outcome, level, area and references are in each
/// test's <c>extra</c> and <c>rawStatus</c>. The schema forbids unknown members, so only spec members are used.</summary>
public sealed class CtrfReportRenderer : IReportRenderer
{
    public const string SpecVersion = "0.0.0";

    public string Name => "ctrf.json";

    public static string Status(Outcome outcome) => outcome switch
    {
        Outcome.Fail => "failed",
        Outcome.Error => "other",
        Outcome.NotApplicable or Outcome.Skipped => "skipped",
        _ => "passed",
    };

    public void Write(ResultDocument document, string outputDirectory)
    {
        var tests = document.Checks.Select(c => new CtrfTest
        {
            Id = StableId.Uuid("check", c.Id),
            Name = ReportText.CheckName(c),
            Status = Status(c.Outcome),
            RawStatus = c.Outcome.ToString(),
            Duration = (long)Math.Round(c.DurationMs),
            Message = c.Reason,
            Trace = ReportText.ExpectedActual(c),
            Suite = ["SCIM conformance", c.Area],
            Tags = c.Tags.Count > 0 ? c.Tags : null,
            Type = "conformance",
            Extra = new Dictionary<string, object?>
            {
                ["checkId"] = c.Id,
                ["outcome"] = c.Outcome.ToString(),
                ["level"] = c.Level.Keyword(),
                ["area"] = c.Area,
                ["references"] = c.References,
                ["catalogRows"] = c.CatalogRows,
                ["requirement"] = c.Requirement,
                ["expected"] = c.Expected,
                ["actual"] = c.Actual,
                ["baseline"] = c.Baseline?.Status.ToString(),
                ["exchanges"] = c.Exchanges.Select(e => ExchangeText.Title(e, document.Target.BaseUrl)).ToList(),
            }.Where(kv => kv.Value is not null).ToDictionary(),
        }).ToList();

        long start = document.StartedAt.ToUnixTimeMilliseconds(), stop = document.FinishedAt.ToUnixTimeMilliseconds();
        var report = new CtrfDocument
        {
            ReportId = StableId.Uuid("ctrf", document.StartedAt.ToString("O", CultureInfo.InvariantCulture), document.RunPrefix),
            Timestamp = document.FinishedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            GeneratedBy = $"{document.Tool.Name} {document.Tool.Version}",
            Results = new CtrfResults
            {
                Tool = new CtrfTool(document.Tool.Name, document.Tool.Version),
                Summary = new CtrfSummary
                {
                    Tests = tests.Count,
                    Passed = tests.Count(t => t.Status == "passed"),
                    Failed = tests.Count(t => t.Status == "failed"),
                    Skipped = tests.Count(t => t.Status == "skipped"),
                    Pending = 0,
                    Other = tests.Count(t => t.Status == "other"),
                    Suites = document.Checks.Select(c => c.Area).Distinct().Count(),
                    Start = start,
                    Stop = stop,
                    Duration = stop - start,
                },
                Tests = tests,
                Environment = new CtrfEnvironment
                {
                    ReportName = $"SCIM conformance: {document.Target.Name}",
                    AppName = document.Target.Name,
                    TestEnvironment = document.Profile,
                    Extra = new Dictionary<string, object?>
                    {
                        ["baseUrl"] = ReportText.DisplayUrl(document.Target.BaseUrl),
                        ["profile"] = document.Profile,
                        ["runPrefix"] = document.RunPrefix,
                        ["embedded"] = document.Target.Embedded,
                        ["schemaVersion"] = document.SchemaVersion,
                    },
                },
                Extra = document.Baseline is { } b
                    ? new Dictionary<string, object?>
                    {
                        ["baseline"] = new { b.File, b.NewFailures, b.NowPassing, b.Changed, b.UnknownChecks },
                    }
                    : null,
            },
        };
        RendererJson.WriteFile(Path.Combine(outputDirectory, Name), report);
    }

    // The CTRF schema's member names; camelCase comes from RendererJson.
    private sealed record CtrfDocument
    {
        public string ReportFormat => "CTRF";
        public string SpecVersion => CtrfReportRenderer.SpecVersion;
        public required string ReportId { get; init; }
        public required string Timestamp { get; init; }
        public required string GeneratedBy { get; init; }
        public required CtrfResults Results { get; init; }
    }

    private sealed record CtrfResults
    {
        public required CtrfTool Tool { get; init; }
        public required CtrfSummary Summary { get; init; }
        public required IReadOnlyList<CtrfTest> Tests { get; init; }
        public CtrfEnvironment? Environment { get; init; }
        public IReadOnlyDictionary<string, object?>? Extra { get; init; }
    }

    private sealed record CtrfTool(string Name, string Version);

    private sealed record CtrfSummary
    {
        public int Tests { get; init; }
        public int Passed { get; init; }
        public int Failed { get; init; }
        public int Pending { get; init; }
        public int Skipped { get; init; }
        public int Other { get; init; }
        public int Suites { get; init; }
        public long Start { get; init; }
        public long Stop { get; init; }
        public long Duration { get; init; }
    }

    private sealed record CtrfTest
    {
        public required string Id { get; init; }
        public required string Name { get; init; }
        public required string Status { get; init; }
        public required string RawStatus { get; init; }
        public long Duration { get; init; }
        public string? Message { get; init; }
        public string? Trace { get; init; }
        public required IReadOnlyList<string> Suite { get; init; }
        public IReadOnlyList<string>? Tags { get; init; }
        public required string Type { get; init; }
        public required IReadOnlyDictionary<string, object?> Extra { get; init; }
    }

    private sealed record CtrfEnvironment
    {
        public string? ReportName { get; init; }
        public string? AppName { get; init; }
        public string? TestEnvironment { get; init; }
        public IReadOnlyDictionary<string, object?>? Extra { get; init; }
    }
}
