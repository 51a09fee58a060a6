using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Bulk;

/// <summary>RFC 7644 §3.7 and §3.7.3: the limits a server publishes, and the shape of a bulk response — 200, the
/// BulkResponse URN, one result per operation with its method, status, location and bulkId.</summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class BulkResponseChecks : BulkCheck
{
    [Check("bulk.limits.advertised", "The ServiceProviderConfig publishes usable Bulk limits",
        References = ["RFC7644 §3.7.4", "RFC7643 §5"], Rows = ["RFC7644-3.7-BULK-LIMITS-DEFINED"], Tags = ["bulk", "spc"],
        Requirement = "A server that supports Bulk defines the most operations and the largest payload it accepts, and publishes them as positive integers in bulk.maxOperations and bulk.maxPayloadSize.")]
    public async Task LimitsAdvertised()
    {
        await RequireBulkAsync();
        var bulk = (await DiscoveryAsync()).ServiceProviderConfig.Member("bulk") as JsonObject ?? [];
        var problems = new[] { "maxOperations", "maxPayloadSize" }
            .Where(name => !(bulk.Member(name) is JsonValue v && v.TryGetValue<long>(out var limit) && limit > 0))
            .Select(name => $"bulk.{name} is {ScimJson.Describe(bulk.Member(name))}").ToList();
        Expect.NoProblems(problems, "bulk.supported is true but a limit is not a positive integer", "bulk.maxOperations and bulk.maxPayloadSize positive integers");
    }

    [Check("bulk.response.status-200", "A processed bulk request answers 200",
        References = ["RFC7644 §3.7"], Rows = ["RFC7644-3.7-BULK-200"], Tags = ["bulk"],
        Requirement = "A bulk request the server processed answers 200 OK (whatever the outcome of each operation); the operations' own codes are in the results.")]
    public async Task Status200()
    {
        await RequireBulkAsync();
        var response = await SendAsync(Request([await CreateUserOperationAsync(), await CreateUserOperationAsync()]));
        Expect.Status(response, 200, "RFC 7644 §3.7 answers a processed bulk request with 200 OK");
    }

    [Check("bulk.response.schema-urn", "A bulk response names the BulkResponse schema",
        References = ["RFC7644 §3.7"], Rows = ["RFC7644-3.7-BULK-RESPONSE-URN"], Tags = ["bulk"],
        Requirement = "The body of a bulk response is identified by schemas [\"urn:ietf:params:scim:api:messages:2.0:BulkResponse\"].")]
    public async Task SchemaUrn()
    {
        await RequireBulkAsync();
        var response = await SendAsync(Request([await CreateUserOperationAsync()]));
        ResultsOf(response);
        var body = response.JsonObject!;
        Expect.That(body.StringArray("schemas")?.Contains(BulkResponseUrn) == true, "the bulk response does not name the BulkResponse schema",
            $"schemas [\"{BulkResponseUrn}\"]", ScimJson.Describe(body.Member("schemas")));
    }

    [Check("bulk.response.every-operation", "The response reports every processed operation with its method and status",
        References = ["RFC7644 §3.7.3"], Rows = ["RFC7644-3.7-BULK-ALL-RESULTS"], Tags = ["bulk"],
        Requirement = "A bulk response holds one result per processed operation, each with the operation's method and a status.")]
    public async Task EveryOperation()
    {
        await RequireBulkAsync();
        var (request, _) = await ThreeMethodsAsync();
        var results = ResultsOf(await SendAsync(request));
        var problems = results.Where(r => r.StringMember("method") is null || StatusOf(r) is null).Select(r => $"a result without method or status: {Describe(r)}").ToList();
        if (results.Count != 3)
            problems.Insert(0, $"{results.Count} result(s) for 3 operations");
        Expect.NoProblems(problems, "the bulk response does not report every operation", "3 results (POST, PUT, DELETE), each with method and status");
    }

    [Check("bulk.response.operation-status", "Each result has the status the operation would have had alone",
        References = ["RFC7644 §3.7", "RFC7644 §3.7.3"], Rows = ["RFC7644-3.7-BULK-STATUS"], Tags = ["bulk"],
        Requirement = "A result's status is the HTTP code of the operation as if sent on its own: 201 for a POST that created, 200 for a PUT, 204 (or 200) for a DELETE. Both \"status\": \"201\" and \"status\": {\"code\": \"201\"} are read.")]
    public async Task OperationStatus()
    {
        await RequireBulkAsync();
        var (request, _) = await ThreeMethodsAsync();
        var results = ResultsOf(await SendAsync(request));
        var expected = new (string Method, int[] Codes)[] { ("POST", [201]), ("PUT", [200]), ("DELETE", [204, 200]) };
        var problems = new List<string>();
        foreach (var (method, codes) in expected)
        {
            var result = results.FirstOrDefault(r => string.Equals(r.StringMember("method"), method, StringComparison.OrdinalIgnoreCase));
            if (result is null)
                problems.Add($"no result for the {method}");
            else if (StatusOf(result) is not { } status || !codes.Contains(status))
                problems.Add($"{method}: status {ScimJson.Describe(result.Member("status"))}, expected {string.Join(" or ", codes)}");
        }
        Expect.NoProblems(problems, "a result's status is not what the operation answers alone", "POST 201, PUT 200, DELETE 204 (or 200)");
    }

    [Check("bulk.response.location", "Results name the resource they acted on",
        References = ["RFC7644 §3.7.3"], Rows = ["RFC7644-3.7-BULK-LOCATION"], Tags = ["bulk"],
        Requirement = "Every result except that of a failed POST carries location, the URL of the resource: a GET of the created resource's location returns it.")]
    public async Task Location()
    {
        await RequireBulkAsync();
        var (request, _) = await ThreeMethodsAsync();
        var results = ResultsOf(await SendAsync(request));
        var problems = results.Where(r => string.IsNullOrEmpty(r.StringMember("location"))).Select(r => $"no location: {Describe(r)}").ToList();
        Expect.NoProblems(problems, "a successful result carries no location", "location on the POST, PUT and DELETE results");
        var post = results.First(r => string.Equals(r.StringMember("method"), "POST", StringComparison.OrdinalIgnoreCase));
        var read = await Scim.GetAsync(post.StringMember("location")!);
        Expect.That(read.Status == 200, "the created resource cannot be read at the location its result names", "GET of the location → 200", read.Summary);
    }

    [Check("bulk.bulkid.echoed", "A POST's bulkId is returned with its result",
        References = ["RFC7644 §3.7"], Rows = ["RFC7644-3.7-BULK-BULKID-ECHO"], Tags = ["bulk", "bulkid"],
        Requirement = "The result of a POST operation carries the bulkId the client gave it, so the client can tell which created resource is which.")]
    public async Task BulkIdEchoed()
    {
        await RequireBulkAsync();
        var first = await CreateUserOperationAsync();
        var second = await CreateUserOperationAsync();
        var results = ResultsOf(await SendAsync(Request([first, second])));
        var problems = new[] { first, second }.Select(op => op.StringMember("bulkId")!)
            .Where(id => results.All(r => r.StringMember("bulkId") != id))
            .Select(id => $"no result carries bulkId \"{id}\"").ToList();
        Expect.NoProblems(problems, "a POST's bulkId is not echoed in the results", "each POST's bulkId in its result");
    }

    [Check("bulk.bulkid.required", "A POST operation without bulkId is refused on its own",
        References = ["RFC7644 §3.7"], Rows = ["RFC7644-3.7-BULK-BULKID-REQUIRED"], Tags = ["bulk", "bulkid"],
        Requirement = "bulkId is REQUIRED for a POST operation: one without it fails with 400 in its result (nothing is created), while the bulk request itself is still processed (200).")]
    public async Task BulkIdRequired()
    {
        await RequireBulkAsync();
        var body = await UserBodyAsync();
        var response = await SendAsync(Request([Operation("POST", await UsersPathAsync(), data: body), await CreateUserOperationAsync()]));
        Expect.Status(response, 200, "a bulk request with one bad operation is still processed");
        var results = ResultsOf(response);
        var first = results.FirstOrDefault(r => r.StringMember("bulkId") is null);
        Expect.That(first is not null && StatusOf(first) == 400, "a POST operation without bulkId was not refused",
            "a result with status 400 for the POST without bulkId", first is null ? "no result for it" : Describe(first));
    }

    /// <summary>A POST of a new user with a fresh bulkId.</summary>
    private async Task<JsonObject> CreateUserOperationAsync() => Operation("POST", await UsersPathAsync(), NewBulkId(), await UserBodyAsync());

    /// <summary>POST a new user, PUT one the check created, DELETE another: one operation of each method every server has.</summary>
    private async Task<(JsonObject Request, JsonObject Replaced)> ThreeMethodsAsync()
    {
        var users = await UsersPathAsync();
        var replaced = await CreateUserAsync();
        var deleted = await CreateUserAsync();
        var replacement = (JsonObject)replaced.DeepClone();
        foreach (var readOnly in new[] { "id", "meta", "groups" })
            replacement.Remove(readOnly);
        replacement["displayName"] = Target.Prefix.Name("Bulk Ersetzt");
        var request = Request([
            await CreateUserOperationAsync(),
            Operation("PUT", $"{users}/{IdOf(replaced)}", data: replacement),
            Operation("DELETE", $"{users}/{IdOf(deleted)}"),
        ]);
        return (request, replaced);
    }
}
