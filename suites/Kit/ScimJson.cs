using System.Text.Json;
using System.Text.Json.Nodes;

namespace Scim.Conformance.Suites.Kit;

/// <summary>Reading SCIM JSON the way SCIM defines it: attribute names are case-insensitive (RFC 7643 §2.1),
/// so every lookup here ignores case; and describing values in words for Expected/Actual.</summary>
public static class ScimJson
{
    /// <summary>The member named <paramref name="name"/> in any letter case, or null when absent.</summary>
    public static JsonNode? Member(this JsonObject obj, string name)
    {
        if (obj.TryGetPropertyValue(name, out var exact))
            return exact;
        foreach (var (key, value) in obj)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
                return value;
        }
        return null;
    }

    public static bool HasMember(this JsonObject obj, string name) =>
        obj.Any(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Follows a dotted path (<c>bulk.maxOperations</c>) through objects, ignoring case.</summary>
    public static JsonNode? Path(this JsonObject obj, string dottedPath)
    {
        JsonNode? current = obj;
        foreach (var segment in dottedPath.Split('.'))
        {
            if (current is not JsonObject o)
                return null;
            current = o.Member(segment);
        }
        return current;
    }

    public static string? StringMember(this JsonObject obj, string name) =>
        obj.Member(name) is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static bool IsBoolean(this JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False;

    public static bool IsTrue(this JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    public static bool IsString(this JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String;

    public static bool IsInteger(this JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out _);

    /// <summary>The JSON strings of an array member, or null when the member is not an array of strings.</summary>
    public static IReadOnlyList<string>? StringArray(this JsonObject obj, string name)
    {
        if (obj.Member(name) is not JsonArray array)
            return null;
        var values = new List<string>();
        foreach (var item in array)
        {
            if (!item.IsString())
                return null;
            values.Add(item!.GetValue<string>());
        }
        return values;
    }

    /// <summary>A short description of a value for Expected/Actual: <c>the string "false"</c>, <c>absent</c>, ...</summary>
    public static string Describe(JsonNode? node)
    {
        if (node is null)
            return "absent (or null)";
        return node switch
        {
            JsonObject => $"an object {Abbreviate(node.ToJsonString())}",
            JsonArray a => $"an array of {a.Count} {Abbreviate(node.ToJsonString())}",
            JsonValue v => v.GetValueKind() switch
            {
                JsonValueKind.String => $"the string {Abbreviate(node.ToJsonString())}",
                JsonValueKind.Number => $"the number {Abbreviate(node.ToJsonString())}",
                JsonValueKind.True or JsonValueKind.False => $"the boolean {node.ToJsonString()}",
                _ => Abbreviate(node.ToJsonString()),
            },
            _ => Abbreviate(node.ToJsonString()),
        };
    }

    public static string Abbreviate(string text, int max = 160) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…");

    /// <summary>Joins names for a sentence: <c>a, b and c</c>.</summary>
    public static string List(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count switch
        {
            0 => "none",
            1 => list[0],
            _ => string.Join(", ", list.Take(list.Count - 1)) + " and " + list[^1],
        };
    }
}
