using System.Text.Json.Nodes;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Discovery;

/// <summary>RFC 7644 §4: how the discovery endpoints treat query parameters and writes. They describe the whole
/// server, so list parameters must not shrink them and a filter must not look as if it had been applied.</summary>
[TargetEffect(TargetEffect.ReadsOnly)]
public sealed class DiscoveryEndpointChecks : ScimCheck
{
    private const string ListParameters = "startIndex=2&count=1&sortBy=id&sortOrder=descending";

    [Check("discovery.schemas.ignores-list-params", "/Schemas ignores sorting and pagination parameters",
        References = ["RFC7644 §4"], Rows = ["RFC7644-4-DISC-IGNORE-PARAMS"], Tags = ["schemas"],
        Requirement = "Discovery endpoints ignore the list parameters of RFC 7644 §3.4.2: GET /Schemas?startIndex=2&count=1&sortBy=id returns the same full set of schemas as GET /Schemas.")]
    public Task SchemasIgnoreListParameters() => ExpectIgnoredAsync("Schemas");

    [Check("discovery.resource-types.ignores-list-params", "/ResourceTypes ignores sorting and pagination parameters",
        References = ["RFC7644 §4"], Rows = ["RFC7644-4-DISC-IGNORE-PARAMS"], Tags = ["resource-types"],
        Requirement = "GET /ResourceTypes?startIndex=2&count=1&sortBy=id returns the same full set of resource types as GET /ResourceTypes.")]
    public Task ResourceTypesIgnoreListParameters() => ExpectIgnoredAsync("ResourceTypes");

    [Check("discovery.filter-forbidden", "A filter on a discovery endpoint is answered 403",
        References = ["RFC7644 §4"], Rows = ["RFC7644-4-DISC-FILTER-403", "RFC7644-4-DISC-IGNORE-PARAMS"], Tags = ["schemas", "resource-types", "spc"],
        Requirement = "A `filter` on /ServiceProviderConfig, /Schemas or /ResourceTypes SHOULD be answered 403 so no client believes it was applied (a 200 with the full set only earns a Warn); a 200 with a filtered subset breaks the MUST that these endpoints ignore list parameters.")]
    public async Task FilterForbidden()
    {
        var discovery = await DiscoveryAsync();
        var ignored = new List<string>();
        var applied = new List<string>();
        foreach (var (path, ids) in new[]
                 {
                     ("Schemas", discovery.Schemas.Select(s => s.StringMember("id")).OfType<string>().ToList()),
                     ("ResourceTypes", discovery.ResourceTypes.Select(r => r.StringMember("id") ?? r.StringMember("name")).OfType<string>().ToList()),
                 })
        {
            if (ids.Count == 0)
                continue;
            var response = await Scim.GetAsync($"{path}?filter={Uri.EscapeDataString($"id eq \"{ids[0]}\"")}");
            if (response.Status == 403)
                continue;
            var returned = ListIds(response);
            if (response.Status == 200 && returned is not null && returned.Count < ids.Count)
                applied.Add($"{response.Summary} with {returned.Count} of {ids.Count} entries");
            else
                ignored.Add(response.Summary);
        }
        var spc = await Scim.GetAsync($"ServiceProviderConfig?filter={Uri.EscapeDataString("patch.supported eq true")}");
        if (spc.Status != 403)
            ignored.Add(spc.Summary);

        Expect.That(applied.Count == 0, "a discovery endpoint applied a filter, although these endpoints ignore list parameters",
            "403, or at least the full set", $"filtered: {ScimJson.List(applied)}", LevelOf("RFC7644-4-DISC-IGNORE-PARAMS"));
        Expect.NoProblems(ignored, "a filter on a discovery endpoint was not answered 403", "HTTP 403 for every filtered discovery request");
    }

    [Check("discovery.schemas.read-only", "Schema resources cannot be written",
        Effect = TargetEffect.Writes, References = ["RFC7643 §7", "RFC7644 §4"], Rows = ["RFC7643-7-SCHEMA-READONLY", "RFC7644-3.2-DISCOVERY-GET-ONLY"], Tags = ["schemas", "read-only"],
        Requirement = "Schema resources are read-only: a PUT /Schemas/{id} leaves the schema as it was. RFC 7644 §3.2 lists GET only for /Schemas, so a refusal (non-2xx) is expected; a 2xx that changes nothing is allowed by the read-only rule and only recorded (Info). Safe on a real tenant: the body sent is the schema as read, unchanged; POST and DELETE are not tried.")]
    public async Task SchemasReadOnly()
    {
        var discovery = await DiscoveryAsync();
        var schema = discovery.Schemas.FirstOrDefault(s => s.StringMember("id") is not null)
            ?? throw new PrerequisiteException("/Schemas lists no schema with an id");
        var path = $"Schemas/{schema.StringMember("id")}";
        var before = await Scim.GetAsync(path);
        var put = await Scim.PutAsync(path, schema.DeepClone());
        if (put.Status is < 200 or >= 300)
            return;
        var after = await Scim.GetAsync(path);
        Expect.That(JsonNode.DeepEquals(after.Json, before.Json), "a PUT changed a read-only schema resource",
            $"GET /{path} as before the PUT", $"before: {ScimJson.Abbreviate(before.Body, 160)}; after: {ScimJson.Abbreviate(after.Body, 160)}");
        Expect.Violation($"the server accepted a write to a read-only schema resource ({put.Summary}); it changed nothing, which the read-only rule allows, but RFC 7644 §3.2 defines /Schemas for GET only",
            "PUT refused with a 4xx or 5xx status (e.g. 405 or 501)", put.Summary, LevelOf("RFC7644-3.2-DISCOVERY-GET-ONLY"));
    }

    private async Task ExpectIgnoredAsync(string path)
    {
        var plain = await Scim.GetAsync(path);
        var expected = ListIds(plain) ?? throw new PrerequisiteException($"GET /{path} returned no list to compare with");
        var paged = await Scim.GetAsync($"{path}?{ListParameters}");
        Expect.That(paged.Status == 200, $"GET /{path} with list parameters was refused instead of ignoring them",
            "HTTP 200 with the full set", paged.Summary);
        var actual = ListIds(paged) ?? [];
        Expect.That(actual.Count == expected.Count && expected.All(actual.Contains),
            $"GET /{path} applied sorting or pagination parameters, which discovery endpoints ignore",
            $"all {expected.Count} entries", $"{actual.Count} entries ({ScimJson.Abbreviate(ScimJson.List(actual), 200)})");
    }

    private static List<string>? ListIds(ScimResponse response)
    {
        var items = response.Json switch
        {
            JsonObject o when o.Member("Resources") is JsonArray a => a,
            JsonArray a => a,
            _ => null,
        };
        return items?.OfType<JsonObject>().Select(i => i.StringMember("id") ?? i.StringMember("name") ?? "?").ToList();
    }
}
