using System.Text;
using System.Text.Json.Nodes;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Bulk;

/// <summary>RFC 7644 §3.7 and §3.7.4: failed operations (a SCIM error in the result, processing going on, or stopping
/// at failOnErrors) and the published limits, whose excess is refused with 413 naming the limit.</summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class BulkErrorChecks : BulkCheck
{
    [Check("bulk.errors.response-body", "A failed operation's result carries the SCIM error",
        References = ["RFC7644 §3.7", "RFC7644 §3.7.3", "RFC7644 §3.12"], Rows = ["RFC7644-3.7-BULK-ERROR-BODY", "RFC7644-3.12-ERR-SCIMTYPE-OPTIONAL"], Tags = ["bulk", "errors"],
        Requirement = "A result with a non-2xx status includes response, a SCIM error: a POST duplicating an existing userName reports 409 (or 400) and a response with the Error schema and scimType \"uniqueness\".")]
    public async Task ResponseBody()
    {
        await RequireBulkAsync();
        var results = ResultsOf(await SendAsync(Request([await DuplicateUserOperationAsync()])));
        var result = results.FirstOrDefault();
        Expect.That(result is not null && StatusOf(result) is 409 or 400, "a POST duplicating a userName was not refused in its result",
            "a result with status 409 (or 400)", result is null ? "no result" : Describe(result));
        var error = result!.Member("response") as JsonObject;
        Expect.That(error?.StringArray("schemas")?.Contains(ScimUrns.Error) == true, "the failed result carries no SCIM error as its response",
            $"response with schemas [\"{ScimUrns.Error}\"]", Describe(result!));
        // scimType is optional (RFC 7644 §3.12): another keyword is wrong, none at all is only recorded.
        Expect.That(error.Member("scimType") is null || error.StringMember("scimType") == "uniqueness", "the failed result's error names another kind of error than the uniqueness conflict",
            "response.scimType \"uniqueness\"", ScimJson.Describe(error.Member("scimType")), ErrorReplies.KeywordLevel());
        Expect.That(error.Member("scimType") is not null, "the failed result's error gives no scimType; RFC 7644 §3.12 Table 9 defines uniqueness for it (the member is optional)",
            "response.scimType \"uniqueness\"", "no scimType", LevelOf("RFC7644-3.12-ERR-SCIMTYPE-OPTIONAL"));
    }

    [Check("bulk.errors.continue", "Without failOnErrors, operations after a failure are still processed",
        References = ["RFC7644 §3.7"], Rows = ["RFC7644-3.7-BULK-CONTINUE"], Tags = ["bulk", "errors"],
        Requirement = "Unless failOnErrors says otherwise, the server keeps processing after an operation fails: in [a failing POST, a valid POST] the second is applied (201) and its resource can be read.")]
    public async Task Continue()
    {
        await RequireBulkAsync();
        var good = Operation("POST", await UsersPathAsync(), NewBulkId(), await UserBodyAsync());
        var results = ResultsOf(await SendAsync(Request([await DuplicateUserOperationAsync(), good])));
        var result = ResultFor(results, good.StringMember("bulkId")!, 1);
        Expect.That(result is not null && StatusOf(result) == 201, "the valid operation after a failed one was not processed",
            "a 201 result for the second POST", result is null ? $"{results.Count} result(s), none for it" : Describe(result));
        Expect.That(await ReadLocationAsync(result) is not null, "the second POST reported 201 but its resource cannot be read",
            "GET of its location → 200", Describe(result!));
    }

    [Check("bulk.errors.fail-on-errors", "failOnErrors stops processing once that many errors occurred",
        References = ["RFC7644 §3.7"], Rows = ["RFC7644-3.7-BULK-FAILONERRORS"], Tags = ["bulk", "errors"],
        Requirement = "With failOnErrors 1, the server stops at the first error and returns the results so far: for [a failing POST, a valid POST] the response holds only the failure, and the valid user was not created.")]
    public async Task FailOnErrors()
    {
        await RequireBulkAsync();
        var goodBody = await UserBodyAsync();
        var good = Operation("POST", await UsersPathAsync(), NewBulkId(), goodBody);
        var results = ResultsOf(await SendAsync(Request([await DuplicateUserOperationAsync(), good], failOnErrors: 1)));
        var applied = results.Where(r => StatusOf(r) is >= 200 and < 300).ToList();
        Expect.That(results.Count == 1 && applied.Count == 0, "processing went on after failOnErrors errors",
            "exactly one result, the failure", $"{results.Count} result(s): {string.Join("; ", results.Select(Describe))}");
        var userName = goodBody.StringMember("userName")!;
        var search = await ListAsync(await UserTypeAsync(), FilterQuery($"userName eq \"{userName}\""));
        Expect.That(search.Response.Status != 200 || search.TotalResults is null or 0, "the operation after the failure was applied anyway",
            $"no user named {userName}", $"{search.Response.Summary}: totalResults {search.TotalResults}");
    }

    [Check("bulk.limits.max-operations", "More operations than maxOperations are refused with 413",
        References = ["RFC7644 §3.7.4"], Rows = ["RFC7644-3.7.4-BULK-MAXOPS-413"], Tags = ["bulk", "limits"],
        Requirement = "A bulk request with more operations than bulk.maxOperations answers 413 Payload Too Large, with a SCIM error whose detail names the limit that was exceeded.")]
    public async Task MaxOperations()
    {
        await RequireBulkAsync();
        var limit = await LimitAsync("maxOperations", 10_000);
        var users = await UsersPathAsync();
        // DELETEs of ids nobody has: harmless should the server process them after all.
        var operations = Enumerable.Range(0, (int)limit + 1).Select(_ => Operation("DELETE", $"{users}/{MissingId()}"));
        var response = await SendAsync(Request(operations), OwnConnection);
        ExpectTooLarge(response, "maxOperations", limit, $"{limit + 1} operations");
    }

    [Check("bulk.limits.max-payload-size", "A request larger than maxPayloadSize is refused with 413",
        References = ["RFC7644 §3.7.4"], Rows = ["RFC7644-3.7.4-BULK-MAXPAYLOAD-413"], Tags = ["bulk", "limits"],
        Requirement = "A bulk request whose body is larger than bulk.maxPayloadSize bytes answers 413 Payload Too Large, with a SCIM error whose detail names the limit that was exceeded.")]
    public async Task MaxPayloadSize()
    {
        await RequireBulkAsync();
        var limit = await LimitAsync("maxPayloadSize", 8 * 1024 * 1024);
        var body = await UserBodyAsync();
        body["displayName"] = "";
        var request = Request([Operation("POST", await UsersPathAsync(), NewBulkId(), body)]);
        var padding = limit + 1 - Encoding.UTF8.GetByteCount(request.ToJsonString());
        body["displayName"] = Target.Prefix.Value + new string('x', (int)Math.Max(0, padding - Target.Prefix.Value.Length));
        var response = await SendAsync(request, OwnConnection);
        ExpectTooLarge(response, "maxPayloadSize", limit, $"{Encoding.UTF8.GetByteCount(request.ToJsonString())} bytes");
    }

    /// <summary>An oversized request goes on a connection of its own, closed after it: a server refusing it may answer
    /// before reading the rest of the body and drop the connection (SCIMMY's body parser answers 413 with Connection:
    /// close), and another check's request must not be the one to find the connection dead.</summary>
    private static readonly Dictionary<string, string> OwnConnection = new() { ["Connection"] = "close" };

    /// <summary>A POST whose userName another user (the check's own) already has.</summary>
    private async Task<JsonObject> DuplicateUserOperationAsync()
    {
        var existing = await CreateUserAsync();
        var body = await UserBodyAsync();
        body["userName"] = existing.StringMember("userName");
        return Operation("POST", await UsersPathAsync(), NewBulkId(), body);
    }

    /// <summary>The advertised limit; NotApplicable when it is too large to exceed reasonably from a test.</summary>
    private async Task<long> LimitAsync(string name, long probeable)
    {
        var value = (await DiscoveryAsync()).ServiceProviderConfig.Path($"bulk.{name}");
        if (value is not JsonValue v || !v.TryGetValue<long>(out var limit) || limit <= 0)
            throw new PrerequisiteException($"bulk.{name} is not a positive integer (see bulk.limits.advertised)");
        if (limit > probeable)
            throw new NotApplicableException($"bulk.{name} is {limit}, more than this check sends ({probeable})");
        return limit;
    }

    private void ExpectTooLarge(ScimResponse response, string name, long limit, string sent)
    {
        Expect.That(response.Status == 413, $"a bulk request over bulk.{name} was not refused with 413",
            $"HTTP 413 for {sent} (bulk.{name} is {limit})", $"{response.Summary}{ErrorReplies.DetailHint(response)}");
        var detail = response.JsonObject?.StringMember("detail") ?? "";
        Expect.That(detail.Contains(name, StringComparison.OrdinalIgnoreCase) || detail.Contains(limit.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal),
            "the 413 does not say which limit was exceeded", $"a detail naming {name} or its value {limit}",
            detail.Length == 0 ? "no detail" : $"detail \"{ScimJson.Abbreviate(detail)}\"");
    }
}
