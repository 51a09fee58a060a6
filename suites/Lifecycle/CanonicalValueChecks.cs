using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Suites.Kit.PerType;

namespace Scim.Conformance.Suites.Lifecycle;

/// <summary>RFC 7643 §7: canonicalValues are suggestions. A service provider may restrict an attribute to them (and
/// refuse another value) or ignore a value it does not support; what it may not do is answer as if it took the
/// value and store a different one, since the client is then told nothing of the change.</summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class CanonicalValueChecks : LifecycleCheck
{
    [Check("lifecycle.create.canonical-values", "A value outside canonicalValues is refused, ignored or stored as sent, never changed",
        References = ["RFC7643 §7", "RFC7643 §2.4"], Rows = ["RFC7643-7-CANONICAL-VALUES"], Tags = ["create", "canonicalValues"],
        TypeNeeds = [TypeNeed.CanonicalValues],
        Requirement = "For each writable attribute (or writable sub-attribute, such as a User's emails.type) whose schema lists canonicalValues, a POST giving it a value outside the list either is refused with 400, or creates the resource with that value stored as sent, or with the value left out (ignored); a resource created with another value in its place (a canonical one, say) is a deviation. Judged on every advertised resource type with such an attribute.")]
    public Task NonCanonicalValue() => ForEachResourceTypeAsync(async type =>
    {
        var problems = new List<string>();
        var rich = await Resources.RichAsync(type.ResourceType);
        // A value that refers to another resource (a Group's members) is not made up: a made-up reference would be
        // refused for itself, hiding what the server does with the canonical value.
        var targets = CanonicalTargets(type).Where(t => !RefersToResources(t.Attribute) || t.Attribute.ValueIn(rich) is not null).ToList();
        if (targets.Count == 0)
            throw new NotApplicableException($"the writable attributes of {type.Name} with canonicalValues all refer to other resources");
        foreach (var (attribute, sub) in targets)
        {
            var path = sub is null ? attribute.Path : $"{attribute.Path}.{sub.StringMember("name")}";
            var sent = Target.Prefix.Name("uncanonical");
            var body = await Resources.RichAsync(type.ResourceType); // a fresh one each time: unique values differ
            var item = SetNonCanonical(body, attribute, sub, sent);
            var response = await Resources.CreateAsync(type.ResourceType, body);
            if (response.Status == 400)
                continue; // restricting the attribute to its canonical values is allowed
            if (response.Status != 201 || response.JsonObject?.StringMember("id") is not { } id)
            {
                problems.Add($"with {path} \"{sent}\": {response.Summary}, neither a created resource nor 400");
                continue;
            }
            var stored = StoredValue(attribute.ValueIn(await ReadOrSkipAsync(type.ResourceType, id)), sub, item);
            if (stored is null)
                continue; // ignoring an unsupported value is allowed
            if (!stored.IsString() || !string.Equals(stored.GetValue<string>(), sent, CaseExact(sub ?? attribute.Definition) ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase))
                problems.Add($"{path} sent as \"{sent}\" was stored as {ScimJson.Describe(stored)} (HTTP {response.Status})");
        }
        Expect.NoProblems(problems, $"a create of a {type.Name} replaced a value outside canonicalValues with another value",
            "each non-canonical value refused with 400, stored as sent, or left out");
    });

    /// <summary>Each writable attribute with canonicalValues (sub null), and each writable sub-attribute with them.</summary>
    private static IEnumerable<(TypedAttribute Attribute, JsonObject? Sub)> CanonicalTargets(ResourceTypeUnderTest type)
    {
        foreach (var attribute in type.With(TypeNeed.CanonicalValues))
        {
            if (attribute.Definition.StringArray("canonicalValues") is { Count: > 0 } && attribute.Definition.StringMember("type") == "string")
                yield return (attribute, null);
            foreach (var sub in (attribute.Definition.Member("subAttributes") as JsonArray ?? []).OfType<JsonObject>())
            {
                if (sub.StringArray("canonicalValues") is { Count: > 0 } && sub.StringMember("type") is null or "string"
                    && sub.StringMember("mutability") is null or "readWrite" or "immutable" or "writeOnly")
                    yield return (attribute, sub);
            }
        }
    }

    /// <summary>Puts the non-canonical value into the body: the attribute itself, or the sub-attribute of the first
    /// value the rich body already has (a value built from the definition when it has none).</summary>
    /// <returns>The complex value that carries it, to find it again in the stored resource; null for a plain attribute.</returns>
    private JsonObject? SetNonCanonical(JsonObject body, TypedAttribute attribute, JsonObject? sub, string sent)
    {
        var multiValued = attribute.Definition.Member("multiValued").IsTrue();
        if (sub is null)
        {
            attribute.SetIn(body, multiValued ? new JsonArray(sent) : JsonValue.Create(sent));
            return null;
        }
        var current = attribute.ValueIn(body);
        var item = (current is JsonArray values ? values.OfType<JsonObject>().FirstOrDefault() : current as JsonObject)?.DeepClone().AsObject()
            ?? SampleItem(attribute);
        item[sub.StringMember("name")!] = sent;
        // A single value carries the change: a second one with primary or the same sub-attribute could hide it.
        item.Remove("primary");
        attribute.SetIn(body, multiValued ? new JsonArray(item) : item);
        return item;
    }

    private JsonObject SampleItem(TypedAttribute attribute)
    {
        var sample = SampleValues.For(attribute.Definition, Target.Prefix);
        return (sample is JsonArray array ? array[0] : sample)?.DeepClone() as JsonObject ?? new JsonObject();
    }

    /// <summary>The value stored for the sub-attribute (or the plain attribute): in the stored value that matches
    /// the one sent on its other sub-attributes, else in the only stored value.</summary>
    private static JsonNode? StoredValue(JsonNode? stored, JsonObject? sub, JsonObject? item)
    {
        if (sub is null)
            return stored is JsonArray many ? many.FirstOrDefault() : stored;
        var name = sub.StringMember("name")!;
        var values = stored switch
        {
            JsonArray many => many.OfType<JsonObject>().ToList(),
            JsonObject one => [one],
            _ => [],
        };
        var others = new JsonObject(item!.Where(m => !string.Equals(m.Key, name, StringComparison.OrdinalIgnoreCase)).Select(m => KeyValuePair.Create(m.Key, m.Value?.DeepClone())));
        var match = values.FirstOrDefault(v => others.Count > 0 && HeldValues.Holds(v, others)) ?? (values.Count == 1 ? values[0] : null);
        return match?.Member(name);
    }

    private static bool RefersToResources(TypedAttribute attribute) =>
        (attribute.Definition.Member("subAttributes") as JsonArray ?? []).OfType<JsonObject>().Any(s => s.StringMember("name") == "$ref");

    private static bool CaseExact(JsonObject definition) => definition.Member("caseExact").IsTrue();
}
