using System.Text.Json.Nodes;

namespace Scim.Conformance.Suites.Kit;

/// <summary>The attribute that identifies a resource of a type: userName for User, displayName for Group, name for
/// Agent and AgenticApplication — whatever the server's schema says about whether it is required, since a User
/// without a userName cannot be told apart, swept or judged for uniqueness. Other types fall back to
/// <see cref="PrefixSweep.NamingAttribute"/>'s reading of their schema.</summary>
public static class IdentifyingAttributes
{
    /// <summary>The identifying attribute the RFC or the agent draft defines for the core schema, or null for another type.</summary>
    public static string? Known(string? coreSchemaUrn) => coreSchemaUrn switch
    {
        _ when Is(coreSchemaUrn, ScimUrns.User) => "userName",
        _ when Is(coreSchemaUrn, ScimUrns.Group) => "displayName",
        _ when Is(coreSchemaUrn, ScimUrns.Agent) || Is(coreSchemaUrn, ScimUrns.AgenticApplication) => "name",
        _ => null,
    };

    public static string? For(DiscoverySnapshot discovery, JsonObject resourceType) =>
        Known(resourceType.StringMember("schema")) ?? PrefixSweep.NamingAttribute(discovery, resourceType);

    private static bool Is(string? a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
