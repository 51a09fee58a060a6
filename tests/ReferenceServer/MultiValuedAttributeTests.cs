using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace Scim.Conformance.Tests.ReferenceServer;

/// <summary>The values of multi-valued attributes and their JSON types (RFC 7643 §2.3, §2.4, §4.1.2).</summary>
public class MultiValuedAttributeTests(CorrectServerFixture server) : IClassFixture<CorrectServerFixture>
{
    private const string UserUrn = "urn:ietf:params:scim:schemas:core:2.0:User";

    [Theory]
    [InlineData("emails", """[{"value":"a@example.com","primary":true},{"value":"b@example.com","primary":true}]""")]
    [InlineData("phoneNumbers", """[{"value":"+1-555-0100","primary":true},{"value":"+1-555-0101","type":"work","primary":true}]""")]
    [InlineData("addresses", """[{"locality":"Hollywood","primary":true},{"locality":"Burbank","primary":true}]""")]
    public async Task Two_primary_values_are_400_invalid_value(string attribute, string values)
    {
        var reply = await server.Client.PostAsync("/Users", User(attribute, values));

        reply.AssertScimError(HttpStatusCode.BadRequest, "invalidValue");
        Assert.Contains(attribute, reply.Json["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_repeated_type_and_value_pair_is_stored_once_keeping_its_primary()
    {
        var created = (await server.Client.PostAsync("/Users", User("emails", """
            [{"value":"a@example.com","type":"work"},{"value":"A@EXAMPLE.COM","type":"Work","primary":true},
             {"value":"a@example.com","type":"home"},{"value":"b@example.com","type":"work"}]
            """))).AssertStatus(HttpStatusCode.Created).Json;

        Assert.Equal(
            """[{"value":"a@example.com","type":"work","primary":true},{"value":"a@example.com","type":"home"},{"value":"b@example.com","type":"work"}]""",
            created["emails"]!.ToJsonString());
    }

    [Fact]
    public async Task Values_without_a_value_sub_attribute_are_repeats_only_when_identical()
    {
        var created = (await server.Client.PostAsync("/Users", User("addresses", """
            [{"locality":"Hollywood","type":"work"},{"locality":"Hollywood","type":"work"},{"locality":"Burbank","type":"work"}]
            """))).AssertStatus(HttpStatusCode.Created).Json;

        Assert.Equal(["Hollywood", "Burbank"], created["addresses"]!.AsArray().Select(address => address!["locality"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Booleans_stay_json_booleans_and_an_absent_primary_is_not_invented()
    {
        var created = (await server.Client.PostAsync("/Users", new JsonObject
        {
            ["schemas"] = new JsonArray(UserUrn),
            ["userName"] = Unique("typed"),
            ["active"] = false,
            ["emails"] = new JsonArray(
                new JsonObject { ["value"] = "a@example.com", ["primary"] = true },
                new JsonObject { ["value"] = "b@example.com", ["primary"] = false },
                new JsonObject { ["value"] = "c@example.com" }),
        })).AssertStatus(HttpStatusCode.Created).Json;
        var fetched = (await server.Client.GetAsync("/Users/" + created["id"]!.GetValue<string>())).Json;

        Assert.Equal(JsonValueKind.False, fetched["active"]!.GetValueKind());
        Assert.Equal([JsonValueKind.True, JsonValueKind.False], fetched["emails"]!.AsArray().Take(2).Select(email => email!["primary"]!.GetValueKind()));
        Assert.Null(fetched["emails"]![2]!["primary"]);
    }

    [Fact]
    public async Task A_single_value_is_still_an_array()
    {
        var created = (await server.Client.PostAsync("/Users", User("emails", """[{"value":"only@example.com"}]"""))).AssertStatus(HttpStatusCode.Created).Json;

        Assert.IsType<JsonArray>(created["emails"]);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("QUJD=")]
    [InlineData("QUJ")]
    public async Task A_binary_value_that_is_not_base64_is_400_invalid_value(string certificate)
    {
        var reply = await server.Client.PostAsync("/Users", User("x509Certificates", new JsonArray(new JsonObject { ["value"] = certificate }).ToJsonString()));

        reply.AssertScimError(HttpStatusCode.BadRequest, "invalidValue");
        Assert.Contains("x509Certificates.value", reply.Json["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_base64_certificate_round_trips()
    {
        var certificate = Convert.ToBase64String("a DER certificate, as far as base64 can tell"u8.ToArray());

        var created = (await server.Client.PostAsync("/Users", User("x509Certificates", new JsonArray(new JsonObject { ["value"] = certificate }).ToJsonString())))
            .AssertStatus(HttpStatusCode.Created).Json;

        Assert.Equal(certificate, created["x509Certificates"]![0]!["value"]!.GetValue<string>());
    }

    private static JsonObject User(string attribute, string values) => new()
    {
        ["schemas"] = new JsonArray(UserUrn),
        ["userName"] = Unique("multi"),
        [attribute] = JsonNode.Parse(values),
    };

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
