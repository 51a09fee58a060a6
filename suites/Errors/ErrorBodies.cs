using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Errors;

/// <summary>How an error response is judged against RFC 7644 §3.12, one facet at a time, so that each check (and
/// the 401 body of the authentication suite) can report exactly the facet it owns. Every judge returns null when
/// the facet is fine, or one sentence naming the exchange and what is wrong with it.</summary>
internal static class ErrorBodies
{
    /// <summary>The <c>scimType</c> keywords of RFC 7644 §3.12 Table 9, spelled as the RFC spells them.</summary>
    public static readonly string[] ScimTypes =
        ["invalidFilter", "tooMany", "uniqueness", "mutability", "invalidSyntax", "invalidPath", "noTarget", "invalidValue", "invalidVers", "sensitive"];

    private static readonly string[] ErrorMembers = ["status", "scimType", "detail"];

    /// <summary>The body when it is a JSON object; null for an empty, non-JSON or non-object body.</summary>
    public static JsonObject? BodyOf(ScimResponse response) => response.JsonObject;

    public static bool IsError(ScimResponse response) => response.Status >= 400;

    /// <summary>True when the body presents itself as a SCIM error, whatever the HTTP status says.</summary>
    public static bool LooksLikeError(ScimResponse response) =>
        response.JsonObject is { } body
        && ((body.StringArray("schemas")?.Contains(ScimUrns.Error, StringComparer.OrdinalIgnoreCase) ?? false)
            || StatusNumber(body.Member("status")) is >= 400);

    public static string? BodyProblem(ScimResponse response)
    {
        if (response.JsonObject is not null)
            return null;
        if (string.IsNullOrWhiteSpace(response.Body))
            return $"{response.Summary} has an empty body";
        return response.Json is { } other
            ? $"{response.Summary} has {ScimJson.Describe(other)} as its body, not an error object"
            : $"{response.Summary}: {response.JsonError} ({ScimJson.Abbreviate(response.Body, 80)})";
    }

    public static string? SchemaProblem(ScimResponse response, JsonObject body)
    {
        var schemas = body.StringArray("schemas");
        if (schemas?.Contains(ScimUrns.Error, StringComparer.Ordinal) == true)
            return null;
        if (schemas?.Contains(ScimUrns.Error, StringComparer.OrdinalIgnoreCase) == true)
            return $"{response.Summary} spells the Error URN in another letter case ({ScimJson.List(schemas)})";
        return $"{response.Summary} has `schemas` {ScimJson.Describe(body.Member("schemas"))}";
    }

    public static string? StatusStringProblem(ScimResponse response, JsonObject body)
    {
        var status = body.Member("status");
        return status switch
        {
            null => $"{response.Summary} has no top-level `status`",
            _ when status.IsString() => null,
            _ => $"{response.Summary} has `status` {ScimJson.Describe(status)}, not a JSON string",
        };
    }

    /// <summary>Whether the body's <c>status</c> (a string, or — judged elsewhere — a number) is the HTTP status.
    /// A missing <c>status</c> is left to the status-string and top-level judges.</summary>
    public static string? StatusMatchProblem(ScimResponse response, JsonObject body)
    {
        var status = body.Member("status");
        if (status is null)
            return null;
        return StatusNumber(status) == response.Status
            ? null
            : $"{response.Summary} says `status` {ScimJson.Describe(status)} in its body";
    }

    /// <summary>The error members belong at the top level; a body that nests them (<c>{"error": {...}}</c>) is
    /// named with the member that wraps them.</summary>
    public static string? TopLevelProblem(ScimResponse response, JsonObject body)
    {
        var nested = body.Where(m => m.Value is JsonObject inner && ErrorMembers.Any(inner.HasMember)).Select(m => m.Key).ToList();
        var missingStatus = !body.HasMember("status");
        if (nested.Count > 0)
            return $"{response.Summary} nests the error members inside {ScimJson.List(nested.Select(n => $"`{n}`"))}";
        return missingStatus ? $"{response.Summary} has no top-level `status` (members: {ScimJson.List(body.Select(m => m.Key))})" : null;
    }

    public static string? ScimTypeProblem(ScimResponse response, JsonObject body)
    {
        var scimType = body.Member("scimType");
        if (scimType is null)
            return null;
        if (!scimType.IsString())
            return $"{response.Summary} has `scimType` {ScimJson.Describe(scimType)}, not a keyword string";
        var value = scimType.GetValue<string>();
        if (ScimTypes.Contains(value, StringComparer.Ordinal))
            return null;
        var sameWord = ScimTypes.FirstOrDefault(t => string.Equals(t, value, StringComparison.OrdinalIgnoreCase));
        return sameWord is not null
            ? $"{response.Summary} has `scimType` \"{value}\", which Table 9 spells \"{sameWord}\""
            : $"{response.Summary} has `scimType` \"{value}\", which is not a keyword of Table 9";
    }

    public static string? DetailProblem(ScimResponse response, JsonObject body)
    {
        var detail = body.Member("detail");
        return detail is null || detail.IsString()
            ? null
            : $"{response.Summary} has `detail` {ScimJson.Describe(detail)}, not a string";
    }

    /// <summary>The body's <c>status</c> as a number, from a JSON string ("404") or a JSON number (404).</summary>
    public static int? StatusNumber(JsonNode? status)
    {
        if (status is not JsonValue value)
            return null;
        return value.GetValueKind() switch
        {
            JsonValueKind.String when int.TryParse(value.GetValue<string>().Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
            JsonValueKind.Number when value.TryGetValue<int>(out var n) => n,
            _ => null,
        };
    }
}
