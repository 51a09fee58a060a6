using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Suites.Lifecycle;

namespace Scim.Conformance.Suites.Bulk;

/// <summary>What the Bulk checks share (RFC 7644 §3.7): the gate on <c>bulk.supported</c>, building requests, sending
/// them (every resource a result reports created goes to the ledger), and reading results.</summary>
public abstract class BulkCheck : LifecycleCheck
{
    public const string BulkRequestUrn = ScimMessages.BulkRequestUrn;
    public const string BulkResponseUrn = "urn:ietf:params:scim:api:messages:2.0:BulkResponse";

    protected Task RequireBulkAsync() => RequireCapabilityAsync("bulk.supported");

    protected static JsonObject Operation(string method, string path, string? bulkId = null, JsonNode? data = null, string? version = null) =>
        ScimMessages.BulkOperation(method, path, bulkId, data, version);

    protected static JsonObject Request(IEnumerable<JsonObject> operations, int? failOnErrors = null) =>
        ScimMessages.BulkRequest(operations, failOnErrors);

    /// <summary>POST /Bulk. Whatever the results say was created is recorded in the ledger, so it is cleaned up.</summary>
    protected async Task<ScimResponse> SendAsync(JsonObject request, IReadOnlyDictionary<string, string>? headers = null)
    {
        var response = await Scim.SendAsync(HttpMethod.Post, "Bulk", request, headers: headers);
        foreach (var result in ResultsOrEmpty(response))
        {
            if (StatusOf(result) is >= 200 and < 300 && string.Equals(result.StringMember("method"), "POST", StringComparison.OrdinalIgnoreCase))
                await Ledger.TrackLocationAsync(result.StringMember("location"));
        }
        return response;
    }

    /// <summary>The results of a processed bulk request, or Skipped naming why there are none to judge.</summary>
    protected static IReadOnlyList<JsonObject> ResultsOf(ScimResponse response)
    {
        if (response.Status != 200 || response.JsonObject?.Member("Operations") is not JsonArray)
            throw new PrerequisiteException($"the bulk request was not processed: {response.Summary}{ErrorReplies.DetailHint(response)} (see bulk.response.status-200)");
        return ResultsOrEmpty(response);
    }

    private static List<JsonObject> ResultsOrEmpty(ScimResponse response) =>
        (response.JsonObject?.Member("Operations") as JsonArray ?? []).OfType<JsonObject>().ToList();

    /// <summary>The result's status as a number: RFC 7644's examples write <c>"status": "201"</c>, its prose a
    /// <c>code</c> sub-attribute; both are read (the catalog's §17 item 22).</summary>
    protected static int? StatusOf(JsonObject result)
    {
        var status = result.Member("status");
        if (status is JsonObject complex)
            status = complex.Member("code");
        return status switch
        {
            JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var number) => number,
            JsonValue v when v.IsString() && int.TryParse(v.GetValue<string>(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
    }

    protected static string Describe(JsonObject result) => ScimJson.Abbreviate(result.ToJsonString(), 200);

    /// <summary>The result with this bulkId, or the one at <paramref name="index"/> when none echoes it.</summary>
    protected static JsonObject? ResultFor(IReadOnlyList<JsonObject> results, string bulkId, int index) =>
        results.FirstOrDefault(r => r.StringMember("bulkId") == bulkId) ?? (index < results.Count ? results[index] : null);

    /// <summary>A user body for a POST operation: minimal, under the run prefix.</summary>
    protected async Task<JsonObject> UserBodyAsync() => await Resources.MinimalAsync(await UserTypeAsync());

    protected async Task<string> UsersPathAsync() => ResourceFactory.EndpointOf(await UserTypeAsync());

    protected async Task<string> GroupsPathAsync() => ResourceFactory.EndpointOf(await GroupTypeAsync());

    /// <summary>A group body whose members are the given values (ids or bulkId references).</summary>
    protected async Task<JsonObject> GroupBodyAsync(params string[] memberValues)
    {
        var body = await Resources.MinimalAsync(await GroupTypeAsync());
        if (!body.HasMember("displayName"))
            body["displayName"] = Target.Prefix.Name("group");
        if (memberValues.Length > 0)
            body["members"] = new JsonArray([.. memberValues.Select(v => (JsonNode)new JsonObject { ["value"] = v })]);
        return body;
    }

    /// <summary>A bulkId unique in the run.</summary>
    protected string NewBulkId() => Target.Prefix.Name("b");

    /// <summary>The id at the end of a result's location.</summary>
    protected static string? IdFromLocation(string? location) =>
        location is null ? null : Uri.UnescapeDataString(location.TrimEnd('/')[(location.TrimEnd('/').LastIndexOf('/') + 1)..]);

    /// <summary>The resource a result's location names, read fresh; null when it cannot be read.</summary>
    protected async Task<JsonObject?> ReadLocationAsync(JsonObject? result)
    {
        if (result?.StringMember("location") is not { } location)
            return null;
        var read = await Scim.GetAsync(location);
        return read.Status == 200 ? read.JsonObject : null;
    }

    protected static IEnumerable<string> MemberValues(JsonObject group) =>
        (group.Member("members") as JsonArray ?? []).OfType<JsonObject>().Select(m => m.StringMember("value")).OfType<string>();
}
