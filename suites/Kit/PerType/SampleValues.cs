using System.Globalization;
using System.Text.Json.Nodes;

namespace Scim.Conformance.Suites.Kit.PerType;

/// <summary>A well-formed value for an attribute definition, built from its type alone: for requests whose point is
/// something other than the value (a write to a readOnly attribute, say), so the value is never what is wrong.</summary>
public static class SampleValues
{
    private const string FixedTime = "2001-02-03T04:05:06Z";

    public static JsonNode For(JsonObject attribute, RunPrefix prefix)
    {
        var single = Single(attribute, prefix);
        return attribute.Member("multiValued").IsTrue() ? new JsonArray(single) : single;
    }

    private static JsonNode Single(JsonObject attribute, RunPrefix prefix)
    {
        if (attribute.StringArray("canonicalValues") is { Count: > 0 } canonical)
            return JsonValue.Create(canonical[0]);
        var name = attribute.StringMember("name") ?? "value";
        return attribute.StringMember("type") switch
        {
            "boolean" => JsonValue.Create(true),
            "integer" => JsonValue.Create(7),
            "decimal" => JsonValue.Create(7.5),
            "dateTime" => JsonValue.Create(FixedTime),
            "binary" => JsonValue.Create(Convert.ToBase64String("scim"u8.ToArray())),
            "reference" => JsonValue.Create($"https://{prefix.Value}.example.com/{name.ToLower(CultureInfo.InvariantCulture)}"),
            "complex" => Complex(attribute, prefix),
            _ => JsonValue.Create(prefix.Name(name)),
        };
    }

    /// <summary>The <c>value</c> sub-attribute (a fresh UUID when it names another resource), else the first one.</summary>
    private static JsonObject Complex(JsonObject attribute, RunPrefix prefix)
    {
        var subs = (attribute.Member("subAttributes") as JsonArray ?? []).OfType<JsonObject>().ToList();
        var refersToResources = subs.Any(s => s.StringMember("name") == "$ref");
        var value = subs.FirstOrDefault(s => s.StringMember("name") == "value") ?? subs.FirstOrDefault();
        if (value?.StringMember("name") is not { } valueName)
            return new JsonObject();
        return new JsonObject { [valueName] = refersToResources && valueName == "value" ? JsonValue.Create(Guid.NewGuid().ToString("D")) : Single(value, prefix) };
    }
}
