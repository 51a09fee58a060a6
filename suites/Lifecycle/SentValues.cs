using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Lifecycle;

/// <summary>Compares what a client sent with what the server returns, the way SCIM defines equality: strings
/// case-insensitively unless the attribute is caseExact, dateTimes as instants, multi-valued attributes as sets
/// (each value sent must be found among those returned). Attributes the server never returns (writeOnly,
/// returned never/request) and readOnly ones are not compared.</summary>
public static class SentValues
{
    public static IEnumerable<string> Differences(JsonObject sent, JsonObject returned, DiscoverySnapshot discovery)
    {
        var coreUrn = sent.StringArray("schemas")?.FirstOrDefault() ?? "";
        foreach (var difference in Compare(sent, returned, discovery.Schema(coreUrn), ""))
            yield return difference;
        foreach (var (key, value) in sent)
        {
            if (!key.StartsWith("urn:", StringComparison.OrdinalIgnoreCase) || value is not JsonObject extension)
                continue;
            if (returned.Member(key) is not JsonObject returnedExtension)
            {
                yield return $"the extension {key} is missing";
                continue;
            }
            foreach (var difference in Compare(extension, returnedExtension, discovery.Schema(key), key + ":"))
                yield return difference;
        }
    }

    private static IEnumerable<string> Compare(JsonObject sent, JsonObject returned, JsonObject? schema, string prefix)
    {
        foreach (var (name, sentValue) in sent)
        {
            if (name is "schemas" || name.StartsWith("urn:", StringComparison.OrdinalIgnoreCase) || sentValue is null)
                continue;
            var definition = Definition(schema, name);
            if (definition is not null && !IsReturnedByDefault(definition))
                continue;
            var returnedValue = returned.Member(name);
            if (!Matches(sentValue, returnedValue, definition))
                yield return $"{prefix}{name}: sent {ScimJson.Describe(sentValue)}, read back {ScimJson.Describe(returnedValue)}";
        }
    }

    private static JsonObject? Definition(JsonObject? schemaOrAttribute, string name, string member = "attributes") =>
        (schemaOrAttribute?.Member(member) as JsonArray ?? []).OfType<JsonObject>()
            .FirstOrDefault(a => string.Equals(a.StringMember("name"), name, StringComparison.OrdinalIgnoreCase));

    private static bool IsReturnedByDefault(JsonObject definition) =>
        definition.StringMember("returned") is not ("never" or "request")
        && definition.StringMember("mutability") is not ("writeOnly" or "readOnly");

    private static bool Matches(JsonNode sent, JsonNode? returned, JsonObject? definition)
    {
        switch (sent)
        {
            case JsonArray sentItems:
                var returnedItems = returned as JsonArray ?? [];
                // The items of a multi-valued attribute share its definition (type, caseExact, subAttributes).
                return sentItems.All(item => item is null || returnedItems.Any(r => Matches(item, r, definition)));
            case JsonObject sentObject:
                if (returned is not JsonObject returnedObject)
                    return false;
                foreach (var (name, value) in sentObject)
                {
                    var sub = Definition(definition, name, "subAttributes");
                    if (value is null || (sub is not null && !IsReturnedByDefault(sub)))
                        continue;
                    if (!Matches(value, returnedObject.Member(name), sub))
                        return false;
                }
                return true;
            default:
                return ScalarEquals((JsonValue)sent, returned as JsonValue, definition);
        }
    }

    private static bool ScalarEquals(JsonValue sent, JsonValue? returned, JsonObject? definition)
    {
        if (returned is null)
            return false;
        if (sent.GetValueKind() == JsonValueKind.String && returned.GetValueKind() == JsonValueKind.String)
        {
            var a = sent.GetValue<string>();
            var b = returned.GetValue<string>();
            if (definition?.StringMember("type") == "dateTime"
                && DateTimeOffset.TryParse(a, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var da)
                && DateTimeOffset.TryParse(b, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var db))
                return da == db;
            var caseExact = definition?.Member("caseExact").IsTrue() == true;
            return string.Equals(a, b, caseExact ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase);
        }
        if (sent.GetValueKind() == JsonValueKind.Number && returned.GetValueKind() == JsonValueKind.Number)
            // A number beyond decimal (1e400, a hundred digits) is compared as written rather than thrown on.
            return sent.TryGetValue<decimal>(out var x) && returned.TryGetValue<decimal>(out var y)
                ? x == y
                : sent.ToJsonString() == returned.ToJsonString();
        return JsonNode.DeepEquals(sent, returned);
    }
}
