using System.Text.Json.Nodes;
using Scim.Conformance.ReferenceServer.Model;
using Scim.Conformance.ReferenceServer.Protocol;
using Scim.Conformance.ReferenceServer.Query;
using Scim.Conformance.ReferenceServer.Resources;
using Xunit;

namespace Scim.Conformance.Tests.ReferenceServer;

/// <summary>
/// The mutability rules of a replace (RFC 7644 §3.5.1) on a resource type made up for the purpose, because none of the
/// served schemas has a top-level immutable attribute: an immutable value, once set, may only be sent again unchanged;
/// a writeOnly value left out is kept; a readOnly one is never taken from the body.
/// </summary>
public class ReplaceRulesTests
{
    private const string Urn = "urn:example:params:scim:schemas:core:2.0:Badge";
    private const string BaseUrl = "http://server.example/scim/v2";

    private readonly ServedResourceType type = new("Badge", "/Badges", new ResourceSchema(Urn,
    [
        Attribute("name", Mutability.ReadWrite, required: true),
        Attribute("serial", Mutability.Immutable),
        Attribute("pin", Mutability.WriteOnly),
        Attribute("issuer", Mutability.ReadOnly),
    ]), [], new JsonSchemaAttributeCatalog([new JsonObject { ["id"] = Urn }], Urn)); // never queried here

    private readonly ResourceWrites writes;

    public ReplaceRulesTests()
    {
        var behaviour = new ServerBehaviour();
        var store = new ResourceStore();
        writes = new ResourceWrites(store, new ResourceReferences([type], store, behaviour), behaviour);
    }

    [Fact]
    public void An_immutable_value_may_be_set_once_and_then_only_repeated()
    {
        var id = Create("""{"name":"a"}""");

        Assert.Equal("S-1", Replace(id, """{"name":"a","serial":"S-1"}""")["serial"]!.GetValue<string>());
        Assert.Equal("S-1", Replace(id, """{"name":"b","serial":"S-1"}""")["serial"]!.GetValue<string>());
        var refusal = Assert.Throws<ScimRequestException>(() => Replace(id, """{"name":"c","serial":"S-2"}"""));
        Assert.Equal((400, ScimErrorType.Mutability), (refusal.Status, refusal.ScimType));
    }

    [Fact]
    public void An_immutable_value_left_out_stays()
    {
        var id = Create("""{"name":"a","serial":"S-1"}""");

        Assert.Equal("S-1", Replace(id, """{"name":"b"}""")["serial"]!.GetValue<string>());
    }

    [Fact]
    public void A_write_only_value_left_out_stays_and_one_sent_as_null_goes()
    {
        var id = Create("""{"name":"a","pin":"1234"}""");

        Assert.Equal("1234", Replace(id, """{"name":"b"}""")["pin"]!.GetValue<string>());
        Assert.Null(Replace(id, """{"name":"c","pin":null}""")["pin"]);
    }

    [Fact]
    public void A_read_only_value_is_never_taken_from_the_body()
    {
        var id = Create("""{"name":"a","issuer":"me"}""");

        Assert.Null(Replace(id, """{"name":"b","issuer":"me"}""")["issuer"]);
    }

    private string Create(string attributes)
    {
        var body = Body(attributes);
        return writes.Create(type, Reader().Read(body), body, BaseUrl)["id"]!.GetValue<string>();
    }

    private JsonObject Replace(string id, string attributes)
    {
        var body = Body(attributes);
        return writes.Replace(type, id, Reader().Read(body), body, BaseUrl).After;
    }

    private ResourceRequestReader Reader() => new(type, new RequestBodyBehaviour());

    private static JsonObject Body(string attributes)
    {
        var body = JsonNode.Parse(attributes)!.AsObject();
        body.Insert(0, "schemas", new JsonArray(Urn));
        return body;
    }

    private static AttributeDefinition Attribute(string name, Mutability mutability, bool required = false) =>
        new(name, AttributeType.String, MultiValued: false, required, CaseExact: false, mutability, Returned.Default, Uniqueness.None, []);
}
