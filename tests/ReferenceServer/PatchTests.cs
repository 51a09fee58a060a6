using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Scim.Conformance.ReferenceServer;
using Scim.Conformance.Suites.Kit;
using Xunit;

namespace Scim.Conformance.Tests.ReferenceServer;

/// <summary>PATCH on the correct server (RFC 7644 §3.5.2): the operations, the path grammar, the errors and atomicity.</summary>
public class PatchTests(CorrectServerFixture server) : IClassFixture<CorrectServerFixture>
{
    private const string UserUrn = "urn:ietf:params:scim:schemas:core:2.0:User";
    private const string GroupUrn = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private const string EnterpriseUrn = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    [Fact]
    public async Task Add_replace_and_remove_simple_attributes_and_answer_200_with_the_resource()
    {
        var user = await CreateUser();
        var answered = (await PatchAsync(PathOf(user),
            Op("add", "nickName", "a"), Op("replace", "nickName", "b"), Op("add", "title", "T"), Op("replace", "NICKNAME", "c"))).AssertStatus(HttpStatusCode.OK);
        var stored = await GetAsync(PathOf(user));
        Assert.True(JsonNode.DeepEquals(answered.Json, stored), $"answer {answered.Text} differs from {stored.ToJsonString()}");
        Assert.Equal("c", stored["nickName"]!.GetValue<string>());
        Assert.Equal("T", stored["title"]!.GetValue<string>());
        Assert.Equal(stored["meta"]!["version"]!.GetValue<string>(), answered.Header("ETag"));

        (await PatchAsync(PathOf(user), Op("remove", "nickName"))).AssertStatus(HttpStatusCode.OK);
        Assert.Null((await GetAsync(PathOf(user)))["nickName"]);
    }

    [Fact]
    public async Task Value_filters_select_the_values_an_operation_changes()
    {
        var user = await CreateUser(new JsonObject
        {
            ["emails"] = new JsonArray(Email("work@example.com", "work", primary: true), Email("home@example.org", "home")),
            ["addresses"] = new JsonArray(new JsonObject { ["type"] = "work", ["streetAddress"] = "1 Main", ["locality"] = "Hollywood" }),
        });
        (await PatchAsync(PathOf(user),
            Op("replace", "emails[type eq \"home\"].primary", true),
            Op("replace", "addresses[type eq \"work\"].streetAddress", "1010 Broadway"))).AssertStatus(HttpStatusCode.OK);
        var stored = await GetAsync(PathOf(user));
        Assert.Equal([false, true], stored["emails"]!.AsArray().Select(email => email!["primary"]!.GetValue<bool>()));
        Assert.Equal("1010 Broadway", stored["addresses"]![0]!["streetAddress"]!.GetValue<string>());
        Assert.Equal("Hollywood", stored["addresses"]![0]!["locality"]!.GetValue<string>());

        (await PatchAsync(PathOf(user), Op("remove", "emails[type eq \"work\" and value ew \"example.com\"]"), Op("remove", "addresses[type eq \"work\"].locality")))
            .AssertStatus(HttpStatusCode.OK);
        stored = await GetAsync(PathOf(user));
        Assert.Equal(["home@example.org"], stored["emails"]!.AsArray().Select(email => email!["value"]!.GetValue<string>()));
        Assert.Null(stored["addresses"]![0]!["locality"]);

        (await PatchAsync(PathOf(user), Op("remove", "emails[value eq \"home@example.org\"]"))).AssertStatus(HttpStatusCode.OK);
        Assert.Null((await GetAsync(PathOf(user)))["emails"]);
    }

