using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Suites.Kit.PerType;

namespace Scim.Conformance.Suites.Retrieval;

/// <summary>RFC 7643 §7 and RFC 7644 §3.4, §3.9: the <c>returned</c> characteristic decides what a response
/// holds: "always" and "default" attributes by default, "request" ones only when asked for, "never" ones never.
/// Judged against the schemas the server publishes, on every advertised resource type, each on a resource the check
/// creates with every writable attribute of that type.</summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class ReturnedCharacteristicChecks : RetrievalCheck
{
    [Check("retrieval.default-set", "A resource read without parameters holds every attribute returned by default",
        References = ["RFC7644 §3.4", "RFC7644 §3.9", "RFC7643 §7"], Rows = ["RFC7644-3.4-DEFAULT-SET", "RFC7643-7-RETURNED-DEFAULT"],
        Tags = ["returned", "users"], PerResourceType = true,
        Requirement = "Without `attributes` or `excludedAttributes`, GET {endpoint}/{id} returns every attribute the resource holds whose schema says `returned` \"always\" or \"default\" (id included), and none whose schema says \"never\" or \"request\". The check creates a resource with every writable attribute; an attribute missing from the default read counts only if the server returns it when it is named in `attributes` (so it is stored, merely withheld). Judged on every advertised resource type.")]
    public Task DefaultSet() => ForEachResourceTypeAsync(async type =>
    {
        var subject = await RichAsync(type.ResourceType);
        var stored = await ReadStoredAsync(subject);
        var shape = subject.Shape;
        var problems = new List<string>();

        if (stored.StringMember("id") != subject.Id)
            problems.Add($"`id` (returned always) is {ScimJson.Describe(stored.Member("id"))}, not \"{subject.Id}\"");

        // Attributes the client set, returned always or default, that the default read leaves out.
        var missing = new List<string>();
        foreach (var (name, value) in subject.Sent)
        {
            if (ResourceShape.Is(name, "schemas") || !ResourceShape.Present(value))
                continue;
            if (shape.ExtensionFor(name) is { } urn)
            {
                foreach (var (member, memberValue) in value as JsonObject ?? new JsonObject())
                {
                    if (ResourceShape.Present(memberValue) && ResourceShape.Returned(shape.Attribute(member, urn)) is "always" or "default"
                        && !ResourceShape.Present((stored.Member(urn) as JsonObject)?.Member(member)))
                        missing.Add($"{urn}:{member}");
                }
                continue;
            }
            var definition = shape.Attribute(name);
            if (definition is null || ResourceShape.Returned(definition) is not ("always" or "default"))
                continue;
            var storedValue = stored.Member(name);
            if (!ResourceShape.Present(storedValue))
            {
                missing.Add(name);
                continue;
            }
            if (value is JsonObject complex && storedValue is JsonObject storedComplex)
            {
                foreach (var (sub, subValue) in complex)
                {
                    if (ResourceShape.Present(subValue) && ResourceShape.Returned(ResourceShape.SubAttribute(definition, sub)) is "always" or "default"
                        && !ResourceShape.Present(storedComplex.Member(sub)))
                        missing.Add($"{name}.{sub}");
                }
            }
        }
        if (missing.Count > 0)
        {
            // Withheld or never stored? Only what the server returns when asked for is known to be stored.
            var requested = await ReadAsync(subject.Type, subject.Id, Query("attributes", string.Join(",", missing)));
            if (requested.Status == 200 && requested.JsonObject is { } body)
            {
                foreach (var path in missing.Where(p => ResourceShape.Present(ValueAt(body, p, shape))))
                    problems.Add($"`{path}` is left out of the default read but returned when named in `attributes`");
            }
        }

        foreach (var (urn, name, returned) in shape.Withheld())
        {
            var container = urn is null ? stored : stored.Member(urn) as JsonObject;
            if (container?.HasMember(name) == true)
                problems.Add($"`{(urn is null ? name : $"{urn}:{name}")}` (returned \"{returned}\") is in the default read");
        }

        Expect.NoProblems(problems, $"the default representation of a {type.Name} is not the set of attributes returned \"always\" and \"default\"",
            $"every attribute the {type.Name} holds that its schema returns \"always\" or \"default\", and none returned \"never\" or \"request\"");
    });

    [Check("retrieval.returned-never", "Attributes returned \"never\", like password, appear in no response",
        References = ["RFC7643 §7", "RFC7643 §4.1.1", "RFC7644 §3.9"], Rows = ["RFC7643-7-RETURNED-NEVER", "RFC7643-4.1.1-PASSWORD-NEVER"],
        Tags = ["returned", "users", "password"], TypeNeeds = [TypeNeed.ReturnedNeverAttribute],
        Requirement = "An attribute whose schema says `returned` \"never\" (RFC 7643 fixes a User's `password` as one) is in no response, in clear or hashed, even when named in `attributes`: not in the POST response, a default GET, a GET with `attributes` naming it, a list page with that `attributes`, nor a PUT response (when PUT succeeds). Judged on every advertised resource type with such an attribute, on a resource the check creates with every writable attribute (a password under the run prefix).")]
    public Task ReturnedNever() => ForEachResourceTypeAsync(async type =>
    {
        var shape = ResourceShape.Of(await DiscoveryAsync(), type.ResourceType);
        var never = type.With(TypeNeed.ReturnedNeverAttribute).Select(a => (Urn: a.InCore ? null : a.SchemaUrn, a.Name)).ToList();

        var body = await Resources.RichAsync(type.ResourceType);
        var create = await Resources.CreateAsync(type.ResourceType, body);
        if (create.Status is < 200 or >= 300 || create.JsonObject?.StringMember("id") is not { } id)
            throw new PrerequisiteException($"a {type.Name} with every writable attribute could not be created: {create.Summary}");
        var subject = new Subject(type.ResourceType, shape, body, id);
        var names = string.Join(",", never.Select(n => n.Urn is null ? n.Name : $"{n.Urn}:{n.Name}"));

        var responses = new List<ScimResponse> { create };
        responses.Add(await ReadAsync(type.ResourceType, id));
        responses.Add(await ReadAsync(type.ResourceType, id, Query("attributes", names)));
        if (IdentifyingAttribute(type) is { } naming)
            responses.Add(await ReadAsync(type.ResourceType, id, Query("attributes", $"{naming},{names}")));
        var list = await Scim.GetAsync($"{subject.Endpoint}{Query("attributes", names)}&count=2");
        responses.Add(list);
        var put = await Scim.PutAsync($"{subject.Endpoint}/{Uri.EscapeDataString(id)}", body.DeepClone());
        if (put.Status is >= 200 and < 300)
            responses.Add(put);

        var problems = new List<string>();
        foreach (var response in responses.Where(r => r.Status is >= 200 and < 300 && r.JsonObject is not null))
        {
            IEnumerable<JsonObject> resources = response == list
                ? (response.JsonObject!.Member("Resources") as JsonArray ?? []).OfType<JsonObject>()
                : [response.JsonObject!];
            foreach (var resource in resources)
            {
                foreach (var (urn, name) in never)
                {
                    var container = urn is null ? resource : resource.Member(urn) as JsonObject;
                    if (container?.Member(name) is { } leaked)
                        problems.Add($"{response.Summary} returned `{name}` ({ScimJson.Describe(leaked)}) for {resource.StringMember("id") ?? "a resource"}");
                }
            }
        }
        Expect.NoProblems(problems, $"an attribute of a {type.Name} returned \"never\" came back in a response",
            $"no {ScimJson.List(never.Select(n => $"`{n.Name}`"))} in any response, even when requested");
    });

    /// <summary>A plain attribute returned by default to name beside the withheld ones (userName, name, displayName).</summary>
    private static string? IdentifyingAttribute(ResourceTypeUnderTest type) =>
        new[] { "userName", "name", "displayName" }.FirstOrDefault(n => type.Attributes.Any(a => a.InCore && ResourceShape.Is(a.Name, n)
            && ResourceShape.Returned(a.Definition) == "default"));

    /// <summary>The value at <c>name</c>, <c>name.sub</c> or <c>urn:…:name</c> in a representation.</summary>
    internal static JsonNode? ValueAt(JsonObject resource, string path, ResourceShape shape)
    {
        var urn = shape.Extensions.Select(e => e.Urn).FirstOrDefault(u => path.StartsWith(u + ":", StringComparison.OrdinalIgnoreCase));
        if (urn is not null)
            return (resource.Member(urn) as JsonObject)?.Member(path[(urn.Length + 1)..]);
        return resource.Path(path);
    }
}
