using System.Security.Cryptography.X509Certificates;
using Scim.Conformance.Suites.Kit;
using Xunit;

namespace Scim.Conformance.Tests.Kit;

/// <summary>The generated agents and applications are realistic and safe on a shared tenant: prefixed names, the
/// draft's vocabulary, URLs only on the run's own example.com host, and certificates that really parse.</summary>
public class AgentFakerTests
{
    private readonly RunPrefix prefix = new("scimct-abc123");

    [Fact]
    public void Names_carry_the_run_prefix_and_never_repeat()
    {
        var faker = new AgentFaker(prefix);
        var names = Enumerable.Range(0, 20).Select(_ => faker.AgentName()).Concat(Enumerable.Range(0, 20).Select(_ => faker.ApplicationName())).ToList();

        Assert.All(names, name => Assert.True(prefix.Owns(name), name));
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void A_rich_agent_has_a_real_certificate_and_one_primary_per_attribute()
    {
        var agent = new AgentFaker(prefix).RichAgent();

        var certificate = agent["x509Certificates"]![0]!["value"]!.GetValue<string>();
        using var parsed = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(certificate));
        Assert.Contains(prefix.Value, parsed.Subject, StringComparison.Ordinal);
        foreach (var attribute in new[] { "entitlements", "roles", "x509Certificates" })
            Assert.True(agent[attribute]!.AsArray().Count(v => v!["primary"]?.GetValue<bool>() == true) <= 1, attribute);
        Assert.Contains(agent["agentType"]!.GetValue<string>(), new[] { "Assistant", "Researcher", "Chat bot", "Unknown" });
    }

    [Fact]
    public void Urls_point_only_at_the_runs_own_host_and_protocols_use_the_drafts_names()
    {
        var faker = new AgentFaker(prefix);
        var application = faker.RichApplication();
        var urls = application["applicationUrls"]!.AsArray().Select(u => u!["value"]!.GetValue<string>())
            .Concat(application["oAuthConfiguration"]![0]!["redirectUri"]!.AsArray().Select(u => u!.GetValue<string>()));

        Assert.All(urls, url => Assert.Equal($"{prefix.Value}.example.com", new Uri(url).Host));
        var protocol = faker.Protocols()[0]!.AsObject();
        Assert.Contains(protocol["type"]!.GetValue<string>(), new[] { "A2A", "OpenAPI", "MCP-Server" });
        Assert.NotNull(protocol["specificationUrl"]); // the prose's spelling, not the schema JSON's "specifiationUrl"
        Assert.Equal(1, application["applicationUrls"]!.AsArray().Count(u => u!["primary"]?.GetValue<bool>() == true));
    }

    [Fact]
    public void Minimal_bodies_hold_only_schemas_and_name()
    {
        var faker = new AgentFaker(prefix);
        Assert.Equal(["schemas", "name"], faker.MinimalAgent().Select(p => p.Key));
        Assert.Equal(ScimUrns.AgenticApplication, faker.MinimalApplication("x")["schemas"]![0]!.GetValue<string>());
        Assert.Equal("x", faker.MinimalApplication("x")["name"]!.GetValue<string>());
    }
}
