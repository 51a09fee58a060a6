using System.Net;
using System.Text.Json.Nodes;

namespace Scim.Conformance.Tests.ReferenceServer;

/// <summary>
/// The data the query tests run over, created in this order so that creation order is known: four users whose
/// userNames differ in case (q-alice, q-Bob, q-carol, q-Zed) and two groups. Which attribute each has is chosen so
/// that every operator, sort rule and paging rule has a result that only the correct behaviour gives:
/// <list type="bullet">
/// <item>q-alice: title Zeta, userType Employee, active true, externalId Ext-A, familyName Alpha, a work email
/// alice@example.com and a primary home email zalice@home.org, employeeNumber 701 (Enterprise extension).</item>
/// <item>q-Bob: userType Intern, active false, familyName beta, one primary work email bob@example.com.</item>
/// <item>q-carol: title Tour Guide, familyName Gamma, one home email carol@example.org (not primary).</item>
/// <item>q-Zed: title alpha, userType Employee; no name, no email.</item>
/// <item>Group "Tour Guides" with members q-alice and q-Bob; group "Nobody" without members.</item>
/// </list>
/// </summary>
public static class QueryData
{
    public const string UserUrn = "urn:ietf:params:scim:schemas:core:2.0:User";
    public const string GroupUrn = "urn:ietf:params:scim:schemas:core:2.0:Group";
    public const string EnterpriseUrn = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    public const string SearchRequestUrn = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";

    /// <summary>The users in creation order.</summary>
    public static readonly string[] UserNames = ["q-alice", "q-Bob", "q-carol", "q-Zed"];

    /// <summary>Creates the users and groups; returns every id by userName or displayName.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> SeedAsync(ScimTestClient client)
    {
        var ids = new Dictionary<string, string>();
        async Task Create(string path, string name, string json)
        {
            var reply = await client.PostAsync(path, json);
            if (reply.Status != HttpStatusCode.Created)
                throw new InvalidOperationException($"seeding {name} failed: {reply.StatusCode} {reply.Text}");
            ids[name] = reply.Json["id"]!.GetValue<string>();
        }

        await Create("/Users", "q-alice", $$"""
            {"schemas":["{{UserUrn}}","{{EnterpriseUrn}}"],"userName":"q-alice","title":"Zeta","userType":"Employee","active":true,
             "externalId":"Ext-A","name":{"familyName":"Alpha","givenName":"Alice"},
             "emails":[{"value":"alice@example.com","type":"work"},{"value":"zalice@home.org","type":"home","primary":true}],
             "{{EnterpriseUrn}}":{"employeeNumber":"701"} }
            """);
        await Create("/Users", "q-Bob", $$"""
            {"schemas":["{{UserUrn}}"],"userName":"q-Bob","userType":"Intern","active":false,"name":{"familyName":"beta"},
             "emails":[{"value":"bob@example.com","type":"work","primary":true}]}
            """);
        await Create("/Users", "q-carol", $$"""
            {"schemas":["{{UserUrn}}"],"userName":"q-carol","title":"Tour Guide","name":{"familyName":"Gamma"},
             "emails":[{"value":"carol@example.org","type":"home"}]}
            """);
        await Create("/Users", "q-Zed", $$"""{"schemas":["{{UserUrn}}"],"userName":"q-Zed","title":"alpha","userType":"Employee"}""");
        await Create("/Groups", "Tour Guides", $$"""
            {"schemas":["{{GroupUrn}}"],"displayName":"Tour Guides","members":[{"value":"{{ids["q-alice"]}}"},{"value":"{{ids["q-Bob"]}}"}]}
            """);
        await Create("/Groups", "Nobody", $$"""{"schemas":["{{GroupUrn}}"],"displayName":"Nobody"}""");
        return ids;
    }

    /// <summary>A query string with the filter URL-encoded, then the other parameters as given.</summary>
    public static string Filter(string filter, string? more = null) =>
        "?filter=" + Uri.EscapeDataString(filter) + (more is null ? "" : "&" + more);

    /// <summary>The userName of each resource of a list, in order.</summary>
    public static string[] Names(ScimReply reply) => [.. reply.Resources.Select(resource => resource["userName"]!.GetValue<string>())];

    /// <summary>The displayName (groups) or userName (users) of each resource of a list, in order.</summary>
    public static string[] Labels(ScimReply reply) =>
        [.. reply.Resources.Select(resource => (resource["userName"] ?? resource["displayName"])!.GetValue<string>())];

    public static JsonObject SearchRequest(params (string Name, JsonNode? Value)[] members)
    {
        var body = new JsonObject { ["schemas"] = new JsonArray(SearchRequestUrn) };
        foreach (var (name, value) in members)
            body[name] = value;
        return body;
    }
}

/// <summary>A server of its own holding exactly the <see cref="QueryData"/>, which its tests only read.</summary>
public sealed class QueryServerFixture : ServerFixture
{
    public IReadOnlyDictionary<string, string> Ids { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Ids = await QueryData.SeedAsync(Client);
    }
}

/// <summary>A clock that stands still until a test moves it, for cursor expiry without waiting.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);
}
