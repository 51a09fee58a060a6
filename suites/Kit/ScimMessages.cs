using System.Text.Json.Nodes;

namespace Scim.Conformance.Suites.Kit;

/// <summary>The request messages of RFC 7644 that wrap other content: PatchOp (§3.5.2) and BulkRequest (§3.7). One
/// builder for the checks and for the project's tests of the reference server, so both send the same shapes.</summary>
public static class ScimMessages
{
    public const string BulkRequestUrn = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";

    /// <summary>A PatchOp request body holding the operations.</summary>
    public static JsonObject PatchRequest(params JsonObject[] operations) => new()
    {
        ["schemas"] = new JsonArray(ScimUrns.PatchOp),
        ["Operations"] = new JsonArray([.. operations]),
    };

    /// <summary>One PATCH operation; a null path or value is left out of it.</summary>
    public static JsonObject PatchOperation(string op, string? path, JsonNode? value = null)
    {
        var operation = new JsonObject { ["op"] = op };
        if (path is not null)
            operation["path"] = path;
        if (value is not null)
            operation["value"] = value;
        return operation;
    }

    /// <summary>A BulkRequest; <paramref name="failOnErrors"/> is left out when null.</summary>
    public static JsonObject BulkRequest(IEnumerable<JsonObject> operations, int? failOnErrors = null)
    {
        var request = new JsonObject { ["schemas"] = new JsonArray(BulkRequestUrn) };
        if (failOnErrors is { } threshold)
            request["failOnErrors"] = threshold;
        request["Operations"] = new JsonArray([.. operations]);
        return request;
    }

    /// <summary>One Bulk operation; a null bulkId, data or version is left out of it.</summary>
    public static JsonObject BulkOperation(string method, string path, string? bulkId = null, JsonNode? data = null, string? version = null)
    {
        var operation = new JsonObject { ["method"] = method, ["path"] = path };
        if (bulkId is not null)
            operation["bulkId"] = bulkId;
        if (version is not null)
            operation["version"] = version;
        if (data is not null)
            operation["data"] = data;
        return operation;
    }
}
