using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Discovery;

/// <summary>The ListResponse shape that /Schemas and /ResourceTypes share (RFC 7644 §3.4.2).</summary>
internal static class DiscoveryLists
{
    public static JsonArray ExpectListResponse(Expectations expect, ScimResponse response, string what)
    {
        if (response.Json is not JsonObject body)
            throw expect.Violation($"{what} did not return a ListResponse object", "a JSON object with the ListResponse schema",
                response.Json is JsonArray ? "a bare JSON array" : response.JsonError ?? ScimJson.Describe(response.Json));
        var schemas = body.StringArray("schemas");
        expect.That(schemas?.Contains(ScimUrns.ListResponse) == true, $"{what} does not declare the ListResponse schema",
            $"`schemas` containing \"{ScimUrns.ListResponse}\"", $"`schemas` is {ScimJson.Describe(body.Member("schemas"))}");
        var resources = body.Member("Resources");
        expect.That(resources is JsonArray, $"{what} has no `Resources` array", "`Resources`: an array", ScimJson.Describe(resources));
        var total = body.Member("totalResults");
        var count = ((JsonArray)resources!).Count;
        expect.That(total.IsInteger() && total!.GetValue<long>() == count,
            $"{what}: `totalResults` does not count the resources returned (the full set is returned on a discovery endpoint)",
            $"totalResults = {count}", $"totalResults is {ScimJson.Describe(total)}");
        return (JsonArray)resources;
    }
}
