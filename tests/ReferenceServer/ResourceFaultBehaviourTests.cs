using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace Scim.Conformance.Tests.ReferenceServer;

/// <summary>
/// Targeted proof that the resource, error and media faults do what their descriptions say (and only that), for the
/// faults whose behaviour has more to it than one flipped value.
/// </summary>
public class ResourceFaultBehaviourTests : IDisposable
{
    private const string UserUrn = "urn:ietf:params:scim:schemas:core:2.0:User";
    private const string GroupUrn = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private readonly HttpClient http = new();

    [Fact]
    public async Task Error_faults_reshape_every_error_body_together()
    {
        var (host, client) = await Servers.StartAsync(http, null, "error-status-as-number", "error-wrapped", "scim-type-capitalised", "detail-as-object");
        await using (host)
        {
            var reply = await client.PostAsync("/Users", """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"]}""");

            Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
            var error = reply.Json["error"]!;
            Assert.Equal((JsonValueKind.Number, 400), (error["status"]!.GetValueKind(), error["status"]!.GetValue<int>()));
            Assert.Equal("InvalidValue", error["scimType"]!.GetValue<string>());
            Assert.Equal(JsonValueKind.String, error["detail"]!["message"]!.GetValueKind());
        }
    }

    [Fact]
    public async Task Not_found_faults_change_only_404s()
    {
        var (host, client) = await Servers.StartAsync(http, null, "errors-as-200", "error-status-mismatch");
        await using (host)
        {
            var missing = await client.GetAsync("/Users/no-such-id");
            var refused = await client.PostAsync("/Users", "{}");

            Assert.Equal((HttpStatusCode.OK, "400"), (missing.Status, missing.Json["status"]!.GetValue<string>()));
            Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        }
        var (bodiless, bodilessClient) = await Servers.StartAsync(http, null, "errors-without-body");
        await using (bodiless)
        {
            var missing = await bodilessClient.GetAsync("/Users/no-such-id");
            Assert.Equal((HttpStatusCode.NotFound, ""), (missing.Status, missing.Text));
            (await bodilessClient.PostAsync("/Users", "{}")).AssertScimError(HttpStatusCode.BadRequest, "invalidValue");
        }
    }

