using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Scim.Conformance.Reports.Model;

/// <summary>Reads and writes <c>result.json</c>: camelCase members, enums by name, nulls left out.</summary>
public static class ResultJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize(ResultDocument document) => JsonSerializer.Serialize(document, Options);

    /// <summary>Parses a result document; throws <see cref="InvalidDataException"/> with a plain reason when the
    /// text is not one.</summary>
    public static ResultDocument Deserialize(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<ResultDocument>(json, Options)
                ?? throw new InvalidDataException("the file holds JSON null, not a result document");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"not a result document: {e.Message}", e);
        }
    }
}
