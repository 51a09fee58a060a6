using System.Net;
using System.Text.Json.Nodes;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Tests.Support;
using Xunit;

namespace Scim.Conformance.Tests.Kit;

/// <summary>Data the server accepts: the identifying attribute is always sent, and a rule no schema states is learned
/// once from a refused create, kept for the run, and named in the verdicts that used it.</summary>
public class CreationRuleTests
{
    private static readonly string Types = $$"""{ "Resources": [ { "id": "User", "name": "User", "endpoint": "/Users", "schema": "{{ScimUrns.User}}" } ] }""";

    // userName optional, as some servers publish it; emails declared.
    private static readonly string Schemas = $$"""
        { "Resources": [ { "id": "{{ScimUrns.User}}", "attributes": [
          { "name": "userName", "type": "string", "required": false, "mutability": "readWrite", "uniqueness": "server" },
          { "name": "emails", "type": "complex", "multiValued": true, "required": false, "mutability": "readWrite", "subAttributes": [
            { "name": "value", "type": "string" }, { "name": "type", "type": "string", "canonicalValues": ["work", "home"] }, { "name": "primary", "type": "boolean" } ] } ] } ] }
        """;

    private static StubHandler Server(Func<JsonObject, bool> accepts) => new(async (request, token) =>
    {
        var path = request.RequestUri!.AbsolutePath;
        if (request.Method == HttpMethod.Post && path == "/v2/Users")
        {
            var body = JsonNode.Parse(await request.Content!.ReadAsStringAsync(token))!.AsObject();
            return accepts(body)
                ? StubHandler.Response(HttpStatusCode.Created, new JsonObject { ["id"] = Guid.NewGuid().ToString("N"), ["userName"] = body["userName"]?.DeepClone() }.ToJsonString())
                : StubHandler.Response(HttpStatusCode.BadRequest, "{\"scimType\":\"invalidValue\",\"detail\":\"emails required when userName is not an email address\"}");
        }
        if (request.Method == HttpMethod.Delete)
            return StubHandler.Response(HttpStatusCode.NoContent, "");
        return path switch
        {
            "/v2/ResourceTypes" => StubHandler.Response(HttpStatusCode.OK, Types),
            "/v2/Schemas" => StubHandler.Response(HttpStatusCode.OK, Schemas),
            "/v2/ServiceProviderConfig" => StubHandler.Response(HttpStatusCode.OK, "{}"),
            _ => StubHandler.Response(HttpStatusCode.NotFound, "{}"),
        };
    });

    private static bool HasEmail(JsonObject body) => body["emails"] is JsonArray { Count: > 0 } emails && emails[0]?["value"] is not null;

    private static CheckContext ContextOver(TargetSession session) =>
        new(CheckCatalog.Find("lifecycle.create.location")!, session, RequirementLevel.Must, CancellationToken.None);

    [Fact]
    public async Task A_refused_minimal_user_teaches_the_narrowest_rule_which_every_later_body_starts_from()
    {
        var handler = Server(HasEmail);
        using var session = Sessions.Over(handler);
        var context = ContextOver(session);
        var userType = (await session.DiscoveryAsync()).ResourceTypes.Single();

        var body = await context.Resources.MinimalAsync(userType);

        Assert.True(session.Prefix.Owns(body.StringMember("userName")), $"the optional userName is sent with the run prefix: {body.ToJsonString()}");
        var email = Assert.IsType<JsonObject>(Assert.Single(Assert.IsType<JsonArray>(body["emails"])));
        Assert.Equal("work", email.StringMember("type"));
        var adaptation = Assert.Single(context.Adaptations);
        Assert.StartsWith("creation rule learned for User", adaptation);
        Assert.Contains("a work email", adaptation);
        Assert.Contains(context.OwnExchanges, e => e.Method == "POST" && e.Status == 400);

        // Learned once: a second check's body starts from the rule without another probe.
        var posts = handler.Requests.Count(r => r.Method == HttpMethod.Post);
        var second = ContextOver(session);
        Assert.True(HasEmail(await second.Resources.MinimalAsync(userType)));
        Assert.Equal(posts, handler.Requests.Count(r => r.Method == HttpMethod.Post));
        // Everything created to learn was deleted: one minimal refused, the richer and the narrower accepted.
        Assert.Equal(handler.Requests.Count(r => r.Method == HttpMethod.Post) - 1 - 1, handler.Requests.Count(r => r.Method == HttpMethod.Delete));
    }

    [Fact]
    public async Task A_server_accepting_the_minimal_user_is_sent_it_unchanged_and_nothing_is_noted()
    {
        var handler = Server(_ => true);
        using var session = Sessions.Over(handler);
        var context = ContextOver(session);
        var userType = (await session.DiscoveryAsync()).ResourceTypes.Single();

        var body = await context.Resources.MinimalAsync(userType);

        Assert.Null(body["emails"]);
        Assert.Empty(context.Adaptations);
        Assert.Equal(1, handler.Requests.Count(r => r.Method == HttpMethod.Post));
        Assert.Equal(1, handler.Requests.Count(r => r.Method == HttpMethod.Delete));
    }

    [Fact]
    public async Task A_check_that_needs_a_user_without_emails_gets_the_other_accepted_shape()
    {
        var handler = Server(body => HasEmail(body) || body.StringMember("userName")?.Contains('@') == true);
        using var session = Sessions.Over(handler);
        var context = ContextOver(session);
        var userType = (await session.DiscoveryAsync()).ResourceTypes.Single();

        var body = await context.Resources.MinimalAsync(userType);
        body["emails"] = new JsonArray();
        await context.Resources.AcceptableWithoutAsync(userType, body, "emails");

        Assert.EndsWith("@example.com", body.StringMember("userName"));
        Assert.True(session.Prefix.Owns(body.StringMember("userName")));
        Assert.Contains(context.Adaptations, a => a.Contains("email-shaped userName instead", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_read_only_session_learns_nothing_and_sends_nothing()
    {
        var handler = Server(HasEmail);
        using var session = new TargetSession(new TargetSessionOptions
        {
            Name = "stub", BaseUrl = new Uri("https://scim.example.test/v2"), Handler = handler, ReadOnly = true, Prefix = new RunPrefix("scimct-test01"),
        });
        var context = ContextOver(session);
        var userType = (await session.DiscoveryAsync()).ResourceTypes.Single();
        await context.Resources.MinimalAsync(userType);
        Assert.DoesNotContain(handler.Requests, r => r.Method != HttpMethod.Get);
    }
}
