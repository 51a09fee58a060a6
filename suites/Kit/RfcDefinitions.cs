using System.Text.Json.Nodes;

namespace Scim.Conformance.Suites.Kit;

/// <summary>The resource types and schemas RFC 7643 §8.7.1 itself prints (User, Group, EnterpriseUser), carried as
/// embedded JSON. When a server's discovery is missing, partial or wrong, the suite tests its conventional endpoints
/// against these: facts of the RFC, not guesses about the server. Each call returns a fresh copy to edit freely.</summary>
public static class RfcDefinitions
{
    /// <summary>The core resource types the RFC defines, by core schema URN, with their conventional endpoint.</summary>
    public static IReadOnlyList<(string Name, string SchemaUrn, string Endpoint)> CoreTypes { get; } =
    [
        ("User", ScimUrns.User, "/Users"),
        ("Group", ScimUrns.Group, "/Groups"),
    ];

    /// <summary>The resource type the RFC defines for <paramref name="name"/> (User or Group).</summary>
    public static JsonObject ResourceType(string name) => Load($"{name}.resource-type.json");

    /// <summary>The RFC's schema with this URN, or null when the RFC defines none (custom and agent schemas).</summary>
    public static JsonObject? Schema(string urn) => urn switch
    {
        _ when Is(urn, ScimUrns.User) => Load("User.schema.json"),
        _ when Is(urn, ScimUrns.Group) => Load("Group.schema.json"),
        _ when Is(urn, ScimUrns.EnterpriseUser) => Load("EnterpriseUser.schema.json"),
        _ => null,
    };

    private static bool Is(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static JsonObject Load(string file)
    {
        using var stream = typeof(RfcDefinitions).Assembly.GetManifestResourceStream($"Rfc/{file}")
            ?? throw new InvalidOperationException($"the embedded RFC definition {file} is missing from the build");
        return JsonNode.Parse(stream)!.AsObject();
    }
}
