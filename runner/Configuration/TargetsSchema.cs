using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Scim.Conformance.Runner.Configuration;

/// <summary>
/// Checks a targets file against the published schema (<c>schemas/targets.schema.json</c>, embedded in this assembly)
/// before the loader reads it, so that a misspelt key (<c>"readOnyl": true</c>) is refused instead of silently ignored.
/// Every problem is one line naming the file, line, column and JSON pointer; an unknown key gets the closest allowed key
/// at that place as a suggestion. The loader still parses the values; the schema catches unknown keys and wrong types.
/// </summary>
public static class TargetsSchema
{
    public const string ResourceName = "targets.schema.json";

    /// <summary>Keys that would hold a secret's value (as <see cref="CredentialSections"/> refuses them).</summary>
    private static readonly string[] LiteralSecrets = ["token", "password", "clientSecret", "key", "apiKey", "secret", "passphrase"];

    private static readonly Lazy<(JsonSchema Schema, JsonNode Document)> Published = new(() =>
    {
        using var stream = typeof(TargetsSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the embedded resource {ResourceName} is missing from the runner assembly");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = reader.ReadToEnd();
        return (JsonSchema.FromText(text), JsonNode.Parse(text)!);
    });

    /// <summary>The schema's own text, as published.</summary>
    public static JsonNode Document => Published.Value.Document;

    /// <summary>Every problem in the file, one line each, in the order they appear in the file; empty when it conforms.
    /// Throws <see cref="JsonException"/> when the text is not JSON.</summary>
    /// <param name="path">The file as the user named it, for the messages.</param>
    public static IReadOnlyList<string> Problems(string path, byte[] utf8Json)
    {
        var bytes = utf8Json.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? utf8Json[3..] : utf8Json;
        using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var (schema, schemaDocument) = Published.Value;
        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
            return [];
        var positions = Positions.Of(bytes);
        var problems = new List<(int Line, int Column, string Text)>();
        foreach (var detail in result.Details ?? [])
        {
            if (detail.IsValid || detail.Errors is not { Count: > 0 } errors)
                continue;
            var pointer = detail.InstanceLocation.ToString();
            var segments = Segments(pointer);
            var schemaPointer = Uri.UnescapeDataString(detail.SchemaLocation.OriginalString.Split('#', 2) is [_, var fragment] ? fragment : "");
            foreach (var (keyword, message) in errors)
            {
                var unknown = Unknown(keyword, schemaPointer);
                var (line, column) = positions.Find(bytes, pointer, nameRatherThanValue: unknown is not null);
                var words = unknown is { } parentSchema
                    ? UnknownKey(segments, At(schemaDocument, parentSchema))
                    : Value(segments, Element(document.RootElement, segments), keyword, Keyword(schemaDocument, schemaPointer, keyword), message);
                problems.Add((line, column, $"{path}:{line}:{column}: at {(pointer.Length == 0 ? "/" : pointer)}: {words}"));
            }
        }
        return problems.OrderBy(p => p.Line).ThenBy(p => p.Column).Select(p => p.Text).Distinct().ToList();
    }

    /// <summary>For a failure of <c>additionalProperties: false</c> (the false schema fails with no keyword), the
    /// pointer to the object's schema, whose <c>properties</c> are the keys allowed there; null for any other failure.</summary>
    private static string? Unknown(string keyword, string schemaPointer)
    {
        var at = schemaPointer.LastIndexOf("/additionalProperties", StringComparison.Ordinal);
        return keyword.Length == 0 && at >= 0 ? schemaPointer[..at] : null;
    }

    /// <summary>The schema object that holds <paramref name="keyword"/> at the reported location. JsonSchema.Net 8
    /// sometimes reports a subschema's location with one extra trailing segment (<c>…/items/selection</c>), so the
    /// parent is tried when the location itself does not hold the keyword.</summary>
    private static JsonObject? Keyword(JsonNode document, string schemaPointer, string keyword)
    {
        if (At(document, schemaPointer) is JsonObject exact && exact.ContainsKey(keyword))
            return exact;
        var parent = schemaPointer.LastIndexOf('/');
        return parent >= 0 && At(document, schemaPointer[..parent]) is JsonObject above && above.ContainsKey(keyword) ? above : null;
    }

    private static string UnknownKey(IReadOnlyList<string> segments, JsonNode? parentSchema)
    {
        var key = segments[^1];
        var context = Context(segments.Take(segments.Count - 1).ToList());
        var where = context.Length == 0 ? "the top level" : context;
        if (LiteralSecrets.Contains(key, StringComparer.OrdinalIgnoreCase))
            return $"{where} holds a secret in \"{key}\": secrets never go in the targets file; use {key}Env (an environment variable) or {key}File (a file)";
        var allowed = (parentSchema?["properties"] as JsonObject)?.Select(p => p.Key).ToList() ?? [];
        var suggestion = Closest(key, allowed);
        return suggestion is not null
            ? $"unknown key \"{key}\" in {where}; did you mean \"{suggestion}\"?"
            : $"unknown key \"{key}\" in {where} (allowed here: {string.Join(", ", allowed)})";
    }

    private static string Value(IReadOnlyList<string> segments, JsonElement? value, string keyword, JsonNode? schema, string message)
    {
        var context = Context(segments);
        var shown = value is not { } v ? "" : v.ValueKind switch
        {
            JsonValueKind.String => $" '{v.GetString()}'",
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null => $" {v.GetRawText()}",
            _ => "",
        };
        var subject = (context.Length == 0 ? "the file" : context) + shown;
        var expectedType = schema is JsonObject withType ? withType["type"] : null;
        var expectedValues = schema is JsonObject withEnum ? withEnum["enum"] as JsonArray : null;
        switch (keyword)
        {
            case "type" when value is { } actual && expectedType is not null:
                var names = new List<string>();
                if (expectedType is JsonArray many)
                    names.AddRange(many.Select(t => t!.GetValue<string>()));
                else
                    names.Add(expectedType.GetValue<string>());
                return $"{subject} is {Kind(actual)}, not {string.Join(" or ", names.Select(Expected))}";
            case "enum" when expectedValues is { } allowed:
                return $"{subject} is not one of {string.Join(", ", allowed.Select(Shown))}";
            default:
                return $"{subject}: {message}";
        }
    }

    private static string? Shown(JsonNode? node) => (node is JsonValue value && value.TryGetValue<string>(out var text)) ? text : node?.ToJsonString();

    /// <summary>"target 'acme' deprovisioning.onOwnerDeleted" for /targets/acme/deprovisioning/onOwnerDeleted.</summary>
    private static string Context(IReadOnlyList<string> segments)
    {
        if (segments.Count >= 2 && segments[0] == "targets")
        {
            var inside = Dotted(segments.Skip(2));
            return $"target '{segments[1]}'" + (inside.Length == 0 ? "" : " " + inside);
        }
        return Dotted(segments);
    }

    private static string Dotted(IEnumerable<string> segments) =>
        segments.Aggregate("", (path, s) => s.All(char.IsAsciiDigit) && path.Length > 0 ? $"{path}[{s}]" : path.Length == 0 ? s : $"{path}.{s}");

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true or false",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => "null",
    };

