using Scim.Conformance.Runner.Configuration;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Tests.Support;
using Xunit;

namespace Scim.Conformance.Tests.Runner;

/// <summary>A target's deprovisioning declaration and credential probe are read from targets.json, optional, and
/// refused with a message naming the value when malformed; the example file shows both.</summary>
public sealed class DeprovisioningConfigTests : IDisposable
{
    private readonly TempDirectory _dir = new("scim-deprovisioning-");

    private TargetConfig Load(string targetJson)
    {
        var path = _dir.File("targets.json");
        File.WriteAllText(path, $$"""{ "targets": { "acme": { "baseUrl": "https://scim.acme.test/v2", {{targetJson}} } } }""");
        return TargetsFile.Load(path, "acme");
    }

    [Fact]
    public void A_declared_policy_and_probe_are_read()
    {
        var target = Load("""
            "deprovisioning": { "onOwnerDeactivated": "deactivate-agents", "onOwnerDeleted": "delete-agents", "propagationSeconds": 30 },
            "credentialProbe": { "tokenUrl": "https://idp.acme.test/agent-tokens", "introspectionUrl": "https://idp.acme.test/introspect" }
            """);
        Assert.Equal(DeprovisioningPolicy.DeactivateAgents, target.Deprovisioning!.OnOwnerDeactivated);
        Assert.Equal(DeprovisioningPolicy.DeleteAgents, target.Deprovisioning.OnOwnerDeleted);
        Assert.Equal(TimeSpan.FromSeconds(30), target.Deprovisioning.PropagationWindow);
        Assert.Equal(new Uri("https://idp.acme.test/agent-tokens"), target.CredentialProbe!.TokenUrl);
        Assert.Null(target.CredentialProbe.ProtectedUrl);
        Assert.Equal(new Uri("https://idp.acme.test/introspect"), target.CredentialProbe.IntrospectionUrl);
    }

    [Fact]
    public void Without_the_sections_nothing_is_declared()
    {
        var target = Load("\"profile\": \"strict\"");
        Assert.Null(target.Deprovisioning);
        Assert.Null(target.CredentialProbe);
    }

    [Fact]
    public void A_policy_without_a_window_gets_the_default_one()
    {
        var target = Load("\"deprovisioning\": { \"onOwnerDeleted\": \"none\" }");
        Assert.Null(target.Deprovisioning!.OnOwnerDeactivated);
        Assert.Equal(TimeSpan.FromSeconds(DeprovisioningPolicy.DefaultPropagationSeconds), target.Deprovisioning.PropagationWindow);
    }

    [Theory]
    [InlineData("\"deprovisioning\": { \"onOwnerDeactivated\": \"delete-agents\" }", "onOwnerDeactivated 'delete-agents' is not one of")]
    [InlineData("\"deprovisioning\": { \"onOwnerDeleted\": \"shrug\" }", "onOwnerDeleted 'shrug'")]
    [InlineData("\"deprovisioning\": { \"propagationSeconds\": \"soon\" }", "propagationSeconds 'soon'")]
    [InlineData("\"credentialProbe\": { \"protectedUrl\": \"https://idp.acme.test/me\" }", "needs a tokenUrl")]
    [InlineData("\"credentialProbe\": { \"tokenUrl\": \"https://idp.acme.test/t\" }", "needs a protectedUrl or an introspectionUrl")]
    [InlineData("\"credentialProbe\": { \"tokenUrl\": \"ftp://idp.acme.test/t\", \"protectedUrl\": \"https://idp.acme.test/me\" }", "tokenUrl 'ftp://idp.acme.test/t' is not an absolute http(s) URL")]
    public void A_malformed_section_is_a_configuration_error(string json, string message)
    {
        var error = Assert.Throws<ConfigurationException>(() => Load(json));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Contains("target 'acme'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_example_file_declares_a_policy_and_a_probe()
    {
        var example = TargetsFile.Load(RepositoryRoot.File("targets.example.json"), "example-vendor");
        Assert.NotNull(example.Deprovisioning);
        Assert.NotNull(example.CredentialProbe);
    }

    public void Dispose() => _dir.Dispose();
}
