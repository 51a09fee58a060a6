using System.Text.Json;

namespace Scim.Conformance.Runner.Configuration;

/// <summary>Finds a key written twice in one object of a configuration file. Microsoft.Extensions.Configuration merges
/// such keys silently (the last wins, objects are blended), so two "targets" objects or a target named twice would
/// run against settings nobody wrote down; keys are compared ignoring case, as configuration does.</summary>
public static class DuplicateKeys
{
    /// <summary>The dotted path of the first key written twice (<c>targets.prod</c>), or null when every key is unique.
    /// Throws <see cref="JsonException"/> when the text is not JSON.</summary>
    public static string? Find(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions
        {
            // What the configuration reader accepts, so that the scan never refuses a file the loader would read.
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        });
        // One entry per open object or array: the keys seen so far (null for an array) and the path to it.
        var open = new Stack<(HashSet<string>? Keys, string Path)>();
        string? pendingKey = null;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    var path = open.Count == 0 ? "" : Join(open.Peek().Path, pendingKey ?? "[]");
                    open.Push((reader.TokenType == JsonTokenType.StartObject ? new HashSet<string>(StringComparer.OrdinalIgnoreCase) : null, path));
                    pendingKey = null;
                    break;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    open.Pop();
                    break;
                case JsonTokenType.PropertyName:
                    pendingKey = reader.GetString()!;
                    if (open.Peek().Keys is { } keys && !keys.Add(pendingKey))
                        return Join(open.Peek().Path, pendingKey);
                    break;
                default:
                    pendingKey = null;
                    break;
            }
        }
        return null;
    }

    private static string Join(string parent, string key) => parent.Length == 0 ? key : $"{parent}.{key}";
}
