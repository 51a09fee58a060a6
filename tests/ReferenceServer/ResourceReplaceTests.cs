using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace Scim.Conformance.Tests.ReferenceServer;

/// <summary>PUT on the correct server: replace semantics (RFC 7644 §3.5.1; RFC 7643 §2.5, §3.1).</summary>
public class ResourceReplaceTests(CorrectServerFixture server) : IClassFixture<CorrectServerFixture>
{
    private const string UserUrn = "urn:ietf:params:scim:schemas:core:2.0:User";
    private const string GroupUrn = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private const string EnterpriseUrn = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    [Fact]
    public async Task Sent_values_replace_the_stored_ones_and_omitted_ones_are_cleared()
    {
        var user = await CreateUser(new JsonObject
        {
            ["nickName"] = "Babs",
            ["title"] = "Tour Guide",
            ["emails"] = new JsonArray(Email("old@example.com", "work"), Email("other@example.com", "home")),
            ["phoneNumbers"] = new JsonArray(new JsonObject { ["value"] = "+1-555-0100" }),
            [EnterpriseUrn] = new JsonObject { ["employeeNumber"] = "701984" },
        });
        var path = PathOf(user);

        var replaced = (await server.Client.PutAsync(path, new JsonObject
        {
            ["schemas"] = new JsonArray(UserUrn),
            ["userName"] = user["userName"]!.GetValue<string>(),
            ["title"] = "Chief",
            ["emails"] = new JsonArray(Email("new@example.com", "work")),
        })).AssertStatus(HttpStatusCode.OK);

        var fetched = (await server.Client.GetAsync(path)).AssertStatus(HttpStatusCode.OK).Json;
        Assert.True(JsonNode.DeepEquals(replaced.Json, fetched), $"the PUT response differs from what is stored: {replaced.Text} / {fetched.ToJsonString()}");
        Assert.Equal("Chief", fetched["title"]!.GetValue<string>());
        Assert.Equal(["new@example.com"], fetched["emails"]!.AsArray().Select(email => email!["value"]!.GetValue<string>()));
        Assert.Null(fetched["nickName"]);
        Assert.Null(fetched["phoneNumbers"]);
        Assert.Null(fetched[EnterpriseUrn]);
        Assert.Equal([UserUrn], Schemas(fetched));
    }

    [Fact]
    public async Task Null_and_empty_arrays_clear_values()
    {
        var user = await CreateUser(new JsonObject
        {
            ["nickName"] = "Babs",
            ["phoneNumbers"] = new JsonArray(new JsonObject { ["value"] = "+1-555-0100" }),
        });

        var replaced = (await server.Client.PutAsync(PathOf(user), Body(user, new JsonObject { ["nickName"] = null, ["phoneNumbers"] = new JsonArray() })))
            .AssertStatus(HttpStatusCode.OK).Json;

        Assert.Null(replaced["nickName"]);
        Assert.Null(replaced["phoneNumbers"]);
    }

    [Fact]
    public async Task Meta_created_is_kept_while_last_modified_and_version_move_on()
    {
        var user = await CreateUser();
        await Task.Delay(20, TestContext.Current.CancellationToken);

        var reply = (await server.Client.PutAsync(PathOf(user), Body(user, new JsonObject
        {
            ["displayName"] = "Barbara",
            ["meta"] = new JsonObject { ["created"] = "2001-01-01T00:00:00Z", ["resourceType"] = "Group", ["location"] = "https://evil.example/x" },
        }))).AssertStatus(HttpStatusCode.OK);

        var before = user["meta"]!;
        var after = reply.Json["meta"]!;
        Assert.Equal(before["created"]!.GetValue<string>(), after["created"]!.GetValue<string>());
        Assert.Equal("User", after["resourceType"]!.GetValue<string>());
        Assert.Equal(before["location"]!.GetValue<string>(), after["location"]!.GetValue<string>());
        Assert.True(Time(after["lastModified"]) > Time(before["lastModified"]), "lastModified did not move on");
        Assert.NotEqual(before["version"]!.GetValue<string>(), after["version"]!.GetValue<string>());
        Assert.Equal(after["version"]!.GetValue<string>(), reply.Header("ETag"));
        Assert.Equal(after["location"]!.GetValue<string>(), reply.Header("Location"));
    }

