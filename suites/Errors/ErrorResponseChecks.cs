using System.Text.Json.Nodes;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Errors;

/// <summary>RFC 7644 §3.12 (and §3.2): what an error response looks like. Each check provokes the same handful of
/// client mistakes against an endpoint the server advertises (see <see cref="ErrorProbes"/>) and judges one facet of
/// every error that comes back, so a reader sees each rule broken separately.</summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class ErrorResponseChecks : ScimCheck
{
    [Check("errors.body", "Errors carry a JSON error body",
        References = ["RFC7644 §3.12"], Rows = ["RFC7644-3.12-ERR-BODY"], Tags = ["errors"],
        Requirement = "Besides the HTTP status, every error (an unknown id or endpoint, an unparsable body or filter) is returned with a JSON object body describing it.")]
    public async Task Body()
    {
        var errors = ErrorProbes.Errors(await ProvokeAsync());
        if (errors.Count == 0)
            throw new PrerequisiteException("none of the requests meant to provoke an error was answered with an error status (see errors.not-200)");
        var problems = errors.Select(ErrorBodies.BodyProblem).OfType<string>().ToList();
        Expect.NoProblems(problems, "an error was returned without a JSON error body",
            "a JSON object body with the error, for every error status");
    }

    [Check("errors.schema", "Error bodies declare the Error message schema",
        References = ["RFC7644 §3.12", "RFC7644 §3.1"], Rows = ["RFC7644-3.12-ERR-SCHEMA", "RFC7644-3.1-MSG-URN-PREFIX"], Tags = ["errors"],
        Requirement = $"An error body's `schemas` contains {ScimUrns.Error}, spelled exactly: a protocol message is identified by its urn:ietf:params:scim:api: URN.")]
    public Task Schema() => JudgeBodiesAsync(ErrorBodies.SchemaProblem,
        "an error body does not declare the Error message schema", $"`schemas` containing \"{ScimUrns.Error}\"");

    [Check("errors.status-string", "The error status is a JSON string",
        References = ["RFC7644 §3.12"], Rows = ["RFC7644-3.12-ERR-STATUS-STRING"], Tags = ["errors"],
        Requirement = "`status` is REQUIRED in an error body and is the HTTP status code written as a JSON string (\"404\"), not a number.")]
    public Task StatusString() => JudgeBodiesAsync(ErrorBodies.StatusStringProblem,
        "an error body lacks `status` or gives it as something other than a JSON string", "a top-level `status` such as \"404\" (a string)");

    [Check("errors.status-matches", "The error status repeats the HTTP status",
        References = ["RFC7644 §3.12", "RFC7644 §3.2"], Rows = ["RFC7644-3.12-ERR-STATUS-MATCH"], Tags = ["errors"],
        Requirement = "The `status` in an error body is the HTTP status code of the response that carries it.")]
    public Task StatusMatches() => JudgeBodiesAsync(ErrorBodies.StatusMatchProblem,
        "an error body's `status` disagrees with the HTTP status", "`status` equal to the response's HTTP status code");

    [Check("errors.top-level", "Error members sit at the top level of the body",
        References = ["RFC7644 §3.12"], Rows = ["RFC7644-3.12-ERR-TOPLEVEL"], Tags = ["errors"],
        Requirement = "`status`, `scimType` and `detail` are members of the error body itself, not of an object wrapped inside it (such as {\"error\": {...}}).")]
    public Task TopLevel() => JudgeBodiesAsync(ErrorBodies.TopLevelProblem,
        "an error body does not hold the error members at its top level", "`status` (and `scimType`, `detail` when given) as top-level members");

    [Check("errors.scim-type-vocabulary", "scimType uses the keywords of RFC 7644 Table 9",
        References = ["RFC7644 §3.12"], Rows = ["RFC7644-3.12-ERR-SCIMTYPE-VOCAB", "RFC7644-3.12-ERR-SCIMTYPE-NON-400"], Tags = ["errors"],
        Requirement = "When an error body has a `scimType`, it is one of the keywords of Table 9 (invalidFilter, tooMany, uniqueness, mutability, invalidSyntax, invalidPath, noTarget, invalidValue, invalidVers, sensitive) with the same letter case.")]
    public async Task ScimTypeVocabulary()
    {
        // Table 9 defines its keywords for 400 responses: a 400 is judged at the vocabulary's level; whether a 404 or 409
        // may carry a scimType, and which, the text leaves open, so a word outside Table 9 there is only recorded.
        var bodies = ErrorProbes.ErrorBodiesOrSkip(await ProvokeAsync());
        var expected = $"`scimType` absent or one of {ScimJson.List(ErrorBodies.ScimTypes)}";
        var on400 = bodies.Where(b => b.Response.Status == 400).Select(b => ErrorBodies.ScimTypeProblem(b.Response, b.Body)).OfType<string>().ToList();
        Expect.NoProblems(on400, "a 400 error body has a `scimType` that is not one of the defined keywords",
            $"{expected}, in each of the {bodies.Count(b => b.Response.Status == 400)} 400 error bodies");
        var elsewhere = bodies.Where(b => b.Response.Status != 400).Select(b => ErrorBodies.ScimTypeProblem(b.Response, b.Body)).OfType<string>().ToList();
        Expect.NoProblems(elsewhere, "an error body other than a 400 has a `scimType` outside Table 9, whose keywords are defined for 400 only",
            $"{expected} (Table 9 defines them for 400; other statuses are left open)", LevelOf("RFC7644-3.12-ERR-SCIMTYPE-NON-400"));
    }

    [Check("errors.detail-string", "The error detail is a human-readable string",
        References = ["RFC7644 §3.12"], Rows = ["RFC7644-3.12-ERR-DETAIL-B", "RFC7644-3.12-ERR-DETAIL"], Tags = ["errors"],
        Requirement = "`detail` is optional; when an error body has one, it is a JSON string meant for people, not an object or an array.")]
    public Task DetailString() => JudgeBodiesAsync(ErrorBodies.DetailProblem,
        "an error body has a `detail` that is not a string", "`detail` absent or a JSON string");

    [Check("errors.not-200", "Errors are reported with an error status, not 200",
        References = ["RFC7644 §3.2", "RFC7644 §3.12"], Rows = ["RFC7644-3.2-ERR-IN-STATUS"], Tags = ["errors", "http-status"],
        Requirement = "An error is transmitted in the HTTP status code of the response as well as in its body: no error body arrives with a 2xx (or 3xx) status.")]
    public async Task Not200()
    {
        var provoked = await ProvokeAsync();
        var disguised = provoked.Where(p => !ErrorBodies.IsError(p.Response) && ErrorBodies.LooksLikeError(p.Response))
            .Select(p => $"{p.What}: {p.Response.Summary} with the error body {ScimJson.Abbreviate(p.Response.Body, 120)}").ToList();
        Expect.NoProblems(disguised, "an error was reported in the body only, under a success status",
            "the error's own HTTP status (e.g. 404 for an unknown id) on every error response");
    }

    private async Task<IReadOnlyList<ProvokedError>> ProvokeAsync() =>
        await ErrorProbes.ProvokeAsync(Scim, Ledger, Target.Prefix, await ProbeTypeAsync());

    private async Task JudgeBodiesAsync(Func<ScimResponse, JsonObject, string?> judge, string reason, string expected)
    {
        var bodies = ErrorProbes.ErrorBodiesOrSkip(await ProvokeAsync());
        var problems = bodies.Select(b => judge(b.Response, b.Body)).OfType<string>().ToList();
        Expect.NoProblems(problems, reason, $"{expected}, in each of the {bodies.Count} error bodies");
    }

    private async Task<JsonObject> ProbeTypeAsync() => ProbeRequests.ProbeType(await DiscoveryAsync());
}
