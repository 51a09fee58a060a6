using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace Scim.Conformance.Tests.ReferenceServer;

/// <summary>The tolerated faults do what their descriptions say: one misdescribes the User type in discovery while
/// users are still served, the other is a business rule on Users only.</summary>
public sealed class AdaptationFaultTests : IDisposable
{
    private const string UserUrn = "urn:ietf:params:scim:schemas:core:2.0:User";
    private const string EnterpriseUrn = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    private const string GroupUrn = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private readonly HttpClient http = new();

    private static JsonObject User(string userName, string? email = null)
    {
        var user = new JsonObject { ["schemas"] = new JsonArray(UserUrn), ["userName"] = userName };
        if (email is not null)
            user["emails"] = new JsonArray(new JsonObject { ["value"] = email, ["type"] = "work" });
        return user;
    }

    [Fact]
    public async Task Users_require_an_email_unless_the_user_name_is_one_on_create_and_on_replace()
    {
        var (server, client) = await Servers.StartAsync(http, "secret", "users-require-email");
        await using (server)
        {
            var refused = (await client.PostAsync("/Users", User("plain-name"))).AssertScimError(HttpStatusCode.BadRequest, "invalidValue");
            Assert.Equal("emails required when userName is not an email address", refused.Json["detail"]!.GetValue<string>());
            (await client.PostAsync("/Users", User("ann@example.com"))).AssertStatus(HttpStatusCode.Created);
            var created = (await client.PostAsync("/Users", User("bob", "bob@example.com"))).AssertStatus(HttpStatusCode.Created);
            var id = created.Json["id"]!.GetValue<string>();
            (await client.PutAsync($"/Users/{id}", User("bob"))).AssertScimError(HttpStatusCode.BadRequest, "invalidValue");
            (await client.PutAsync($"/Users/{id}", User("bob", "bob2@example.com"))).AssertStatus(HttpStatusCode.OK);
            var group = new JsonObject { ["schemas"] = new JsonArray(GroupUrn), ["displayName"] = "no email needed" };
            (await client.PostAsync("/Groups", group)).AssertStatus(HttpStatusCode.Created);
        }
    }

    [Fact]
    public async Task The_user_type_names_the_extension_while_users_are_still_served_with_the_core_schema()
    {
        var (server, client) = await Servers.StartAsync(http, "secret", "user-type-names-extension-schema");
        await using (server)
        {
            var type = (await client.GetAsync("/ResourceTypes/User")).AssertStatus(HttpStatusCode.OK);
            Assert.Equal(EnterpriseUrn, type.Json["schema"]!.GetValue<string>());
            var created = (await client.PostAsync("/Users", User("carol"))).AssertStatus(HttpStatusCode.Created);
            Assert.Contains(UserUrn, created.Json["schemas"]!.AsArray().Select(s => s!.GetValue<string>()));
        }
    }

    public void Dispose() => http.Dispose();
}
