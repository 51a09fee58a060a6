using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Discovery;

/// <summary>RFC 7643 §6: a resource type's <c>schema</c> is its primary, base schema; extensions are listed apart, in
/// <c>schemaExtensions</c>. A type that names an extension as its core describes resources without their core
/// attributes (a "User" without userName), which misleads every client that builds requests from discovery.</summary>
[TargetEffect(TargetEffect.ReadsOnly)]
public sealed class ResourceTypeCoreSchemaChecks : ScimCheck
{
    [Check("discovery.resource-types.core-schema", "A resource type's schema is a core schema, not an extension",
        References = ["RFC7643 §6", "RFC7643 §3.3"], Rows = ["RFC7643-6-RT-CORE-SCHEMA"], Tags = ["resource-types", "schemas"],
        Requirement = "A resource type's `schema` is its base schema: not a URN under urn:ietf:params:scim:schemas:extension:, and not one that a resource type lists among its `schemaExtensions`.")]
    public async Task CoreSchemaIsNotAnExtension()
    {
        var types = (await DiscoveryAsync()).ResourceTypes;
        var extensions = types.SelectMany(t => (t.Member("schemaExtensions") as JsonArray ?? []).OfType<JsonObject>())
            .Select(e => e.StringMember("schema")).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var problems = types
            .Where(t => t.StringMember("schema") is { } urn
                && (urn.StartsWith("urn:ietf:params:scim:schemas:extension:", StringComparison.OrdinalIgnoreCase) || extensions.Contains(urn)))
            .Select(t => $"{ResourceFactory.NameOf(t)} (endpoint {t.StringMember("endpoint") ?? "none"}) names the extension schema {t.StringMember("schema")} as its `schema`")
            .ToList();
        Expect.NoProblems(problems, "a resource type names an extension schema as its core schema",
            "each `schema` a core schema (e.g. urn:ietf:params:scim:schemas:core:2.0:User for User), extensions only in `schemaExtensions`");
    }
}
