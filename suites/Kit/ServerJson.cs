using System.Text.Json;
using System.Text.Json.Nodes;

namespace Scim.Conformance.Suites.Kit;

/// <summary>Reads JSON a server sent into a tree every check can walk without surprises, or says in words why it
/// cannot. System.Text.Json accepts a member named twice when it parses, and the <see cref="JsonObject"/> built from
/// it throws on first access (anywhere: in a check, in discovery, in a sweep); so duplicates are refused here, at the
/// only door server JSON comes through, with every other reason a text is unreadable (depth, a byte order mark, bytes
/// JSON does not allow).</summary>
public static class ServerJson
{
    /// <summary>Deeper than any SCIM resource nests; System.Text.Json's own default.</summary>
    public const int MaxDepth = 64;

    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false, MaxDepth = MaxDepth };
    private static readonly JsonDocumentOptions Lenient = new() { MaxDepth = MaxDepth };

    /// <summary>The tree of <paramref name="text"/>, or null and why not (a sentence fragment: "the body …").</summary>
    public static (JsonNode? Node, string? Error) Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return (null, "the body is empty");
        if (text[0] == '\uFEFF')
            return (null, "the body begins with a byte order mark (U+FEFF), which RFC 8259 §8.1 forbids a sender to add, so it is not read as JSON");
        try
        {
            return (JsonNode.Parse(text, documentOptions: Strict), null);
        }
        catch (JsonException e)
        {
            return (null, DuplicateMember(text) is { } duplicate
                ? $"the body has the member \"{ScimJson.Abbreviate(duplicate.Name, 80)}\" twice in one object (at {ScimJson.Abbreviate(duplicate.Path, 120)}); RFC 8259 §4 says names SHOULD be unique, so it cannot be read reliably"
                : $"the body is not valid JSON ({ScimJson.Abbreviate(e.Message, 300)})");
        }
    }

    /// <summary>The first member named twice in one object, with where it is; null when there is none (or the text
    /// is not JSON at all).</summary>
    public static (string Name, string Path)? DuplicateMember(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text, Lenient);
            return DuplicateIn(document.RootElement, "$");
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // Recursion is bounded by MaxDepth: the document was parsed with it.
    private static (string Name, string Path)? DuplicateIn(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    if (!seen.Add(property.Name))
                        return (property.Name, path);
                }
                foreach (var property in element.EnumerateObject())
                {
                    if (DuplicateIn(property.Value, $"{path}.{property.Name}") is { } inner)
                        return inner;
                }
                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (DuplicateIn(item, $"{path}[{index++}]") is { } inner)
                        return inner;
                }
                return null;
            default:
                return null;
        }
    }
}
