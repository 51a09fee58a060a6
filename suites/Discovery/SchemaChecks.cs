using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Discovery;

/// <summary>RFC 7644 §4 and RFC 7643 §7: the /Schemas endpoint and the schema resources themselves.</summary>
[TargetEffect(TargetEffect.ReadsOnly)]
public sealed class SchemaChecks : ScimCheck
{
    [Check("discovery.schemas.list", "GET /Schemas returns a ListResponse of every supported schema",
        References = ["RFC7644 §4"], Rows = ["RFC7644-4-SCHEMAS-LIST"], Tags = ["schemas"],
        Requirement = "GET /Schemas answers 200 with a ListResponse whose `totalResults` counts its `Resources`, and which includes the schema of every resource type (User and Group when those exist).")]
    public async Task List()
    {
        var response = await Scim.GetAsync("Schemas");
        Expect.Status(response, 200, "the Schemas endpoint must be readable");
        var resources = DiscoveryLists.ExpectListResponse(Expect, response, "GET /Schemas");
        var ids = resources.OfType<JsonObject>().Select(s => s.StringMember("id")).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = (await DiscoveryAsync()).ResourceTypes.Select(rt => rt.StringMember("schema")).OfType<string>()
            .Where(schema => !ids.Contains(schema)).Distinct().ToList();
        Expect.NoProblems(missing.Select(m => $"{m} is missing").ToList(), "GET /Schemas omits the schema of a resource type",
            "every resource type's schema listed");
    }

    [Check("discovery.schemas.by-id", "A schema can be read by appending its URN to /Schemas",
        References = ["RFC7644 §4", "RFC7644 §3.4.1"], Rows = ["RFC7644-4-SCHEMAS-BY-URN"], Tags = ["schemas"],
        Requirement = "GET /Schemas/{id} answers 200 with that single schema, for every schema listed.")]
    public async Task ById()
    {
        var problems = new List<string>();
        foreach (var schema in (await DiscoveryAsync()).Schemas)
        {
            if (schema.StringMember("id") is not { } id)
                continue;
            var response = await Scim.GetAsync($"Schemas/{id}");
            if (response.Status != 200)
                problems.Add(response.Summary);
            else if (response.JsonObject?.StringMember("id") != id)
                problems.Add($"GET /Schemas/{id} returned {ScimJson.Describe(response.Json)}");
        }
        Expect.NoProblems(problems, "a schema cannot be read by its URN", "HTTP 200 with the schema itself for each listed id");
    }

    [Check("discovery.schemas.no-api-urns", "Protocol message schemas are not listed as resource schemas",
        References = ["RFC7644 §3.1"], Rows = ["RFC7644-3.1-API-URN-NOT-IN-SCHEMAS"], Tags = ["schemas"],
        Requirement = $"Schemas under {ScimUrns.ApiMessagePrefix} describe protocol messages, not resources, and are not discoverable under /Schemas.")]
    public async Task NoApiUrns()
    {
        var listed = (await DiscoveryAsync()).Schemas.Select(s => s.StringMember("id")).OfType<string>()
            .Where(id => id.StartsWith(ScimUrns.ApiMessagePrefix, StringComparison.OrdinalIgnoreCase)).ToList();
        Expect.NoProblems(listed, "/Schemas lists protocol message schemas", $"no schema id starting with {ScimUrns.ApiMessagePrefix}");
    }

    [Check("discovery.schemas.schemas-attribute", "Schema resources declare the Schema schema",
        References = ["RFC7643 §7", "RFC7643 §3"], Rows = ["RFC7643-7-SCHEMA-SCHEMAS-ATTR"], Tags = ["schemas"],
        Requirement = $"Every schema resource's `schemas` contains {ScimUrns.Schema}. (RFC 7643's own §8.7 example omits it, and many servers copy that; the normative text requires it.)")]
    public async Task SchemasAttribute()
    {
        var missing = (await DiscoveryAsync()).Schemas
            .Where(s => s.StringArray("schemas")?.Contains(ScimUrns.Schema) != true)
            .Select(s => $"{s.StringMember("id")} has `schemas` {ScimJson.Describe(s.Member("schemas"))}").ToList();
        Expect.NoProblems(missing, "a schema resource does not declare the Schema schema", $"`schemas` containing \"{ScimUrns.Schema}\"");
    }

