using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Scim.Conformance.Suites.Kit;

/// <summary>Per-resource-type templates from <c>targets.json</c> (<c>resourceTemplates</c>): members merged into every
/// body the suite creates of that type, for a server's rules no schema states and no retry can guess (a required
/// department code, say). Strings may hold <c>{prefix}</c> — a name unique to the body that carries the run prefix,
/// so it is the run's and is swept — and <c>{unique}</c>, a fresh random token.</summary>
public sealed partial class ResourceTemplates
{
    private readonly Dictionary<string, JsonObject> _byType;

    public ResourceTemplates(IReadOnlyDictionary<string, JsonObject> byType)
    {
        var problems = byType.SelectMany(pair => Problems(pair.Key, pair.Value)).ToList();
        if (problems.Count > 0)
            throw new ArgumentException(string.Join("; ", problems), nameof(byType));
        _byType = byType.ToDictionary(pair => pair.Key, pair => (JsonObject)pair.Value.DeepClone(), StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyCollection<string> Types => _byType.Keys;

    /// <summary>What is wrong with the template of <paramref name="type"/>, one sentence each; empty when it is usable.</summary>
    public static IReadOnlyList<string> Problems(string type, JsonNode? template)
    {
        if (string.IsNullOrWhiteSpace(type))
            return ["a template is keyed by a resource type name (e.g. \"User\"), not an empty string"];
        if (template is not JsonObject body)
            return [$"the template of {type} is not a JSON object"];
        var problems = new List<string>();
        foreach (var reserved in new[] { "id", "meta", "schemas" })
        {
            if (body.Any(member => string.Equals(member.Key, reserved, StringComparison.OrdinalIgnoreCase)))
                problems.Add($"the template of {type} sets `{reserved}`, which the suite controls");
        }
        foreach (var text in Strings(body))
        {
            foreach (Match placeholder in Placeholder().Matches(text))
            {
                if (placeholder.Value is not ("{prefix}" or "{unique}"))
                    problems.Add($"the template of {type} uses the placeholder {placeholder.Value}; only {{prefix}} and {{unique}} exist");
            }
        }
        return problems;
    }

    /// <summary>Merges the template of the resource type named <paramref name="typeName"/> into <paramref name="body"/>
    /// (the template wins; objects merge member by member; arrays are replaced). Returns false when there is none.</summary>
    public bool ApplyTo(string typeName, JsonObject body, RunPrefix prefix)
    {
        if (!_byType.TryGetValue(typeName, out var template))
            return false;
        var name = prefix.Name("t");
        var unique = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        Merge(body, Instantiate(template, name, unique).AsObject());
        return true;
    }

    private static JsonNode Instantiate(JsonNode node, string name, string unique) => node switch
    {
        JsonObject o => new JsonObject(o.Select(m => KeyValuePair.Create(m.Key, m.Value is null ? null : Instantiate(m.Value, name, unique)))),
        JsonArray a => new JsonArray([.. a.Select(v => v is null ? null : Instantiate(v, name, unique))]),
        JsonValue v when v.TryGetValue<string>(out var text) => JsonValue.Create(text.Replace("{prefix}", name).Replace("{unique}", unique)),
        _ => node.DeepClone(),
    };

    private static void Merge(JsonObject target, JsonObject source)
    {
        foreach (var (key, value) in source.ToList())
        {
            var existing = target.FirstOrDefault(m => string.Equals(m.Key, key, StringComparison.OrdinalIgnoreCase));
            if (existing.Value is JsonObject into && value is JsonObject from)
            {
                Merge(into, from);
                continue;
            }
            if (existing.Key is not null)
                target.Remove(existing.Key);
            target[key] = value?.DeepClone();
        }
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(m => Strings(m.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var text) => [text],
        _ => [],
    };

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex Placeholder();
}