    private static string Expected(string type) => type switch
    {
        "string" => "a string",
        "integer" => "a whole number",
        "number" => "a number",
        "boolean" => "true or false",
        "object" => "an object",
        "array" => "an array",
        _ => type,
    };

    /// <summary>The allowed key closest to <paramref name="key"/> by edit distance (ignoring case, a swap of two
    /// neighbouring letters counting once), when it is close enough to be a slip; null otherwise.</summary>
    public static string? Closest(string key, IEnumerable<string> allowed)
    {
        var best = allowed
            .Select(candidate => (Candidate: candidate, Distance: EditDistance(key.ToLowerInvariant(), candidate.ToLowerInvariant())))
            .OrderBy(c => c.Distance)
            .FirstOrDefault();
        return best.Candidate is not null && best.Distance <= Math.Max(1, Math.Min(3, key.Length / 3)) ? best.Candidate : null;
    }

    private static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
            d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++)
            d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }

    private static List<string> Segments(string pointer) =>
        pointer.Length == 0 ? [] : pointer[1..].Split('/').Select(s => s.Replace("~1", "/").Replace("~0", "~")).ToList();

    private static string Escape(string segment) => segment.Replace("~", "~0").Replace("/", "~1");

    private static JsonNode? At(JsonNode? node, string pointer)
    {
        foreach (var segment in Segments(pointer))
        {
            node = node switch
            {
                JsonObject o => o[segment],
                JsonArray a when int.TryParse(segment, out var i) && i >= 0 && i < a.Count => a[i],
                _ => null,
            };
        }
        return node;
    }

    private static JsonElement? Element(JsonElement root, IReadOnlyList<string> segments)
    {
        var element = root;
        foreach (var segment in segments)
        {
            if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(segment, out var child))
                element = child;
            else if (element.ValueKind == JsonValueKind.Array && int.TryParse(segment, out var i) && i >= 0 && i < element.GetArrayLength())
                element = element[i];
            else
                return null;
        }
        return element;
    }

    /// <summary>Where each member's name and each value start in the file, by JSON pointer (byte offsets).</summary>
    private sealed class Positions
    {
        private readonly Dictionary<string, int> _names = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _values = new(StringComparer.Ordinal);

        public static Positions Of(ReadOnlySpan<byte> utf8Json)
        {
            var positions = new Positions();
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            // One entry per open object or array: its pointer and, for an array, the index of the next element.
            var open = new Stack<(string Pointer, bool IsArray, int Next)>();
            string? pendingName = null;
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        pendingName = reader.GetString()!;
                        positions._names.TryAdd($"{open.Peek().Pointer}/{Escape(pendingName)}", (int)reader.TokenStartIndex);
                        continue;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        open.Pop();
                        continue;
                }
                string pointer;
                if (open.Count == 0)
                    pointer = "";
                else if (open.Peek().IsArray)
                {
                    var (parent, _, next) = open.Pop();
                    open.Push((parent, true, next + 1));
                    pointer = $"{parent}/{next}";
                }
                else
                    pointer = $"{open.Peek().Pointer}/{Escape(pendingName!)}";
                positions._values.TryAdd(pointer, (int)reader.TokenStartIndex);
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                    open.Push((pointer, reader.TokenType == JsonTokenType.StartArray, 0));
            }
            return positions;
        }

        /// <summary>1-based line and column (in characters) of a member's name or of its value.</summary>
        public (int Line, int Column) Find(ReadOnlySpan<byte> utf8Json, string pointer, bool nameRatherThanValue)
        {
            var offset = (nameRatherThanValue && _names.TryGetValue(pointer, out var name)) ? name
                : _values.TryGetValue(pointer, out var value) ? value
                : _names.TryGetValue(pointer, out var fallback) ? fallback : 0;
            int line = 1, column = 1;
            for (var i = 0; i < offset && i < utf8Json.Length; i++)
            {
                if (utf8Json[i] == (byte)'\n')
                {
                    line++;
                    column = 1;
                }
                else if ((utf8Json[i] & 0xC0) != 0x80 && utf8Json[i] != (byte)'\r')
                {
                    column++; // one per character: UTF-8 continuation bytes do not start one
                }
            }
            return (line, column);
        }
    }
}
