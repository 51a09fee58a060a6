using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Errors;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Media;

/// <summary>RFC 7644 §3.8 and RFC 7643 §2.3.8: JSON as SCIM exchanges it — UTF-8 text kept code point for code
/// point, the JSON shape that follows from each attribute's definition, and no meaning in the order of members.
/// Each check creates its own resource (deleted through the ledger) and judges a fresh read of it.</summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class JsonEncodingChecks : ScimCheck
{
    /// <summary>Latin with diacritics, CJK, Greek and a character outside the Basic Multilingual Plane (4 UTF-8 bytes).</summary>
    private const string NonAscii = "Zoë Ångström 日本語 Ελληνικά 😀";

    private static readonly string[] PreferredTextAttributes = ["displayName", "nickName", "title", "description"];

    [Check("media.utf8-round-trip", "Non-ASCII text survives a round trip unchanged",
        References = ["RFC7644 §3.8"], Rows = ["RFC7644-3.8-UTF8"], Tags = ["media-type", "encoding"],
        Requirement = "A string with non-ASCII characters (accents, CJK, Greek, an emoji outside the BMP) sent in a UTF-8 JSON body is accepted and read back with exactly the same code points.")]
    public async Task Utf8RoundTrip()
    {
        var resourceType = ProbeRequests.ProbeType(await DiscoveryAsync());
        var attribute = await TextAttributeAsync(resourceType)
            ?? throw new NotApplicableException($"the schema of {ResourceFactory.NameOf(resourceType)} has no writable single-valued string attribute");
        var sent = $"{Target.Prefix.Name("utf8")} {NonAscii}";
        var body = await Resources.MinimalAsync(resourceType);
        body[attribute] = sent;
        var created = await Resources.CreateAsync(resourceType, body);
        if (created.Status is < 200 or >= 300)
        {
            var control = await Resources.MinimalAsync(resourceType);
            control[attribute] = Target.Prefix.Name("ascii");
            var accepted = await Resources.CreateAsync(resourceType, control);
            Expect.That(accepted.Status is < 200 or >= 300, $"a {ResourceFactory.NameOf(resourceType)} whose `{attribute}` holds non-ASCII text was refused",
                "the UTF-8 body accepted like an ASCII one", $"{created.Summary}, while {accepted.Summary} for ASCII text");
            throw new PrerequisiteException($"a {ResourceFactory.NameOf(resourceType)} with `{attribute}` could not be created at all: {created.Summary}");
        }

        var id = created.JsonObject?.StringMember("id") ?? throw new PrerequisiteException($"{created.Summary} returned no id to read back");
        var read = await ReadAsync(resourceType, id);
        Expect.Status(read, 200, "the resource just created must be readable");
        var problems = new List<string>();
        foreach (var (what, response) in new[] { ("the create response", created), ("a fresh read", read) })
        {
            var value = response.JsonObject?.Member(attribute);
            if (value is null && response == created)
                continue; // a create response may leave attributes out; the fresh read may not
            if (!value.IsString() || value!.GetValue<string>() != sent)
                problems.Add($"{what} ({response.Summary}) has `{attribute}` {Escaped(value)}");
        }
        Expect.NoProblems(problems, "non-ASCII text did not come back with the same code points",
            $"`{attribute}` exactly {Escaped(JsonValue.Create(sent))}");
    }

    [Check("media.json-shapes", "Attributes have the JSON shape their definition implies",
        References = ["RFC7644 §3.8", "RFC7643 §2.4"], Rows = ["RFC7644-3.8-JSON-SHAPES"], Tags = ["media-type"],
        Requirement = "In a resource read back, a multi-valued attribute is a JSON array (even with one value), a single-valued complex attribute is an object, and a single-valued simple attribute is a scalar, as its schema defines it.")]
    public async Task JsonShapes()
    {
        var discovery = await DiscoveryAsync();
        var resourceType = ProbeRequests.ProbeType(discovery);
        // Every writable attribute, multi-valued ones with a single value: the shape a lazy serializer gets wrong.
        var body = await Resources.RichAsync(resourceType);
        SingleValues(body);
        var schemaUrn = resourceType.StringMember("schema") ?? "";
        var schema = discovery.Schema(schemaUrn) ?? throw new PrerequisiteException($"the schema {schemaUrn} is not in /Schemas");
        var id = IdOf(await Resources.CreateOrSkipAsync(resourceType, body));
        var read = await ReadAsync(resourceType, id);
        Expect.Status(read, 200, "the resource just created must be readable");
        var resource = Expect.JsonObject(read, $"the {ResourceFactory.NameOf(resourceType)} read back");

        var problems = new List<string>();
        JudgeCommonAttributes(resource, problems);
        JudgeShapes(resource, schema, "", problems);
        foreach (var extension in (resourceType.Member("schemaExtensions") as JsonArray ?? []).OfType<JsonObject>())
        {
            if (extension.StringMember("schema") is not { } urn || resource.Member(urn) is not { } data)
                continue;
            if (data is not JsonObject extensionObject)
                problems.Add($"the extension `{urn}` is {ScimJson.Describe(data)}, not an object");
            else if (discovery.Schema(urn) is { } extensionSchema)
                JudgeShapes(extensionObject, extensionSchema, urn + ":", problems);
        }
        Expect.NoProblems(problems, $"an attribute of the {ResourceFactory.NameOf(resourceType)} read back ({read.Summary}) has the wrong JSON shape",
            "arrays for multi-valued attributes, objects for complex ones, scalars for simple ones");
        // Right shapes, but was anything multi-valued there to judge? Without it the check proved little.
        if (!resource.Any(m => m.Key != "schemas" && m.Value is JsonArray) && MultiValuedWritable(schema).Any())
            throw new PrerequisiteException($"no multi-valued attribute was stored to judge its shape ({read.Summary})");
    }

    [Check("media.member-order-free", "The order of members in a request body does not matter",
        References = ["RFC7643 §2.3.8"], Rows = ["RFC7643-2.3.8-ORDER-FREE"], Tags = ["media-type"],
        Requirement = "A create whose body lists its members in reverse order (`schemas` last, nested objects reversed too) is accepted and stores the same values as the usual order would.")]
    public async Task MemberOrderFree()
    {
        var resourceType = ProbeRequests.ProbeType(await DiscoveryAsync());
        var body = await Resources.MinimalAsync(resourceType);
        var reversed = (JsonObject)Reversed(body)!;
        var created = await Resources.CreateAsync(resourceType, reversed);
        if (created.Status is < 200 or >= 300)
        {
            var control = await Resources.CreateMinimalAsync(resourceType);
            Expect.That(control.Status is < 200 or >= 300, "a create was refused only because of the order of the body's members",
                "the reversed body accepted like the same body in the usual order",
                $"{created.Summary} for {ScimJson.Abbreviate(reversed.ToJsonString(), 160)}, while {control.Summary} in the usual order");
            throw new PrerequisiteException($"a {ResourceFactory.NameOf(resourceType)} could not be created in either order: {created.Summary}");
        }

        var id = created.JsonObject?.StringMember("id") ?? throw new PrerequisiteException($"{created.Summary} returned no id to read back");
        var read = await ReadAsync(resourceType, id);
        Expect.Status(read, 200, "the resource just created must be readable");
        var stored = Expect.JsonObject(read, "the resource read back");
        var problems = body.Where(m => m.Value is JsonValue v && v.IsString())
            .Where(m => !(stored.Member(m.Key) is JsonValue got && got.IsString()
                          && string.Equals(got.GetValue<string>(), m.Value!.GetValue<string>(), StringComparison.OrdinalIgnoreCase)))
            .Select(m => $"`{m.Key}` sent {ScimJson.Describe(m.Value)}, read back {ScimJson.Describe(stored.Member(m.Key))}")
            .ToList();
        Expect.NoProblems(problems, "a body in reverse member order was stored with other values",
            "the values sent, whatever the order of the members");
    }


    private static IEnumerable<string> MultiValuedWritable(JsonObject schema) =>
        (schema.Member("attributes") as JsonArray ?? []).OfType<JsonObject>()
            .Where(a => a.Member("multiValued").IsTrue() && a.StringMember("mutability") is not "readOnly")
            .Select(a => a.StringMember("name")).OfType<string>();

    /// <summary>A writable single-valued string attribute of the type's core schema to carry text: displayName,
    /// nickName, title or description when there, else the first optional one, else a required one.</summary>
    private async Task<string?> TextAttributeAsync(JsonObject resourceType)
    {
        var schema = (await DiscoveryAsync()).Schema(resourceType.StringMember("schema") ?? "");
        var candidates = (schema?.Member("attributes") as JsonArray ?? []).OfType<JsonObject>()
            .Where(a => a.StringMember("type") == "string" && !a.Member("multiValued").IsTrue()
                        && a.StringMember("mutability") is not ("readOnly" or "immutable")
                        && a.StringMember("name") is { } n && n != "id" && n != "externalId"
                        && (a.StringArray("canonicalValues") ?? []).Count == 0)
            .ToList();
        var names = candidates.Select(a => a.StringMember("name")!).ToList();
        var preferred = PreferredTextAttributes
            .Select(p => names.FirstOrDefault(n => n.Equals(p, StringComparison.OrdinalIgnoreCase)))
            .FirstOrDefault(n => n is not null);
        return preferred
               ?? candidates.FirstOrDefault(a => !a.Member("required").IsTrue())?.StringMember("name")
               ?? names.FirstOrDefault();
    }

    /// <summary>Cuts every multi-valued attribute of the body (and of its extension objects) down to one value.</summary>
    private static void SingleValues(JsonObject body)
    {
        foreach (var (name, value) in body.ToList())
        {
            if (name == "schemas")
                continue;
            if (value is JsonArray { Count: > 1 } array)
            {
                var first = array[0]!.DeepClone();
                body[name] = new JsonArray(first);
            }
            else if (value is JsonObject nested && name.StartsWith("urn:", StringComparison.OrdinalIgnoreCase))
            {
                SingleValues(nested);
            }
        }
    }

    private static void JudgeCommonAttributes(JsonObject resource, List<string> problems)
    {
        if (resource.Member("schemas") is { } schemas and not JsonArray)
            problems.Add($"`schemas` is {ScimJson.Describe(schemas)}, not an array");
        if (resource.Member("meta") is { } meta and not JsonObject)
            problems.Add($"`meta` is {ScimJson.Describe(meta)}, not an object");
        foreach (var simple in new[] { "id", "externalId" })
        {
            if (resource.Member(simple) is { } value and not JsonValue)
                problems.Add($"`{simple}` is {ScimJson.Describe(value)}, not a scalar");
        }
    }

    /// <summary>Judges every attribute the schema defines that the object holds; sub-attributes of complex ones too.</summary>
    private static void JudgeShapes(JsonObject data, JsonObject definition, string path, List<string> problems)
    {
        foreach (var attribute in (definition.Member("attributes") ?? definition.Member("subAttributes")) as JsonArray ?? [])
        {
            if (attribute is not JsonObject a || a.StringMember("name") is not { } name || data.Member(name) is not { } value)
                continue;
            var shown = path + name;
            var complex = a.StringMember("type") == "complex";
            if (a.Member("multiValued").IsTrue())
            {
                if (value is not JsonArray values)
                {
                    problems.Add($"`{shown}` is multi-valued but is {ScimJson.Describe(value)}, not an array");
                    continue;
                }
                foreach (var item in values)
                    JudgeSingle(item, a, complex, $"a value of `{shown}`", shown, problems);
            }
            else
            {
                JudgeSingle(value, a, complex, $"`{shown}`", shown, problems);
            }
        }
    }

    private static void JudgeSingle(JsonNode? value, JsonObject attribute, bool complex, string shown, string path, List<string> problems)
    {
        if (value is null)
            return;
        if (complex)
        {
            if (value is JsonObject inner)
                JudgeShapes(inner, attribute, path + ".", problems);
            else
                problems.Add($"{shown} is complex but is {ScimJson.Describe(value)}, not an object");
        }
        else if (value is not JsonValue)
        {
            problems.Add($"{shown} is a simple {attribute.StringMember("type") ?? "value"} but is {ScimJson.Describe(value)}");
        }
    }

    /// <summary>A deep copy with the members of every object in reverse order.</summary>
    private static JsonNode? Reversed(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Reverse().Select(m => KeyValuePair.Create(m.Key, Reversed(m.Value)))),
        JsonArray a => new JsonArray(a.Select(Reversed).ToArray()),
        _ => node?.DeepClone(),
    };

    /// <summary>A string with its non-ASCII characters spelled as code points, so a reader sees what changed.</summary>
    private static string Escaped(JsonNode? value)
    {
        if (!value.IsString())
            return ScimJson.Describe(value);
        var text = value!.GetValue<string>();
        var points = string.Join(" ", text.EnumerateRunes().Where(r => r.Value > 0x7F).Select(r => $"U+{r.Value:X4}"));
        return $"\"{ScimJson.Abbreviate(text, 100)}\" (non-ASCII code points: {(points.Length == 0 ? "none" : points)})";
    }
}