    [Fact]
    public async Task The_url_id_is_authoritative_and_read_only_values_are_ignored()
    {
        var group = (await server.Client.PostAsync("/Groups", new JsonObject { ["schemas"] = new JsonArray(GroupUrn), ["displayName"] = Unique("readonly") }))
            .AssertStatus(HttpStatusCode.Created).Json;
        var user = await CreateUser();
        await AddMember(group, user);

        var replaced = (await server.Client.PutAsync(PathOf(user), Body(user, new JsonObject
        {
            ["id"] = "another-id",
            ["groups"] = new JsonArray(),
        }))).AssertStatus(HttpStatusCode.OK).Json;

        Assert.Equal(IdOf(user), IdOf(replaced));
        Assert.Equal(IdOf(group), replaced["groups"]!.AsArray().Single()!["value"]!.GetValue<string>());
        (await server.Client.GetAsync("/Users/another-id")).AssertScimError(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_password_left_out_is_kept_and_never_returned()
    {
        var user = await CreateUser(new JsonObject { ["password"] = "t1meMachine" });

        var replaced = await server.Client.PutAsync(PathOf(user), Body(user, new JsonObject { ["displayName"] = "Barbara" }));

        replaced.AssertStatus(HttpStatusCode.OK);
        Assert.DoesNotContain("t1meMachine", replaced.Text);
        Assert.DoesNotContain("password", replaced.Text);
    }

    [Fact]
    public async Task Missing_required_attributes_are_400_and_change_nothing()
    {
        var user = await CreateUser(new JsonObject { ["displayName"] = "Before" });

        var reply = await server.Client.PutAsync(PathOf(user), new JsonObject { ["schemas"] = new JsonArray(UserUrn), ["displayName"] = "After" });

        reply.AssertScimError(HttpStatusCode.BadRequest, "invalidValue");
        Assert.True(JsonNode.DeepEquals(user, (await server.Client.GetAsync(PathOf(user))).Json), "a refused PUT changed the resource");
    }

    [Fact]
    public async Task Taking_another_resources_unique_value_is_409_uniqueness()
    {
        var first = await CreateUser();
        var second = await CreateUser();

        var reply = await server.Client.PutAsync(PathOf(second), Body(second, new JsonObject { ["userName"] = first["userName"]!.GetValue<string>().ToUpperInvariant() }));

        reply.AssertScimError(HttpStatusCode.Conflict, "uniqueness");
        // Its own value, in another case, is no collision.
        (await server.Client.PutAsync(PathOf(first), Body(first, new JsonObject { ["userName"] = first["userName"]!.GetValue<string>().ToUpperInvariant() })))
            .AssertStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_unknown_id_is_404_and_nothing_is_created()
    {
        var userName = Unique("phantom");

        (await server.Client.PutAsync("/Users/no-such-user", new JsonObject { ["schemas"] = new JsonArray(UserUrn), ["userName"] = userName }))
            .AssertScimError(HttpStatusCode.NotFound);

        var users = (await server.Client.GetAsync("/Users?count=1000")).Resources;
        Assert.DoesNotContain(users, user => user["userName"]!.GetValue<string>() == userName);
    }

    [Fact]
    public async Task Bodies_are_judged_as_on_create()
    {
        var user = await CreateUser();

        (await server.Client.PutAsync(PathOf(user), Body(user, new JsonObject { ["active"] = "yes" }))).AssertScimError(HttpStatusCode.BadRequest, "invalidValue");
        (await server.Client.SendAsync(HttpMethod.Put, PathOf(user), "{\"schemas\":")).AssertScimError(HttpStatusCode.BadRequest, "invalidSyntax");
        (await server.Client.PutAsync(PathOf(user), new JsonObject { ["userName"] = "no-schemas" })).AssertScimError(HttpStatusCode.BadRequest, "invalidValue");
    }

    [Theory]
    [InlineData("application/scim+json")]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    public async Task Both_json_media_types_are_accepted(string contentType)
    {
        var user = await CreateUser();

        (await server.Client.SendAsync(HttpMethod.Put, PathOf(user), Body(user, new JsonObject { ["title"] = contentType }).ToJsonString(), contentType))
            .AssertStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_group_put_replaces_its_members()
    {
        var (first, second) = (await CreateUser(), await CreateUser());
        var group = (await server.Client.PostAsync("/Groups", new JsonObject
        {
            ["schemas"] = new JsonArray(GroupUrn),
            ["displayName"] = Unique("replaced"),
            ["members"] = new JsonArray(new JsonObject { ["value"] = IdOf(first) }),
        })).AssertStatus(HttpStatusCode.Created).Json;

        var replaced = (await server.Client.PutAsync(PathOf(group, "/Groups"), new JsonObject
        {
            ["schemas"] = new JsonArray(GroupUrn),
            ["displayName"] = group["displayName"]!.GetValue<string>(),
            ["members"] = new JsonArray(new JsonObject { ["value"] = IdOf(second) }),
        })).AssertStatus(HttpStatusCode.OK).Json;

        Assert.Equal([IdOf(second)], replaced["members"]!.AsArray().Select(member => member!["value"]!.GetValue<string>()));
        var emptied = (await server.Client.PutAsync(PathOf(group, "/Groups"), new JsonObject
        {
            ["schemas"] = new JsonArray(GroupUrn),
            ["displayName"] = group["displayName"]!.GetValue<string>(),
        })).AssertStatus(HttpStatusCode.OK).Json;
        Assert.Null(emptied["members"]);
    }

    private async Task AddMember(JsonObject group, JsonObject user)
    {
        (await server.Client.PutAsync(PathOf(group, "/Groups"), new JsonObject
        {
            ["schemas"] = new JsonArray(GroupUrn),
            ["displayName"] = group["displayName"]!.GetValue<string>(),
            ["members"] = new JsonArray(new JsonObject { ["value"] = IdOf(user) }),
        })).AssertStatus(HttpStatusCode.OK);
    }

    private async Task<JsonObject> CreateUser(JsonObject? more = null)
    {
        var body = new JsonObject { ["schemas"] = new JsonArray(UserUrn, EnterpriseUrn), ["userName"] = Unique("replace") };
        foreach (var (name, value) in more ?? [])
            body[name] = value?.DeepClone();
        return (await server.Client.PostAsync("/Users", body)).AssertStatus(HttpStatusCode.Created).Json;
    }

    /// <summary>A full PUT body for the user: its userName plus the given values.</summary>
    private static JsonObject Body(JsonObject user, JsonObject values)
    {
        var body = new JsonObject { ["schemas"] = new JsonArray(UserUrn), ["userName"] = user["userName"]!.GetValue<string>() };
        foreach (var (name, value) in values)
            body[name] = value?.DeepClone();
        return body;
    }

    private static JsonObject Email(string value, string type) => new() { ["value"] = value, ["type"] = type };

    private static string IdOf(JsonObject resource) => resource["id"]!.GetValue<string>();

    private static string PathOf(JsonObject resource, string endpoint = "/Users") => $"{endpoint}/{IdOf(resource)}";

    private static IEnumerable<string> Schemas(JsonObject resource) => resource["schemas"]!.AsArray().Select(urn => urn!.GetValue<string>());

    private static DateTimeOffset Time(JsonNode? value) => DateTimeOffset.Parse(value!.GetValue<string>(), CultureInfo.InvariantCulture);

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
