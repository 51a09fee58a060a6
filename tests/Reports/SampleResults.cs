using Scim.Conformance.Reports.Model;

namespace Scim.Conformance.Tests.Reports;

/// <summary>Result documents for renderer tests: one with every outcome, a baseline and hostile server content,
/// and small variants. Counts are fixed so that tests can assert exact numbers.</summary>
public static class SampleResults
{
    public const string Script = "<script>alert(1)</script>";
    public const string CdataEnd = "]]>";
    public const string ControlChar = "\u0001";
    /// <summary>An external image in server text: if it were not encoded it would become a tracking pixel.</summary>
    public const string ExternalImage = "<img src=\"http://evil.example/pixel.png\">";
    public const int LargeBodyLength = 1024 * 1024;
    public const string LargeBodyEnd = "END-OF-LARGE-BODY";
    public const string BaseUrl = "http://127.0.0.1:5000/scim/v2";

    public static readonly DateTimeOffset Start = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    /// <summary>Outcome of each check of <see cref="EveryOutcome"/>, by id.</summary>
    public static IReadOnlyDictionary<string, Outcome> ExpectedOutcomes { get; } = new Dictionary<string, Outcome>
    {
        ["discovery.spc.schema-urn"] = Outcome.Pass,
        ["discovery.schemas.core-user"] = Outcome.Fail,
        ["filter.eq.case-insensitive"] = Outcome.Fail,
        ["lifecycle.create.location-header"] = Outcome.Warn,
        ["lifecycle.etag.weak"] = Outcome.Info,
        ["bulk.post.max-operations"] = Outcome.NotApplicable,
        ["patch.replace.path-filter"] = Outcome.Skipped,
        ["errors.timeout.users-list"] = Outcome.Error,
    };

    public static ResultDocument EveryOutcome() => Document(
    [
        Check("discovery.spc.schema-urn", "discovery", RequirementLevel.Must, Outcome.Pass) with
        {
            Title = "ServiceProviderConfig carries its schema URN",
            Requirement = "The ServiceProviderConfig resource MUST carry the core schema URN.",
            References = ["RFC7643 §5"],
            CatalogRows = ["RFC7643-5-SPC-SCHEMA"],
            Tags = ["discovery", "smoke"],
            Exchanges = [Get("/ServiceProviderConfig", 200, """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"]}""")],
            Baseline = new BaselineComparison { Status = BaselineStatus.NowPasses, ExpectedOutcome = Outcome.Fail, Reason = "fixed in 2.1" },
        },
        Check("discovery.schemas.core-user", "discovery", RequirementLevel.Must, Outcome.Fail) with
        {
            Title = "Schemas lists the core User schema",
            Reason = "GET /Schemas does not list urn:ietf:params:scim:schemas:core:2.0:User " + ExternalImage,
            Expected = "a resource with id urn:ietf:params:scim:schemas:core:2.0:User",
            Actual = "ids: [] " + ExternalImage,
            References = ["RFC7643 §7"],
            Exchanges = [Get("/Schemas", 200, """{"Resources":[]}""")],
            Baseline = new BaselineComparison { Status = BaselineStatus.NewFailure, ExpectedOutcome = Outcome.Pass },
        },
        Check("filter.eq.case-insensitive", "filters", RequirementLevel.Must, Outcome.Fail) with
        {
            Title = "eq on userName ignores case",
            Requirement = "Filters on caseExact=false attributes MUST compare case-insensitively.",
            Reason = "filter userName eq \"ALICE\" found nothing | expected one\nsecond line",
            Expected = "1 result",
            Actual = "0 results, body: " + Script + " " + CdataEnd + ControlChar,
            References = ["RFC7644 §3.4.2.2"],
            CatalogRows = ["RFC7644-3.4.2.2-EQ-CASE"],
            Tags = ["filter"],
            Exchanges =
            [
                Get("/Users?filter=userName%20eq%20%22ALICE%22", 200,
                    "{\"Resources\":[],\"note\":\"" + Script + CdataEnd + ControlChar + "\"}",
                    headers: new Dictionary<string, string> { ["Content-Type"] = "application/scim+json", ["X-Hostile"] = ExternalImage }),
                Get("/Users", 200, new string('x', LargeBodyLength - LargeBodyEnd.Length) + LargeBodyEnd, truncated: true),
            ],
            Baseline = new BaselineComparison { Status = BaselineStatus.AsExpected, ExpectedOutcome = Outcome.Fail, Reason = "known vendor bug" },
        },
        Check("lifecycle.create.location-header", "lifecycle", RequirementLevel.Should, Outcome.Warn) with
        {
            Title = "POST /Users returns a Location header",
            Reason = "201 Created without a Location header " + Script,
            Expected = "Location: <base>/Users/<id>",
            Actual = "no Location header",
            References = ["RFC7644 §3.3"],
            Exchanges = [Post("/Users", """{"userName":"run-abc-alice"}""", 201, """{"id":"1"}""")],
        },
        Check("lifecycle.etag.weak", "lifecycle", RequirementLevel.May, Outcome.Info) with
        {
            Title = "Server uses weak ETags",
            Reason = "ETags are weak (W/\"1\")",
            References = ["RFC7644 §3.14"],
        },
        Check("bulk.post.max-operations", "bulk", RequirementLevel.Must, Outcome.NotApplicable) with
        {
            Title = "Bulk honours maxOperations",
            Reason = "bulk.supported is false in /ServiceProviderConfig",
            References = ["RFC7644 §3.7"],
            Baseline = new BaselineComparison { Status = BaselineStatus.Changed, ExpectedOutcome = Outcome.Pass },
        },
        Check("patch.replace.path-filter", "patch", RequirementLevel.Must, Outcome.Skipped) with
        {
            Title = "PATCH replace with a value filter in the path",
            Reason = "prerequisite lifecycle.create.user did not pass",
            References = ["RFC7644 §3.5.2.3", "draft-abbey-scim-agent-extension-00 §4"],
        },
        Check("errors.timeout.users-list", "errors", RequirementLevel.Must, Outcome.Error) with
        {
            Title = "GET /Users answers",
            Reason = "timeout after 30 s",
            References = ["RFC7644 §3.4.2"],
            Exchanges = [new Exchange { Method = "GET", Url = BaseUrl + "/Users", StartedAt = Start.AddSeconds(7), ElapsedMs = 30000, Error = "timeout after 30 s" }],
        },
    ]) with
    {
        Baseline = new BaselineSummary
        {
            File = "baseline.json",
            NewFailures = ["discovery.schemas.core-user"],
            NowPassing = ["discovery.spc.schema-urn"],
            Changed = ["bulk.post.max-operations"],
            UnknownChecks = ["removed.check"],
        },
    };