    [Check("discovery.schemas.core-ids", "Core schemas use the URNs and names RFC 7643 gives them",
        References = ["RFC7643 §7", "RFC7643 §8.7.1"], Rows = ["RFC7643-7-SCHEMA-ID-URN"], Tags = ["schemas"],
        Requirement = "The User, Group and Enterprise User schemas, when served, have ids urn:ietf:params:scim:schemas:core:2.0:User / …:Group / …:extension:enterprise:2.0:User and names User, Group and EnterpriseUser.")]
    public async Task CoreIds()
    {
        var discovery = await DiscoveryAsync();
        var problems = new List<string>();
        foreach (var (urn, name) in new[] { (ScimUrns.User, "User"), (ScimUrns.Group, "Group"), (ScimUrns.EnterpriseUser, "EnterpriseUser") })
        {
            if (discovery.Schema(urn) is { } schema && schema.StringMember("id") != urn)
                problems.Add($"{urn} is served with id {ScimJson.Describe(schema.Member("id"))} (the URN is case-sensitive here)");
            if (discovery.Schema(urn) is { } named && named.StringMember("name") != name)
                problems.Add($"{urn} is named {ScimJson.Describe(named.Member("name"))}, not \"{name}\"");
        }
        foreach (var (rtSchema, urn) in new[] { ("User", ScimUrns.User), ("Group", ScimUrns.Group) })
        {
            var rt = discovery.ResourceTypes.FirstOrDefault(r => r.StringMember("name") == rtSchema);
            if (rt?.StringMember("schema") is { } actual && !string.Equals(actual, urn, StringComparison.Ordinal))
                problems.Add($"resource type {rtSchema} uses schema {actual}, not {urn}");
        }
        Expect.NoProblems(problems, "a core schema does not carry its RFC 7643 id and name", "the RFC 7643 URNs and names");
    }

    [Check("discovery.schemas.cover-resource-urns", "Every schema URN a resource carries is published in /Schemas",
        Effect = TargetEffect.Writes, References = ["RFC7643 §7", "RFC7643 §3"], Rows = ["RFC7643-7-SCHEMA-FOR-EVERY-URN", "RFC7643-3-SCHEMAS-ALLOWED"], Tags = ["schemas"],
        Requirement = "Each URI in a resource's `schemas` is the id of a schema in /Schemas, and is the resource type's `schema` or one of its `schemaExtensions`. The check creates one minimal resource per type (under the run prefix) and deletes it.")]
    public async Task CoverResourceUrns()
    {
        var discovery = await DiscoveryAsync();
        var problems = new List<string>();
        foreach (var rt in discovery.ResourceTypes)
        {
            var created = await Resources.CreateMinimalAsync(rt);
            if (created.Status != 201)
                throw new PrerequisiteException($"a minimal {ResourceFactory.NameOf(rt)} could not be created: {created.Summary}");
            var allowed = (rt.Member("schemaExtensions") as JsonArray ?? []).OfType<JsonObject>()
                .Select(e => e.StringMember("schema")).Append(rt.StringMember("schema")).OfType<string>()
                .ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var urn in created.JsonObject?.StringArray("schemas") ?? [])
            {
                if (discovery.Schema(urn) is null)
                    problems.Add($"a {ResourceFactory.NameOf(rt)} carries {urn}, which /Schemas does not publish");
                else if (!allowed.Contains(urn))
                    problems.Add($"a {ResourceFactory.NameOf(rt)} carries {urn}, which is neither its schema nor an extension of its type");
            }
        }
        Expect.NoProblems(problems, "a resource carries a schema URN that discovery does not account for",
            "every URN in a resource's `schemas` published in /Schemas and declared by its resource type");
    }
}
