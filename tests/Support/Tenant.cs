using System.Text.Json.Nodes;
using Scim.Conformance.Tests.ReferenceServer;
using Xunit;

namespace Scim.Conformance.Tests.Support;

/// <summary>What a reference server holds, read directly (not through the suite's own sweep, which is under test):
/// the naming value of every User, Group, Agent and AgenticApplication.</summary>
public static class Tenant
{
    public static readonly (string Endpoint, string NamingAttribute)[] Types =
        [("Users", "userName"), ("Groups", "displayName"), ("Agents", "name"), ("AgenticApplications", "name")];

    public static async Task<IReadOnlyList<string>> NamesAsync(ScimTestClient client)
    {
        var names = new List<string>();
        foreach (var (endpoint, attribute) in Types)
        {
            var reply = await client.GetAsync($"/{endpoint}?count=1000");
            reply.AssertStatus(System.Net.HttpStatusCode.OK);
            names.AddRange(reply.Json["Resources"] is JsonArray resources
                ? resources.OfType<JsonObject>().Select(r => $"{endpoint}:{r[attribute]?.GetValue<string>()}")
                : []);
        }
        return names;
    }

    /// <summary>Creates a resource of the endpoint's type named <paramref name="name"/>.</summary>
    public static async Task CreateAsync(ScimTestClient client, string endpoint, string name)
    {
        var (schema, attribute) = endpoint switch
        {
            "Users" => ("urn:ietf:params:scim:schemas:core:2.0:User", "userName"),
            "Groups" => ("urn:ietf:params:scim:schemas:core:2.0:Group", "displayName"),
            "Agents" => ("urn:ietf:params:scim:schemas:core:2.0:Agent", "name"),
            _ => ("urn:ietf:params:scim:schemas:core:2.0:AgenticApplication", "name"),
        };
        var reply = await client.PostAsync($"/{endpoint}", new JsonObject { ["schemas"] = new JsonArray(schema), [attribute] = name });
        Assert.True(reply.StatusCode == 201, $"seeding {endpoint} {name}: {reply.StatusCode} {reply.Text}");
    }
}
