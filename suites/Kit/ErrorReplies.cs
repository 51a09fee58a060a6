using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Requirements;

namespace Scim.Conformance.Suites.Kit;

/// <summary>How the checks read and judge a SCIM error reply (RFC 7644 §3.12): its <c>detail</c> in words and its
/// <c>scimType</c> against the keyword a mistake calls for.</summary>
public static class ErrorReplies
{
    /// <summary><c> (detail: …)</c> when the body carries a string <c>detail</c>, else empty: appended to a
    /// response's summary in Actual and problem lines.</summary>
    public static string DetailHint(ScimResponse response) =>
        response.JsonObject?.StringMember("detail") is { } detail ? $" (detail: {ScimJson.Abbreviate(detail, 120)})" : "";

    /// <summary>The <c>scimType</c> of a 400 is <paramref name="keyword"/>, as <paramref name="definedBy"/> defines
    /// it for this mistake. Table 9 states which keyword fits which mistake without an RFC 2119 keyword, so another
    /// keyword is graded at that row's level (SHOULD), not the check's; none at all is Info, since RFC 7644 §3.12
    /// makes scimType OPTIONAL.</summary>
    public static void ScimType(this Expectations expect, ScimResponse response, string keyword, string definedBy)
    {
        var scimType = response.JsonObject?.Member("scimType");
        expect.That(scimType is null || (scimType.IsString() && scimType.GetValue<string>() == keyword),
            $"{response.Summary} names another kind of error than {keyword}",
            $"`scimType` \"{keyword}\"", $"`scimType` is {ScimJson.Describe(scimType)}", KeywordLevel());
        expect.That(scimType is not null, $"{response.Summary} gives no `scimType`; {definedBy} defines {keyword} for this mistake (the member is optional)",
            $"`scimType` \"{keyword}\"", "no `scimType` in the 400 body", LevelOf(KeywordOptional));
    }

    /// <summary>The level a keyword that names another mistake is graded at: Table 9's, but never above the check's own,
    /// since a refusal the text does not require cannot owe a particular keyword more than the refusal itself.</summary>
    public static RequirementLevel KeywordLevel()
    {
        var table9 = LevelOf(KeywordMatchesMistake);
        return CheckContext.Current?.Level is { } check && check > table9 ? check : table9;
    }

    /// <summary>Table 9: the keyword given fits the mistake (declarative).</summary>
    public const string KeywordMatchesMistake = "RFC7644-3.12-ERR-SCIMTYPE-MATCHES";

    /// <summary>§3.12: scimType is OPTIONAL.</summary>
    public const string KeywordOptional = "RFC7644-3.12-ERR-SCIMTYPE-OPTIONAL";

    private static RequirementLevel LevelOf(string requirementId) => RequirementRegistry.Find(requirementId)!.GradedLevel;
}
