using System.Net;
using System.Text.Json.Nodes;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Tests.Support;
using Xunit;

namespace Scim.Conformance.Tests.Kit;

/// <summary>Whatever a discovered resource type is named by, the factory's resources carry the run prefix there, so
/// `sweep` can find them; a naming attribute whose values the schema fixes is left alone.</summary>
public class NamingPrefixTests
{
    private const string Urn = "urn:example:params:scim:schemas:Device";

    private static async Task<JsonObject> MinimalDeviceAsync(string namingAttribute, JsonArray? canonicalValues)
    {
        var attribute = new JsonObject { ["name"] = namingAttribute, ["type"] = "string", ["required"] = true, ["multiValued"] = false, ["mutability"] = "readWrite" };
        if (canonicalValues is not null)
            attribute["canonicalValues"] = canonicalValues;
        var schemas = new JsonObject { ["Resources"] = new JsonArray(new JsonObject { ["id"] = Urn, ["attributes"] = new JsonArray(attribute) }) };
        var handler = new StubHandler((request, _) => Task.FromResult(StubHandler.Response(HttpStatusCode.OK, request.RequestUri!.AbsolutePath switch
        {
            var p when p.EndsWith("/Schemas") => schemas.ToJsonString(),
            var p when p.EndsWith("/ResourceTypes") => $$"""{"Resources":[{"id":"Device","name":"Device","endpoint":"/Devices","schema":"{{Urn}}"}]}""",
            _ => """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"]}""",
        })));
        using var session = Sessions.Over(handler);
        var context = new CheckContext(CheckCatalog.All[0], session, RequirementLevel.Must, TestContext.Current.CancellationToken);
        var type = (await context.DiscoveryAsync()).ResourceTypes.Single();
        return await context.Resources.MinimalAsync(type);
    }

    [Fact]
    public async Task A_naming_attribute_that_a_hint_would_fill_still_carries_the_run_prefix()
    {
        // userType is filled from a list of realistic values ("Employee"…); as a type's naming attribute it must carry the prefix.
        var body = await MinimalDeviceAsync("userType", null);
        Assert.StartsWith("scimct-test01-userType-", body["userType"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_naming_attribute_with_canonical_values_keeps_them()
    {
        var body = await MinimalDeviceAsync("userType", new JsonArray("phone", "laptop"));
        Assert.Equal("phone", body["userType"]!.GetValue<string>());
    }
}
