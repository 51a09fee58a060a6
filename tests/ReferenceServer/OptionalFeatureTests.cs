using System.Net;
using System.Text.Json;
using Scim.Conformance.ReferenceServer;
using Xunit;

namespace Scim.Conformance.Tests.ReferenceServer;

/// <summary>A server without optional features stays correct: it stops advertising what it left out, and stops serving it.</summary>
public class OptionalFeatureTests
{
    [Fact]
    public async Task Without_agents_there_is_no_agent_extension_resource_type_schema_or_endpoint()
    {
        using var http = new HttpClient();
        await using var host = await ReferenceServerHost.StartAsync(new ReferenceServerOptions { Without = [OptionalFeature.Agents] }, TestContext.Current.CancellationToken);
        var client = new ScimTestClient(http, host.BaseUrl, token: null);

        var configuration = (await client.GetAsync("/ServiceProviderConfig")).AssertStatus(HttpStatusCode.OK).Json;
        Assert.Null(configuration["agentExtension"]);
        var types = (await client.GetAsync("/ResourceTypes")).AssertStatus(HttpStatusCode.OK).Json["Resources"]!.AsArray();
        Assert.DoesNotContain(types, type => type!["name"]!.GetValue<string>() is "Agent" or "AgenticApplication");
        (await client.GetAsync("/Schemas/urn:ietf:params:scim:schemas:core:2.0:Agent")).AssertStatus(HttpStatusCode.NotFound);
        (await client.GetAsync("/Agents")).AssertStatus(HttpStatusCode.NotFound);
        (await client.GetAsync("/AgenticApplications")).AssertStatus(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(OptionalFeature.Patch, "patch")]
    [InlineData(OptionalFeature.Bulk, "bulk")]
    [InlineData(OptionalFeature.ETag, "etag")]
    public async Task Without_a_capability_the_service_provider_config_says_it_is_unsupported(OptionalFeature feature, string section)
    {
        using var http = new HttpClient();
        await using var host = await ReferenceServerHost.StartAsync(new ReferenceServerOptions { Without = [feature] }, TestContext.Current.CancellationToken);
        var client = new ScimTestClient(http, host.BaseUrl, token: null);

        var configuration = (await client.GetAsync("/ServiceProviderConfig")).AssertStatus(HttpStatusCode.OK).Json;
        Assert.Equal(JsonValueKind.False, configuration[section]!["supported"]!.GetValueKind());
    }

    [Fact]
    public async Task Without_bulk_a_bulk_request_is_501()
    {
        using var http = new HttpClient();
        await using var host = await ReferenceServerHost.StartAsync(new ReferenceServerOptions { Without = [OptionalFeature.Bulk] }, TestContext.Current.CancellationToken);
        var client = new ScimTestClient(http, host.BaseUrl, token: null);

        (await client.PostAsync("/Bulk", """{"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"Operations":[]}"""))
            .AssertScimError(HttpStatusCode.NotImplemented);
    }
}
