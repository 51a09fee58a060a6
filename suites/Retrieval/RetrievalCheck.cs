using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Retrieval;

/// <summary>A resource a retrieval check created and reads back: its type, the schemas that describe it, the body
/// that was sent, and its id.</summary>
internal sealed record Subject(JsonObject Type, ResourceShape Shape, JsonObject Sent, string Id)
{
    public string TypeName => ResourceFactory.NameOf(Type);
    public string Endpoint => ResourceFactory.EndpointOf(Type).TrimStart('/');
}

/// <summary>What the retrieval checks share: a User created with every writable attribute filled (through the
/// ledger, so it is deleted afterwards), and reads of it with and without <c>attributes</c> /
/// <c>excludedAttributes</c>. A plain read that fails makes the check Skipped (reading is the lifecycle suite's
/// concern); a read with a parameter that fails is a violation, because every server supports these parameters.</summary>
public abstract class RetrievalCheck : ScimCheck
{
    /// <summary>Creates a User with every writable attribute (name with its sub-attributes, two emails of which one
    /// is primary, the password when the schema has one, the extensions the User type lists).</summary>
    internal async Task<Subject> RichUserAsync()
    {
        var type = await ResourceTypeAsync(ScimUrns.User);
        return await RichAsync(type);
    }

    internal async Task<Subject> RichAsync(JsonObject type)
    {
        var shape = ResourceShape.Of(await DiscoveryAsync(), type);
        var body = await Resources.RichAsync(type);
        var created = await Resources.CreateOrSkipAsync(type, body);
        return new Subject(type, shape, body, created.StringMember("id")!);
    }

    /// <summary>GET of the resource without parameters: what the server stores and returns by default.</summary>
    internal async Task<JsonObject> ReadStoredAsync(Subject subject)
    {
        var response = await ReadAsync(subject.Type, subject.Id);
        if (response.Status != 200 || response.JsonObject is not { } body)
            throw new PrerequisiteException($"the {subject.TypeName} just created cannot be read back: {response.Summary} (see lifecycle.read.by-id)");
        return body;
    }

    /// <summary>GET of the resource with one query parameter; anything but 200 with an object is a violation.</summary>
    internal async Task<JsonObject> ReadWithAsync(Subject subject, string parameter, string value)
    {
        var response = await ReadAsync(subject.Type, subject.Id, Query(parameter, value));
        Expect.Status(response, 200, $"`{parameter}` is a query parameter every SCIM server supports on a resource read (RFC 7644 §3.4.2.5, §3.9)");
        return Expect.JsonObject(response, $"the response to GET with {parameter}={value}");
    }

    /// <summary><c>?name=value</c>, with the value escaped except for the characters attribute paths use
    /// (':' of URNs, ',' between names), so the evidence reads as a client would write it.</summary>
    internal static string Query(string parameter, string value) =>
        $"?{parameter}={Uri.EscapeDataString(value).Replace("%3A", ":").Replace("%2C", ",")}";

    /// <summary>The ListResponse items of a list response, or a violation naming what came back instead.</summary>
    internal IReadOnlyList<JsonObject> ListItems(ScimResponse response, string what)
    {
        var body = Expect.JsonObject(response, what);
        return body.Member("Resources") switch
        {
            JsonArray items => items.OfType<JsonObject>().ToList(),
            null => [],
            var other => throw Expect.Violation($"{what}: `Resources` is not an array", "`Resources`: an array of resources", ScimJson.Describe(other)),
        };
    }

    /// <summary>The single-valued complex attribute of the stored resource with at least two sub-attributes set,
    /// preferring <c>name</c>, and the sub-attribute to select in it, preferring <c>familyName</c>.</summary>
    internal static (string Attribute, string Sub)? ComplexWithSubAttributes(Subject subject, JsonObject stored)
    {
        var candidates = subject.Shape.DefaultAttributesIn(stored)
            .Where(k => stored.Member(k) is JsonObject o && o.Count >= 2)
            .ToList();
        if (ResourceShape.Pick(candidates, "name") is not { } attribute)
            return null;
        var definition = subject.Shape.Attribute(attribute);
        var subs = ((JsonObject)stored.Member(attribute)!)
            .Where(p => ResourceShape.Present(p.Value) && ResourceShape.Returned(ResourceShape.SubAttribute(definition, p.Key)) != "always")
            .Select(p => p.Key).ToList();
        return ResourceShape.Pick(subs, "familyName") is { } sub ? (attribute, sub) : null;
    }

    internal static string Describe(JsonObject resource) => ScimJson.Abbreviate(resource.ToJsonString(), 300);
}
