using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Scim.Conformance.Reports.Renderers;

/// <summary>JSON settings for the machine-readable reports (Allure, CTRF), the same conventions as result.json:
/// camelCase, nulls left out, text kept readable (no <c>\u0022</c> for every quote). Consumers parse these files
/// and do their own escaping when they display a string; control characters are still escaped.</summary>
internal static class RendererJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void WriteFile<T>(string path, T value) =>
        File.WriteAllText(path, JsonSerializer.Serialize(value, Options), ReportText.Utf8);
}
