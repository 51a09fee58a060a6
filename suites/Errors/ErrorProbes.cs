using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Errors;

/// <summary>One request made to provoke an error, what it does in words, and the status RFC 7644 §3.12 suggests.</summary>
internal sealed record ProvokedError(string What, int ExpectedStatus, ScimResponse Response);

/// <summary>The client mistakes every server can be asked to report, against an endpoint it advertises: an unknown
/// id, an unknown endpoint, a body that is not JSON, an unparsable filter, a DELETE of an unknown id. Safe on a real
/// tenant: the unknown names carry the run prefix, so they exist nowhere, and the malformed POST cannot create
/// anything (it is recorded in the ledger all the same, so even a server that did create something is cleaned).</summary>
internal static class ErrorProbes
{
    /// <summary>A truncated JSON document: no parser can read it.</summary>
    public const string MalformedJson = "{\"schemas\":";

    public static async Task<IReadOnlyList<ProvokedError>> ProvokeAsync(ScimClient scim, ResourceLedger ledger, RunPrefix prefix, JsonObject resourceType)
    {
        var endpoint = ProbeRequests.EndpointPath(resourceType);
        var missingId = Uri.EscapeDataString(prefix.Name("missing"));
        var provoked = new List<ProvokedError>
        {
            new("GET of an unknown id", 404, await scim.GetAsync($"{endpoint}/{missingId}")),
            new("GET of an unknown endpoint", 404, await scim.GetAsync(prefix.Name("NoSuchEndpoint"))),
            new("POST of a body that is not valid JSON", 400, await PostMalformedAsync(scim, ledger, endpoint)),
            new("GET with an unparsable filter", 400, await scim.GetAsync($"{endpoint}?filter={Uri.EscapeDataString("id eq")}&count=1")),
            new("DELETE of an unknown id", 404, await scim.DeleteAsync($"{endpoint}/{missingId}")),
        };
        return provoked;
    }

    public static async Task<ScimResponse> PostMalformedAsync(ScimClient scim, ResourceLedger ledger, string endpoint)
    {
        var response = await scim.SendAsync(HttpMethod.Post, endpoint, rawBody: MalformedJson);
        ledger.Track(response, "/" + endpoint);
        return response;
    }

    /// <summary>The provoked requests that the server did answer with an error status.</summary>
    public static IReadOnlyList<ScimResponse> Errors(IEnumerable<ProvokedError> provoked) =>
        provoked.Select(p => p.Response).Where(ErrorBodies.IsError).ToList();

    /// <summary>The error responses with a JSON object body, or Skipped when there is none to judge.</summary>
    public static IReadOnlyList<(ScimResponse Response, JsonObject Body)> ErrorBodiesOrSkip(IEnumerable<ProvokedError> provoked)
    {
        var list = provoked.ToList();
        var errors = Errors(list);
        if (errors.Count == 0)
            throw new PrerequisiteException($"none of the requests meant to provoke an error was answered with an error status ({ScimJson.List(list.Select(p => p.Response.Summary))})");
        var withBody = errors.Where(e => e.JsonObject is not null).Select(e => (e, e.JsonObject!)).ToList();
        return withBody.Count > 0
            ? withBody
            : throw new PrerequisiteException($"no error response carried a JSON object body to judge (see errors.body): {ScimJson.List(errors.Select(e => e.Summary))}");
    }

    public static string Describe(IEnumerable<ScimResponse> responses) => ScimJson.List(responses.Select(r => r.Summary));
}