    /// <summary>A clean run: two passes, no baseline.</summary>
    public static ResultDocument AllPass() => Document(
    [
        Check("discovery.spc.schema-urn", "discovery", RequirementLevel.Must, Outcome.Pass),
        Check("lifecycle.create.status-201", "lifecycle", RequirementLevel.Must, Outcome.Pass),
    ]);

    /// <summary><paramref name="count"/> failing checks with long reasons, to test size limits.</summary>
    public static ResultDocument ManyFailures(int count) => Document(
        [.. Enumerable.Range(0, count).Select(i =>
            Check($"area{i % 7}.check-{i:D4}", $"area{i % 7}", RequirementLevel.Must, Outcome.Fail) with
            {
                Reason = $"failure {i}: " + new string('r', 1000),
                References = ["RFC7644 §3.4.2.2"],
            })]);

    public static ResultDocument Document(IReadOnlyList<CheckResult> checks) => new()
    {
        Tool = new ToolInfo("scim-conformance", "0.1.0-test"),
        Target = new TargetInfo { Name = "vendor-sandbox", BaseUrl = BaseUrl },
        Profile = "strict",
        StartedAt = Start,
        FinishedAt = Start.AddSeconds(42),
        RunPrefix = "run-abc123",
        Summary = Summary.Of(checks),
        Capabilities =
        [
            new Capability("patch.supported", "true"),
            new Capability("bulk.supported", "false"),
            new Capability("filter.maxResults", "200"),
        ],
        Checks = checks,
    };

    public static CheckResult Check(string id, string area, RequirementLevel level, Outcome outcome) => new()
    {
        Id = id,
        Title = $"Title of {id}",
        Area = area,
        Level = level,
        Outcome = outcome,
        Reason = outcome == Outcome.Pass ? null : $"reason for {id}",
        DurationMs = 125,
    };

    private static Exchange Get(string path, int status, string body, IReadOnlyDictionary<string, string>? headers = null,
        bool truncated = false) => new()
    {
        Method = "GET",
        Url = BaseUrl + path,
        RequestHeaders = new Dictionary<string, string> { ["Authorization"] = "[redacted]", ["Accept"] = "application/scim+json" },
        Status = status,
        ResponseHeaders = headers ?? new Dictionary<string, string> { ["Content-Type"] = "application/scim+json" },
        ResponseBody = body,
        ResponseBodyTruncated = truncated,
        ResponseBodyBytes = truncated ? 5 * LargeBodyLength : body.Length,
        ElapsedMs = 12.5,
        StartedAt = Start.AddSeconds(1),
    };

    private static Exchange Post(string path, string requestBody, int status, string body) =>
        Get(path, status, body) with { Method = "POST", RequestBody = requestBody, StartedAt = Start.AddSeconds(2) };
}
