using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;
using Xunit;

namespace Scim.Conformance.Tests.Kit;

public class ResourceTemplatesTests
{
    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    [Fact]
    public void A_template_is_merged_into_the_body_with_unique_prefixed_values()
    {
        var prefix = new RunPrefix("scimct-test01");
        var templates = new ResourceTemplates(new Dictionary<string, JsonObject>
        {
            ["User"] = Parse("""{ "emails": [{ "value": "{prefix}@example.com", "type": "work", "primary": true }], "name": { "familyName": "T-{unique}" } }"""),
        });
        var first = Parse("""{ "schemas": ["urn:x"], "userName": "u1", "emails": [{ "value": "old@example.com" }], "name": { "givenName": "Ann" } }""");
        var second = Parse("""{ "userName": "u2" }""");

        Assert.True(templates.ApplyTo("user", first, prefix));
        Assert.True(templates.ApplyTo("User", second, prefix));
        Assert.False(templates.ApplyTo("Group", new JsonObject(), prefix));

        var email = first["emails"]![0]!.AsObject();
        Assert.Single(first["emails"]!.AsArray()); // arrays are replaced, not appended to
        Assert.True(prefix.Owns(email.StringMember("value")));
        Assert.EndsWith("@example.com", email.StringMember("value"));
        Assert.True(email["primary"]!.GetValue<bool>());
        Assert.Equal("Ann", first["name"]!["givenName"]!.GetValue<string>()); // objects merge member by member
        Assert.StartsWith("T-", first["name"]!["familyName"]!.GetValue<string>());
        Assert.DoesNotContain("{unique}", first["name"]!["familyName"]!.GetValue<string>());
        Assert.NotEqual(email.StringMember("value"), second["emails"]![0]!["value"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""[1]""", "is not a JSON object")]
    [InlineData("""{ "id": "x" }""", "sets `id`")]
    [InlineData("""{ "schemas": [] }""", "sets `schemas`")]
    [InlineData("""{ "userName": "{tenant}-a" }""", "placeholder {tenant}")]
    public void A_bad_template_is_named_with_what_is_wrong(string template, string message)
    {
        var problems = ResourceTemplates.Problems("User", JsonNode.Parse(template));
        Assert.Contains(problems, p => p.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_good_template_has_no_problems() =>
        Assert.Empty(ResourceTemplates.Problems("User", JsonNode.Parse("""{ "emails": [{ "value": "{prefix}+{unique}@example.com" }] }""")));
}
