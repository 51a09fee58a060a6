using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Discovery;

/// <summary>RFC 7643 §6 and RFC 7644 §4: the resource types a server exposes, and that each one is real.</summary>
[TargetEffect(TargetEffect.ReadsOnly)]
public sealed class ResourceTypeChecks : ScimCheck
{
    [Check("discovery.resource-types.list", "GET /ResourceTypes returns a ListResponse of the resource types",
        References = ["RFC7644 §4", "RFC7644 §3.4.2"], Rows = ["RFC7644-4-RT-LIST"], Tags = ["resource-types"],
        Requirement = "GET /ResourceTypes answers 200 with a ListResponse whose `Resources` holds one entry per resource type and whose `totalResults` counts them.")]
    public async Task List()
    {
        var response = await Scim.GetAsync("ResourceTypes");
        Expect.Status(response, 200, "the ResourceTypes endpoint must be readable");
        DiscoveryLists.ExpectListResponse(Expect, response, "GET /ResourceTypes");
    }

    [Check("discovery.resource-types.by-id", "Each resource type can be read by its id",
        References = ["RFC7644 §4", "RFC7644 §3.4.1"], Rows = ["RFC7644-4-RT-BY-ID"], Tags = ["resource-types"],
        Requirement = "For every listed resource type, GET /ResourceTypes/{id} (or its name, when it has no id) answers 200 with that single resource type.")]
    public async Task ById()
    {
        var problems = new List<string>();
        foreach (var resourceType in (await DiscoveryAsync()).ResourceTypes)
        {
            var id = resourceType.StringMember("id") ?? resourceType.StringMember("name");
            if (id is null)
                continue;
            var response = await Scim.GetAsync($"ResourceTypes/{Uri.EscapeDataString(id)}");
            if (response.Status != 200)
                problems.Add($"{response.Summary}");
            else if (response.JsonObject is not { } single || !string.Equals(single.StringMember("id") ?? single.StringMember("name"), id, StringComparison.Ordinal))
                problems.Add($"GET /ResourceTypes/{id} returned {ScimJson.Describe(response.Json)}, not the resource type {id}");
        }
        Expect.NoProblems(problems, "a resource type cannot be read by its id", "HTTP 200 with the single resource type, for each one listed");
    }

    [Check("discovery.resource-types.schema-urn", "Resource types declare the ResourceType schema",
        References = ["RFC7643 §6"], Rows = ["RFC7643-6-RT-SCHEMA-URN"], Tags = ["resource-types"],
        Requirement = $"Every resource type's `schemas` contains {ScimUrns.ResourceType}.")]
    public async Task SchemaUrn()
    {
        var missing = (await DiscoveryAsync()).ResourceTypes
            .Where(rt => rt.StringArray("schemas")?.Contains(ScimUrns.ResourceType) != true)
            .Select(rt => $"{ResourceFactory.NameOf(rt)} has `schemas` {ScimJson.Describe(rt.Member("schemas"))}").ToList();
        Expect.NoProblems(missing, "a resource type does not declare the ResourceType schema", $"`schemas` containing \"{ScimUrns.ResourceType}\"");
    }

    [Check("discovery.resource-types.required-attributes", "Resource types have a name, an endpoint and a schema",
        References = ["RFC7643 §6"], Rows = ["RFC7643-6-RT-REQUIRED"], Tags = ["resource-types"],
        Requirement = "`name`, `endpoint` and `schema` are REQUIRED strings on every resource type.")]
    public async Task RequiredAttributes()
    {
        var problems = new List<string>();
        foreach (var rt in (await DiscoveryAsync()).ResourceTypes)
        {
            foreach (var member in new[] { "name", "endpoint", "schema" })
            {
                if (rt.StringMember(member) is not { Length: > 0 })
                    problems.Add($"{ResourceFactory.NameOf(rt)} has `{member}` {ScimJson.Describe(rt.Member(member))}");
            }
        }
        Expect.NoProblems(problems, "a resource type lacks a REQUIRED attribute", "non-empty string `name`, `endpoint` and `schema` on each");
    }

    [Check("discovery.resource-types.core-names", "The core resource types are named User and Group",
        References = ["RFC7643 §6", "RFC7643 §8.6"], Rows = ["RFC7643-6-RT-CORE-NAMES"], Tags = ["resource-types"],
        Requirement = "The resource type whose schema is the core User schema is named \"User\"; the one whose schema is the core Group schema is named \"Group\".")]
    public async Task CoreNames()
    {
        var discovery = await DiscoveryAsync();
        var problems = new List<string>();
        foreach (var (schema, name) in new[] { (ScimUrns.User, "User"), (ScimUrns.Group, "Group") })
        {
            if (discovery.ResourceTypeBySchema(schema) is { } rt && rt.StringMember("name") != name)
                problems.Add($"the resource type of {schema} is named {ScimJson.Describe(rt.Member("name"))}");
        }
        Expect.NoProblems(problems, "a core resource type has a non-standard name", "\"User\" and \"Group\", as RFC 7643 names them");
    }