    [Fact]
    public async Task Add_appends_without_duplicates_and_a_no_op_moves_neither_last_modified_nor_version()
    {
        var (first, second) = (await CreateUser(), await CreateUser());
        var group = await CreateGroup(first);
        var before = await GetAsync(PathOf(group, "/Groups"));
        (await PatchAsync(PathOf(group, "/Groups"), Op("add", "members", new JsonArray(Member(first))))).AssertStatus(HttpStatusCode.OK);
        var after = await GetAsync(PathOf(group, "/Groups"));
        Assert.Equal(before["meta"]!.ToJsonString(), after["meta"]!.ToJsonString());

        (await PatchAsync(PathOf(group, "/Groups"), Op("add", "members", new JsonArray(Member(second))))).AssertStatus(HttpStatusCode.OK);
        Assert.Equal([IdOf(first), IdOf(second)], MemberIds(await GetAsync(PathOf(group, "/Groups"))));

        (await PatchAsync(PathOf(group, "/Groups"), Op("remove", $"members[value eq \"{IdOf(first)}\"]"))).AssertStatus(HttpStatusCode.OK);
        Assert.Equal([IdOf(second)], MemberIds(await GetAsync(PathOf(group, "/Groups"))));

        (await PatchAsync(PathOf(group, "/Groups"), Op("remove", "members"), Op("add", "members", new JsonArray(Member(first))))).AssertStatus(HttpStatusCode.OK);
        Assert.Equal([IdOf(first)], MemberIds(await GetAsync(PathOf(group, "/Groups"))));
    }

    [Fact]
    public async Task Complex_attributes_are_merged_and_extension_paths_add_the_extension_schema()
    {
        var user = await CreateUser(new JsonObject { ["name"] = new JsonObject { ["familyName"] = "Jensen" } });
        (await PatchAsync(PathOf(user),
            Op("add", "name", new JsonObject { ["middleName"] = "Jane" }),
            Op("replace", "name", new JsonObject { ["givenName"] = "Barbara" }),
            Op("add", $"{EnterpriseUrn}:employeeNumber", "701984"))).AssertStatus(HttpStatusCode.OK);
        var stored = await GetAsync(PathOf(user));
        Assert.Equal("Jensen", stored["name"]!["familyName"]!.GetValue<string>());
        Assert.Equal("Jane", stored["name"]!["middleName"]!.GetValue<string>());
        Assert.Equal("Barbara", stored["name"]!["givenName"]!.GetValue<string>());
        Assert.Contains(EnterpriseUrn, stored["schemas"]!.AsArray().Select(urn => urn!.GetValue<string>()));
        Assert.Equal("701984", stored[EnterpriseUrn]!["employeeNumber"]!.GetValue<string>());

        (await PatchAsync(PathOf(user), Op("remove", EnterpriseUrn))).AssertStatus(HttpStatusCode.OK);
        Assert.Equal([UserUrn], (await GetAsync(PathOf(user)))["schemas"]!.AsArray().Select(urn => urn!.GetValue<string>()));
    }

