using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Search;

/// <summary>What the /.search checks share. No ServiceProviderConfig flag says whether POST {endpoint}/.search is
/// served (RFC 7644 §3.4.3 makes it a MAY), so search.supported records it, and every other search check first makes
/// the same probe and is Skipped, naming search.supported, when the endpoint is not served. Checks that need data
/// create their own users and confine every search to them with the cohort's filter.</summary>
public abstract class SearchCheck : ScimCheck
{
    protected Task<JsonObject> UserTypeAsync() => ResourceTypeAsync(ScimUrns.User);

    protected static string SearchPath(JsonObject resourceType) => $"{ResourceFactory.EndpointOf(resourceType).TrimStart('/')}/.search";

    /// <summary>POST {endpoint}/.search with the body as it is.</summary>
    protected Task<ScimResponse> SearchAsync(JsonObject resourceType, JsonObject body) => Scim.PostAsync(SearchPath(resourceType), body);

    /// <summary>A SearchRequest message: its schema URN plus the given members.</summary>
    protected static JsonObject SearchRequest(params (string Name, JsonNode? Value)[] members)
    {
        var body = new JsonObject { ["schemas"] = new JsonArray(ScimUrns.SearchRequest) };
        foreach (var (name, value) in members)
            body[name] = value;
        return body;
    }

    /// <summary>The probe search.supported judges: a SearchRequest for one resource, without a filter (so it needs no
    /// filtering support and creates nothing).</summary>
    protected Task<ScimResponse> ProbeAsync(JsonObject resourceType) => SearchAsync(resourceType, SearchRequest(("count", 1)));

    /// <summary>Served means 200 with a JSON object; whether that object is the right ListResponse is for the checks.</summary>
    protected static bool Served(ScimResponse response) => response.Status == 200 && response.JsonObject is not null;

    /// <summary>Makes the check Skipped, naming search.supported, when POST {endpoint}/.search is not served.</summary>
    protected async Task RequireSearchAsync(JsonObject resourceType)
    {
        var probe = await ProbeAsync(resourceType);
        if (!Served(probe))
            throw new PrerequisiteException($"POST /{SearchPath(resourceType)} is not served ({probe.Summary}): see search.supported");
    }

    /// <summary>The check's own users, with nothing set but their userName unless <paramref name="adjust"/> says.</summary>
    protected Task<Cohort> CreateCohortAsync(JsonObject userType, string[] tails, Action<JsonObject>? adjust = null) =>
        Resources.CreateUserCohortAsync(userType, tails.Select(t => (t, adjust)).ToArray());
}