    [Check("discovery.resource-types.schema-resolves", "Each resource type's schema is published in /Schemas",
        References = ["RFC7643 §6", "RFC7644 §4"], Rows = ["RFC7643-6-RT-SCHEMA-RESOLVES"], Tags = ["resource-types", "schemas"],
        Requirement = "A resource type's `schema` equals the `id` of a schema served by /Schemas.")]
    public async Task SchemaResolves()
    {
        var discovery = await DiscoveryAsync();
        var missing = discovery.ResourceTypes
            .Where(rt => rt.StringMember("schema") is { } s && discovery.Schema(s) is null)
            .Select(rt => $"{ResourceFactory.NameOf(rt)} names {rt.StringMember("schema")}").ToList();
        Expect.NoProblems(missing, "a resource type's schema is not in /Schemas", "every `schema` among the ids of /Schemas");
    }

    [Check("discovery.resource-types.extensions-resolve", "Each schema extension is published and says whether it is required",
        References = ["RFC7643 §6"], Rows = ["RFC7643-6-RT-EXT-RESOLVES"], Tags = ["resource-types", "schemas"],
        Requirement = "Every `schemaExtensions` value has a `schema` that is the id of a schema in /Schemas, and a boolean `required`.")]
    public async Task ExtensionsResolve()
    {
        var discovery = await DiscoveryAsync();
        var problems = new List<string>();
        var extensions = 0;
        foreach (var rt in discovery.ResourceTypes)
        {
            foreach (var extension in (rt.Member("schemaExtensions") as JsonArray ?? []).OfType<JsonObject>())
            {
                extensions++;
                var schema = extension.StringMember("schema");
                if (schema is null)
                    problems.Add($"{ResourceFactory.NameOf(rt)} has an extension without `schema`");
                else if (discovery.Schema(schema) is null)
                    problems.Add($"{ResourceFactory.NameOf(rt)} extension {schema} is not in /Schemas");
                if (!extension.Member("required").IsBoolean())
                    problems.Add($"{ResourceFactory.NameOf(rt)} extension {schema} has `required` {ScimJson.Describe(extension.Member("required"))}");
            }
        }
        if (extensions == 0)
            throw new NotApplicableException("no resource type declares `schemaExtensions`");
        Expect.NoProblems(problems, "a schema extension does not resolve or lacks `required`", "each extension's schema in /Schemas, with a boolean `required`");
    }

    [Check("discovery.resource-types.endpoint-live", "Each resource type's endpoint answers a list request",
        References = ["RFC7643 §6", "RFC7644 §3.4.2"], Rows = ["RFC7643-6-RT-ENDPOINT-LIVE", "RFC7644-3.4.2-NO-FILTER-LIST", "RFC7644-3.4.2.1-TOOMANY"], Tags = ["resource-types"],
        Requirement = "`endpoint` is the resource type's path relative to the base URL: GET {endpoint}?count=1 answers 200 with a ListResponse (400 tooMany is allowed). Reads only; count=1 keeps it light on a real tenant.")]
    public async Task EndpointLive()
    {
        var problems = new List<string>();
        foreach (var rt in (await DiscoveryAsync()).ResourceTypes)
        {
            if (rt.StringMember("endpoint") is not { } endpoint)
                continue;
            // An endpoint on another origin or beside the base path is no path relative to the base URL; the run sends
            // nothing there (README, "Safety guarantees"), so this is the verdict instead of a request.
            if (Kit.Safety.RequestBoundary.DotSegment(endpoint) is not null || !Target.IsUnderBaseUrl(Target.Resolve(endpoint.TrimStart('/'))))
            {
                problems.Add($"{rt.StringMember("name") ?? "a resource type"}: endpoint \"{ScimJson.Abbreviate(endpoint, 200)}\" is outside the base URL {Target.BaseUrl}, not a path relative to it (not requested)");
                continue;
            }
            var response = await Scim.GetAsync($"{endpoint.TrimStart('/')}?count=1");
            var tooMany = response.Status == 400 && response.JsonObject?.StringMember("scimType") == "tooMany";
            if (tooMany)
                continue;
            if (response.Status != 200)
                problems.Add(response.Summary);
            else if (response.JsonObject?.StringArray("schemas")?.Contains(ScimUrns.ListResponse) != true)
                problems.Add($"{response.Summary} without a ListResponse body");
        }
        Expect.NoProblems(problems, "an advertised resource endpoint does not serve a list", "HTTP 200 with a ListResponse from every endpoint");
    }

    [Check("discovery.resource-types.meta-resource-type", "Resources carry their resource type's name in meta.resourceType",
        Effect = TargetEffect.Writes, References = ["RFC7644 §3.3.1", "RFC7643 §3.1", "RFC7643 §6"], Rows = ["RFC7644-3.3.1-META-RT-MATCH"], Tags = ["resource-types", "meta"],
        Requirement = "A created resource's `meta.resourceType` equals the `name` of the resource type it was created through. The check creates one minimal resource per type (under the run prefix) and deletes it.")]
    public async Task MetaResourceType()
    {
        var problems = new List<string>();
        foreach (var rt in (await DiscoveryAsync()).ResourceTypes)
        {
            var created = await Resources.CreateMinimalAsync(rt);
            if (created.Status != 201)
                throw new PrerequisiteException($"a minimal {ResourceFactory.NameOf(rt)} could not be created: {created.Summary}");
            var actual = created.JsonObject?.Path("meta.resourceType");
            if (actual?.IsString() != true || actual.GetValue<string>() != rt.StringMember("name"))
                problems.Add($"a {ResourceFactory.NameOf(rt)} has meta.resourceType {ScimJson.Describe(actual)}");
        }
        Expect.NoProblems(problems, "meta.resourceType does not name the resource type", "meta.resourceType equal to the resource type's `name`");
    }
}