    [Fact]
    public async Task Authentication_faults_weaken_the_check_each_in_its_own_way()
    {
        var (host, client) = await Servers.StartAsync(http, "secret", "auth-accepts-any-token", "no-www-authenticate", "401-without-scim-body");
        await using (host)
        {
            (await client.WithToken("anything").GetAsync("/Users")).AssertStatus(HttpStatusCode.OK);
            var anonymous = await client.WithToken(null).GetAsync("/Users");
            Assert.Equal((HttpStatusCode.Unauthorized, "", null), (anonymous.Status, anonymous.Text, anonymous.Header("WWW-Authenticate")));
        }
        var (optional, optionalClient) = await Servers.StartAsync(http, "secret", "auth-optional");
        await using (optional)
        {
            (await optionalClient.WithToken(null).GetAsync("/Users")).AssertStatus(HttpStatusCode.OK);
            (await optionalClient.WithToken("wrong").GetAsync("/Users")).AssertScimError(HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task Media_faults_refuse_one_media_type_and_keep_the_other()
    {
        var (host, client) = await Servers.StartAsync(http, null, "rejects-scim-accept", "rejects-scim-content-type", "responds-application-json");
        await using (host)
        {
            (await client.SendAsync(HttpMethod.Get, "/Users", accept: "application/scim+json")).AssertStatus(HttpStatusCode.NotAcceptable);
            var plain = (await client.SendAsync(HttpMethod.Get, "/Users", accept: "application/json, application/scim+json")).AssertStatus(HttpStatusCode.OK);
            Assert.Equal("application/json; charset=utf-8", plain.ContentType);
            (await client.PostAsync("/Users", User("scim"))).AssertStatus(HttpStatusCode.UnsupportedMediaType);
            (await client.SendAsync(HttpMethod.Post, "/Users", User("json").ToJsonString(), "application/json")).AssertStatus(HttpStatusCode.Created);
        }
    }

    [Fact]
    public async Task Sequential_ids_repeat_across_types_and_derived_ids_come_back_after_a_delete()
    {
        var (sequential, sequentialClient) = await Servers.StartAsync(http, null, "sequential-ids-per-type");
        await using (sequential)
        {
            var user = (await sequentialClient.PostAsync("/Users", User("first"))).Json;
            var group = (await sequentialClient.PostAsync("/Groups", Group("first"))).Json;
            Assert.Equal(("1", "1"), (user["id"]!.GetValue<string>(), group["id"]!.GetValue<string>()));
        }
        var (derived, derivedClient) = await Servers.StartAsync(http, null, "ids-reused");
        await using (derived)
        {
            var first = (await derivedClient.PostAsync("/Users", User("again"))).Json["id"]!.GetValue<string>();
            (await derivedClient.DeleteAsync("/Users/" + first)).AssertStatus(HttpStatusCode.NoContent);
            var second = (await derivedClient.PostAsync("/Users", User("AGAIN"))).Json["id"]!.GetValue<string>();
            Assert.Equal(first, second);
            // Two groups with one displayName cannot share an id: the second falls back to a fresh one.
            var groups = new[] { (await derivedClient.PostAsync("/Groups", Group("same"))).Json, (await derivedClient.PostAsync("/Groups", Group("same"))).Json };
            Assert.NotEqual(groups[0]["id"]!.GetValue<string>(), groups[1]["id"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Client_chosen_ids_are_used_only_while_free()
    {
        var (host, client) = await Servers.StartAsync(http, null, "client-chosen-id");
        await using (host)
        {
            var first = (await client.PostAsync("/Users", User("chooser", new JsonObject { ["id"] = "mine" }))).Json;
            var second = (await client.PostAsync("/Groups", Group("chooser", new JsonObject { ["id"] = "mine" }))).Json;

            Assert.Equal("mine", first["id"]!.GetValue<string>());
            Assert.NotEqual("mine", second["id"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Delete_faults_keep_a_deleted_resource_visible_in_one_place_each()
    {
        var (host, client) = await Servers.StartAsync(http, null, "soft-delete-visible", "deleted-names-reserved");
        await using (host)
        {
            var user = (await client.PostAsync("/Users", User("ghost"))).Json;
            var path = "/Users/" + user["id"]!.GetValue<string>();
            (await client.DeleteAsync(path)).AssertStatus(HttpStatusCode.NoContent);

            (await client.GetAsync(path)).AssertStatus(HttpStatusCode.OK);
            Assert.Equal(0, (await client.GetAsync("/Users")).Json["totalResults"]!.GetValue<int>());
            (await client.DeleteAsync(path)).AssertScimError(HttpStatusCode.NotFound);
            (await client.PostAsync("/Users", User("GHOST"))).AssertScimError(HttpStatusCode.Conflict, "uniqueness");
        }
        var (listed, listedClient) = await Servers.StartAsync(http, null, "deleted-still-listed");
        await using (listed)
        {
            var user = (await listedClient.PostAsync("/Users", User("listed"))).Json;
            (await listedClient.DeleteAsync("/Users/" + user["id"]!.GetValue<string>())).AssertStatus(HttpStatusCode.NoContent);

            Assert.Equal(1, (await listedClient.GetAsync("/Users")).Json["totalResults"]!.GetValue<int>());
            (await listedClient.GetAsync("/Users/" + user["id"]!.GetValue<string>())).AssertScimError(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task Replace_faults_merge_keep_or_move_what_a_put_should_replace()
    {
        var (host, client) = await Servers.StartAsync(http, null, "put-merges", "null-ignored-on-put", "put-takes-body-id");
        await using (host)
        {
            var user = (await client.PostAsync("/Users", User("merged", new JsonObject
            {
                ["nickName"] = "Babs",
                ["emails"] = new JsonArray(new JsonObject { ["value"] = "old@example.com" }),
            }))).Json;

            var replaced = (await client.PutAsync("/Users/" + user["id"]!.GetValue<string>(), User("merged", new JsonObject
            {
                ["id"] = "moved",
                ["nickName"] = null,
                ["emails"] = new JsonArray(new JsonObject { ["value"] = "new@example.com" }),
            }))).AssertStatus(HttpStatusCode.OK).Json;

            Assert.Equal(["old@example.com", "new@example.com"], replaced["emails"]!.AsArray().Select(email => email!["value"]!.GetValue<string>()));
            Assert.Equal("Babs", replaced["nickName"]!.GetValue<string>());
            Assert.Equal("moved", replaced["id"]!.GetValue<string>());
            Assert.EndsWith("/Users/moved", replaced["meta"]!["location"]!.GetValue<string>());
            (await client.GetAsync("/Users/" + user["id"]!.GetValue<string>())).AssertScimError(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task Put_creates_makes_a_resource_with_the_urls_id()
    {
        var (host, client) = await Servers.StartAsync(http, null, "put-creates");
        await using (host)
        {
            var created = (await client.PutAsync("/Users/made-by-put", User("phantom"))).AssertStatus(HttpStatusCode.Created);

            Assert.Equal("made-by-put", created.Json["id"]!.GetValue<string>());
            (await client.GetAsync("/Users/made-by-put")).AssertStatus(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task Membership_faults_write_groups_from_a_user_and_keep_old_members()
    {
        var (host, client) = await Servers.StartAsync(http, null, "create-writes-groups", "put-keeps-members");
        await using (host)
        {
            var group = (await client.PostAsync("/Groups", Group("joined"))).Json;
            var groupId = group["id"]!.GetValue<string>();
            var first = (await client.PostAsync("/Users", User("joiner", new JsonObject { ["groups"] = new JsonArray(new JsonObject { ["value"] = groupId }) }))).Json;
            var second = (await client.PostAsync("/Users", User("second"))).Json;

            var replaced = (await client.PutAsync("/Groups/" + groupId, Group("joined", new JsonObject
            {
                ["members"] = new JsonArray(new JsonObject { ["value"] = second["id"]!.GetValue<string>() }),
            }))).AssertStatus(HttpStatusCode.OK).Json;

            Assert.Equal([first["id"]!.GetValue<string>(), second["id"]!.GetValue<string>()],
                replaced["members"]!.AsArray().Select(member => member!["value"]!.GetValue<string>()));
        }
    }

    [Fact]
    public async Task Echo_without_storing_answers_everything_and_keeps_only_what_is_required()
    {
        var (host, client) = await Servers.StartAsync(http, null, "echo-without-storing");
        await using (host)
        {
            var created = (await client.PostAsync("/Users", User("echo", new JsonObject { ["displayName"] = "Echo", ["externalId"] = "e-1" }))).Json;
            var fetched = (await client.GetAsync("/Users/" + created["id"]!.GetValue<string>())).Json;

            Assert.Equal(("Echo", "e-1"), (created["displayName"]!.GetValue<string>(), created["externalId"]!.GetValue<string>()));
            Assert.Equal(["schemas", "id", "userName", "meta"], fetched.Select(member => member.Key));
        }
    }

    [Fact]
    public async Task Served_schema_faults_change_what_the_server_does_while_schemas_stays_correct()
    {
        var (host, client) = await Servers.StartAsync(http, null, "default-set-incomplete", "password-returned-when-requested", "members-not-returned");
        await using (host)
        {
            var user = (await client.PostAsync("/Users", User("returned", new JsonObject
            {
                ["password"] = "t1meMachine",
                ["emails"] = new JsonArray(new JsonObject { ["value"] = "e@example.com" }),
            }))).Json;
            var path = "/Users/" + user["id"]!.GetValue<string>();
            var group = (await client.PostAsync("/Groups", Group("returned", new JsonObject
            {
                ["members"] = new JsonArray(new JsonObject { ["value"] = user["id"]!.GetValue<string>() }),
            }))).Json;

            Assert.Null(user["emails"]);
            Assert.NotNull((await client.GetAsync(path + "?attributes=emails")).Json["emails"]);
            Assert.Equal("t1meMachine", (await client.GetAsync(path + "?attributes=password")).Json["password"]!.GetValue<string>());
            Assert.Null(group["members"]);
            Assert.NotNull((await client.GetAsync($"/Groups/{group["id"]}?attributes=members")).Json["members"]);
            var emails = (await client.GetAsync("/Schemas/" + UserUrn)).Json["attributes"]!.AsArray().Single(attribute => attribute!["name"]!.GetValue<string>() == "emails")!;
            Assert.Equal("default", emails["returned"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Selection_faults_break_one_rule_of_attributes_each()
    {
        var (host, client) = await Servers.StartAsync(http, null, "parent-selection-drops-sub-attributes", "attributes-first-only", "excluded-removes-id");
        await using (host)
        {
            var user = (await client.PostAsync("/Users", User("selected", new JsonObject
            {
                ["name"] = new JsonObject { ["familyName"] = "Jensen", ["givenName"] = "Barbara" },
                ["emails"] = new JsonArray(new JsonObject { ["value"] = "e@example.com" }),
            }))).Json;
            var path = "/Users/" + user["id"]!.GetValue<string>();

            Assert.Equal("""{"familyName":"Jensen"}""", (await client.GetAsync(path + "?attributes=name")).Json["name"]!.ToJsonString());
            Assert.Null((await client.GetAsync(path + "?attributes=userName,emails")).Json["emails"]);
            Assert.Null((await client.GetAsync(path + "?excludedAttributes=id")).Json["id"]);
        }
    }

    [Fact]
    public async Task Meta_faults_break_dates_and_tags_in_the_representation_and_the_headers()
    {
        var (host, client) = await Servers.StartAsync(http, null, "last-modified-differs", "weak-etag-lowercase", "content-location-wrong");
        await using (host)
        {
            var created = await client.PostAsync("/Users", User("dated"));
            var meta = created.Json["meta"]!;
            var read = await client.GetAsync("/Users/" + created.Json["id"]!.GetValue<string>());

            Assert.Equal(
                DateTimeOffset.Parse(meta["created"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).AddSeconds(1),
                DateTimeOffset.Parse(meta["lastModified"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
            Assert.StartsWith("w/\"", meta["version"]!.GetValue<string>());
            Assert.Equal(meta["version"]!.GetValue<string>(), created.Header("ETag"));
            Assert.NotEqual(meta["location"]!.GetValue<string>(), read.Header("Content-Location"));
        }
    }

    public void Dispose()
    {
        http.Dispose();
        GC.SuppressFinalize(this);
    }

    private static JsonObject User(string userName, JsonObject? more = null) => With(new JsonObject { ["schemas"] = new JsonArray(UserUrn), ["userName"] = userName }, more);

    private static JsonObject Group(string displayName, JsonObject? more = null) => With(new JsonObject { ["schemas"] = new JsonArray(GroupUrn), ["displayName"] = displayName }, more);

    private static JsonObject With(JsonObject body, JsonObject? more)
    {
        foreach (var (name, value) in more ?? [])
            body[name] = value?.DeepClone();
        return body;
    }
}
