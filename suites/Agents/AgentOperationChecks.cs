using System.Text.Json.Nodes;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Agents;

/// <summary>
/// AGT-N03: "If implemented, these ResourceTypes SHOULD support all SCIM operations" of RFC 7644. One check per
/// resource type walks the operations on a resource it made — read by id, list, filter by id, POST /.search,
/// replace by PUT, delete — and lists every one that does not work. PATCH is left to the PATCH suite, whose generic
/// checks apply to these types when the server advertises patch.supported.
/// </summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class AgentOperationChecks : AgentCheck
{
    [Check("agents.agent.operations", "/Agents supports GET, list, filter, .search, PUT, PATCH and DELETE",
        References = [Draft + " (Agent resource type)", "RFC7644 §3.4.1", "RFC7644 §3.4.2", "RFC7644 §3.4.3", "RFC7644 §3.5.1", "RFC7644 §3.6"],
        Rows = ["AGT-N03"], Tags = [AgentsTag, Draft, "operations"],
        Requirement = "AGT-N03 (SHOULD): the Agent resource type supports every RFC 7644 operation: GET by id, GET of the list, a filter, POST /.search, PUT, PATCH (when the ServiceProviderConfig advertises patch.supported) and DELETE (after which the Agent is gone).")]
    public async Task AgentOperations() => await OperationsAsync(AgentKindOf);

    [Check("agents.application.operations", "/AgenticApplications supports GET, list, filter, .search, PUT, PATCH and DELETE",
        References = [Draft + " (AgenticApplication resource type)", "RFC7644 §3.4.1", "RFC7644 §3.4.2", "RFC7644 §3.4.3", "RFC7644 §3.5.1", "RFC7644 §3.6"],
        Rows = ["AGT-N03"], Tags = [AgentsTag, Draft, "operations"],
        Requirement = "AGT-N03 (SHOULD): the AgenticApplication resource type supports every RFC 7644 operation: GET by id, GET of the list, a filter, POST /.search, PUT, PATCH (when the ServiceProviderConfig advertises patch.supported) and DELETE.")]
    public async Task ApplicationOperations() => await OperationsAsync(ApplicationKind);

    private async Task OperationsAsync(AgentKind kind)
    {
        var type = await kind.TypeAsync();
        var endpoint = ResourceFactory.EndpointOf(type).TrimStart('/');
        // A realistic resource (certificates, URLs, OAuth clients…), so every operation carries real data.
        var created = await CreateAsync(type, kind.Rich());
        var id = IdOf(created);
        var problems = new List<string>();

        var read = await ReadAsync(type, id);
        if (read.Status != 200 || read.JsonObject?.StringMember("id") != id)
            problems.Add($"GET by id: {read.Summary}");

        var list = await ListAsync(type, "count=1");
        if (list.Response.Status != 200 || list.Body?.Member("Resources") is null && list.TotalResults is not 0)
            problems.Add($"list: {list.Summary}");

        var filtered = await FilterAsync(type, $"id eq \"{id}\"");
        if (filtered.Response.Status != 200 || !filtered.Ids.SequenceEqual([id]))
            problems.Add($"filter id eq: {filtered.Summary}, ids {ScimJson.List(filtered.Ids)}");

        var search = new ListPage(await Scim.PostAsync($"{endpoint}/.search", new JsonObject
        {
            ["schemas"] = new JsonArray(ScimUrns.SearchRequest),
            ["filter"] = $"id eq \"{id}\"",
        }));
        if (search.Response.Status != 200 || !search.Ids.SequenceEqual([id]))
            problems.Add($"POST /.search: {search.Summary}, ids {ScimJson.List(search.Ids)}");

        var replacement = ReplacementOf(created);
        replacement["externalId"] = Fake.ExternalId("replaced");
        var put = await PutAsync(type, id, replacement);
        var afterPut = await ReadAsync(type, id);
        if (put.Status != 200 || afterPut.JsonObject?.StringMember("externalId") != replacement.StringMember("externalId"))
            problems.Add($"PUT: {put.Summary}, then externalId {ScimJson.Describe(afterPut.JsonObject?.Member("externalId"))}");

        // PATCH is optional in SCIM (RFC 7644 §3.5.2 SHOULD): judged only where the server advertises it.
        var patchAdvertised = (await DiscoveryAsync()).ServiceProviderConfigOrNull?.Path("patch.supported").IsTrue() == true;
        if (patchAdvertised)
        {
            var externalId = Fake.ExternalId("patched");
            var patch = await Scim.PatchAsync(PathOf(type, id), ScimMessages.PatchRequest(ScimMessages.PatchOperation("replace", "externalId", externalId)));
            var afterPatch = await ReadAsync(type, id);
            if (patch.Status is not (200 or 204) || afterPatch.JsonObject?.StringMember("externalId") != externalId)
                problems.Add($"PATCH replace externalId: {patch.Summary}, then externalId {ScimJson.Describe(afterPatch.JsonObject?.Member("externalId"))}");
        }

        var delete = await Scim.DeleteAsync(PathOf(type, id));
        var afterDelete = await ReadAsync(type, id);
        if (delete.Status != 204 || afterDelete.Status != 404)
            problems.Add($"DELETE: {delete.Summary}, then {afterDelete.Summary}");

        Expect.NoProblems(problems, $"not every RFC 7644 operation works on {ResourceFactory.EndpointOf(type)}",
            patchAdvertised
                ? "GET by id, list, filter and .search find the resource; PUT and PATCH change it; DELETE answers 204 and the resource is gone"
                : "GET by id, list, filter and .search find the resource; PUT changes it; DELETE answers 204 and the resource is gone");
    }
}