    [Fact]
    public async Task Path_less_operations_apply_each_member()
    {
        var user = await CreateUser(new JsonObject { ["emails"] = new JsonArray(Email("a@example.com", "work")) });
        (await PatchAsync(PathOf(user), new JsonObject { ["op"] = "add", ["value"] = new JsonObject { ["nickName"] = "Babs", ["emails"] = new JsonArray(Email("b@example.net", "other")) } }))
            .AssertStatus(HttpStatusCode.OK);
        (await PatchAsync(PathOf(user), new JsonObject { ["op"] = "replace", ["value"] = new JsonObject { ["title"] = "T2", ["active"] = false } }))
            .AssertStatus(HttpStatusCode.OK);
        var stored = await GetAsync(PathOf(user));
        Assert.Equal(2, stored["emails"]!.AsArray().Count);
        Assert.Equal("Babs", stored["nickName"]!.GetValue<string>());
        Assert.Equal("T2", stored["title"]!.GetValue<string>());
        Assert.False(stored["active"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("{\"op\":\"move\",\"path\":\"nickName\",\"value\":\"x\"}", "invalidSyntax")]
    [InlineData("{\"path\":\"nickName\",\"value\":\"x\"}", "invalidSyntax")]
    [InlineData("{\"op\":\"add\",\"path\":\"nickName\"}", "invalidSyntax")]
    [InlineData("{\"op\":\"remove\"}", "noTarget")]
    [InlineData("{\"op\":\"replace\",\"path\":\"emails[type eq\",\"value\":\"x\"}", "invalidPath")]
    [InlineData("{\"op\":\"replace\",\"path\":\"noSuchAttribute\",\"value\":\"x\"}", "invalidPath")]
    [InlineData("{\"op\":\"replace\",\"path\":\"emails[type eq \\\"none\\\"].value\",\"value\":\"x\"}", "noTarget")]
    [InlineData("{\"op\":\"replace\",\"path\":\"id\",\"value\":\"x\"}", "mutability")]
    [InlineData("{\"op\":\"replace\",\"path\":\"meta.created\",\"value\":\"2001-01-01T00:00:00Z\"}", "mutability")]
    [InlineData("{\"op\":\"add\",\"path\":\"groups\",\"value\":[{\"value\":\"x\"}]}", "mutability")]
    [InlineData("{\"op\":\"remove\",\"path\":\"userName\"}", "mutability")]
    [InlineData("{\"op\":\"replace\",\"path\":\"active\",\"value\":\"notaboolean\"}", "invalidValue")]
    public async Task A_refused_operation_is_a_scim_error_and_nothing_is_applied(string operation, string scimType)
    {
        var user = await CreateUser(new JsonObject { ["nickName"] = "before" });
        var stored = await GetAsync(PathOf(user));
        (await PatchAsync(PathOf(user), Op("replace", "nickName", "changed"), JsonNode.Parse(operation)!.AsObject()))
            .AssertScimError(HttpStatusCode.BadRequest, scimType);
        Assert.Equal(stored.ToJsonString(), (await GetAsync(PathOf(user))).ToJsonString());
    }

    [Fact]
    public async Task The_request_needs_the_patch_op_schema_and_operations()
    {
        var user = await CreateUser();
        (await server.Client.SendAsync(HttpMethod.Patch, PathOf(user), new JsonObject { ["schemas"] = new JsonArray(UserUrn), ["Operations"] = new JsonArray(Op("replace", "nickName", "x")) }.ToJsonString()))
            .AssertScimError(HttpStatusCode.BadRequest, "invalidSyntax");
        (await PatchAsync(PathOf(user))).AssertScimError(HttpStatusCode.BadRequest, "invalidSyntax");
        (await PatchAsync($"/Users/{Guid.NewGuid()}", Op("replace", "nickName", "x"))).AssertScimError(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Attributes_select_what_the_200_answer_carries()
    {
        var user = await CreateUser();
        var answer = (await PatchAsync(PathOf(user) + "?attributes=userName", Op("replace", "nickName", "x"))).AssertStatus(HttpStatusCode.OK).Json;
        Assert.Equal(["id", "schemas", "userName"], answer.Select(member => member.Key).Where(name => name != "meta").Order());
    }

    [Fact]
    public async Task Immutable_member_values_cannot_be_changed_in_place()
    {
        var (first, second) = (await CreateUser(), await CreateUser());
        var group = await CreateGroup(first);
        (await PatchAsync(PathOf(group, "/Groups"), Op("replace", $"members[value eq \"{IdOf(first)}\"].value", IdOf(second))))
            .AssertScimError(HttpStatusCode.BadRequest, "mutability");
    }

    [Fact]
    public async Task A_thousand_members_are_added_and_removed_in_one_request_each()
    {
        var users = new List<JsonObject>();
        for (var i = 0; i < 1000; i++)
            users.Add((await server.Client.PostAsync("/Users", new JsonObject { ["schemas"] = new JsonArray(UserUrn), ["userName"] = Unique("bulk") })).AssertStatus(HttpStatusCode.Created).Json);
        var group = await CreateGroup();
        var clock = Stopwatch.StartNew();
        (await PatchAsync(PathOf(group, "/Groups"), Op("add", "members", new JsonArray([.. users.Select(user => (JsonNode)Member(user))])))).AssertStatus(HttpStatusCode.OK);
        var adding = clock.Elapsed;
        Assert.Equal(1000, MemberIds(await GetAsync(PathOf(group, "/Groups"))).Count);
        clock.Restart();
        (await PatchAsync(PathOf(group, "/Groups"), Op("remove", "members", new JsonArray([.. users.Take(500).Select(user => (JsonNode)Member(user))])))).AssertStatus(HttpStatusCode.OK);
        var removing = clock.Elapsed;
        Assert.Equal(500, MemberIds(await GetAsync(PathOf(group, "/Groups"))).Count);
        // Both take well under a second on an idle 2-core machine; the bound is generous because the machine may be
        // shared, so it catches a pathological (quadratic per member, or worse) implementation, not a busy machine.
        Assert.True(adding + removing < TimeSpan.FromSeconds(20), $"adding 1,000 members took {adding}, removing 500 took {removing}");
    }

    [Fact]
    public async Task Without_the_patch_feature_PATCH_answers_501_as_the_configuration_says()
    {
        using var http = new HttpClient();
        await using var host = await ReferenceServerHost.StartAsync(new ReferenceServerOptions { Without = [OptionalFeature.Patch] }, TestContext.Current.CancellationToken);
        var client = new ScimTestClient(http, host.BaseUrl, token: null);
        var created = (await client.PostAsync("/Users", new JsonObject { ["schemas"] = new JsonArray(UserUrn), ["userName"] = Unique("unpatched") })).AssertStatus(HttpStatusCode.Created).Json;

        (await client.SendAsync(HttpMethod.Patch, PathOf(created), "{}")).AssertScimError(HttpStatusCode.NotImplemented);
        Assert.False((await client.GetAsync("/ServiceProviderConfig")).Json["patch"]!["supported"]!.GetValue<bool>());
    }

    private async Task<ScimReply> PatchAsync(string path, params JsonObject[] operations) =>
        await server.Client.SendAsync(HttpMethod.Patch, path, ScimMessages.PatchRequest(operations).ToJsonString());

    private static JsonObject Op(string op, string? path, JsonNode? value = null) => ScimMessages.PatchOperation(op, path, value);

    private static JsonObject Op(string op, string path, string value) => Op(op, path, JsonValue.Create(value));

    private static JsonObject Op(string op, string path, bool value) => Op(op, path, JsonValue.Create(value));

    private async Task<JsonObject> GetAsync(string path) => (await server.Client.GetAsync(path)).AssertStatus(HttpStatusCode.OK).Json;

    private async Task<JsonObject> CreateUser(JsonObject? more = null)
    {
        var body = new JsonObject { ["schemas"] = new JsonArray(UserUrn), ["userName"] = Unique("patch") };
        foreach (var (name, value) in more ?? [])
            body[name] = value?.DeepClone();
        return (await server.Client.PostAsync("/Users", body)).AssertStatus(HttpStatusCode.Created).Json;
    }

    private async Task<JsonObject> CreateGroup(params JsonObject[] members) =>
        (await server.Client.PostAsync("/Groups", new JsonObject
        {
            ["schemas"] = new JsonArray(GroupUrn),
            ["displayName"] = Unique("group"),
            ["members"] = new JsonArray([.. members.Select(member => (JsonNode)Member(member))]),
        })).AssertStatus(HttpStatusCode.Created).Json;

    private static JsonObject Member(JsonObject resource) => new() { ["value"] = IdOf(resource) };

    private static List<string> MemberIds(JsonObject group) =>
        [.. (group["members"] as JsonArray ?? []).Select(member => member!["value"]!.GetValue<string>())];

    private static JsonObject Email(string value, string type, bool primary = false)
    {
        var email = new JsonObject { ["value"] = value, ["type"] = type };
        if (primary)
            email["primary"] = true;
        return email;
    }

    private static string IdOf(JsonObject resource) => resource["id"]!.GetValue<string>();

    private static string PathOf(JsonObject resource, string endpoint = "/Users") => $"{endpoint}/{IdOf(resource)}";

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
