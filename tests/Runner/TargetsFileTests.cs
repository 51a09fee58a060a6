using Scim.Conformance.Runner.Configuration;
using Scim.Conformance.Tests.Support;
using Xunit;

namespace Scim.Conformance.Tests.Runner;

public class TargetsFileTests : IDisposable
{
    private readonly TempDirectory _dir = new("scim-config-");

    private string Write(string json)
    {
        var path = _dir.File("targets.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void A_target_is_read_with_every_option()
    {
        var path = Write("""
            { "targets": { "acme": { "baseUrl": "https://scim.acme.test/v2", "tokenEnv": "ACME_TOKEN", "profile": "interop",
              "concurrency": 3, "requestTimeoutSeconds": 12.5, "include": ["discovery"], "exclude": ["tag:agents"] } } }
            """);
        var target = TargetsFile.Load(path, "ACME");
        Assert.Equal("acme", target.Name);
        Assert.Equal(new Uri("https://scim.acme.test/v2"), target.BaseUrl);
        Assert.Equal("ACME_TOKEN", target.TokenEnv);
        Assert.Equal("interop", target.Profile);
        Assert.Equal(3, target.Concurrency);
        Assert.Equal(12.5, target.RequestTimeoutSeconds);
        Assert.Equal(["discovery"], target.Include);
        Assert.Equal(["tag:agents"], target.Exclude);
    }

    [Fact]
    public void The_example_file_in_the_repository_is_valid()
    {
        var example = RepositoryRoot.File("targets.example.json");
        Assert.Equal("example-vendor", TargetsFile.Load(example, "example-vendor").Name);
    }

    [Theory]
    [InlineData("oauth-vendor", typeof(OAuthClientCredentialsConfig))]
    [InlineData("basic-vendor", typeof(BasicAuthConfig))]
    [InlineData("api-key-vendor", typeof(ApiKeyAuthConfig))]
    [InlineData("self-signed-sandbox", typeof(BearerAuthConfig))]
    public void The_example_file_has_an_entry_per_authentication_scheme(string name, Type scheme)
    {
        var target = TargetsFile.Load(RepositoryRoot.File("targets.example.json"), name);
        Assert.IsType(scheme, target.Identity!.Auth);
    }

    [Fact]
    public void The_example_file_has_a_mutual_tls_entry_with_trust_and_proxy()
    {
        var target = TargetsFile.Load(RepositoryRoot.File("targets.example.json"), "mtls-vendor");
        Assert.IsType<NoAuthConfig>(target.Identity!.Auth);
        Assert.EndsWith("scim-client.pfx", target.Identity.ClientCertificate!.Path);
        Assert.EndsWith("corporate-ca.pem", target.CaBundle);
        Assert.NotNull(target.Proxy);
    }

    [Theory]
    [InlineData("{ \"targets\": { \"acme\": ", "not valid JSON")]
    [InlineData("{ \"targets\": { \"other\": { \"baseUrl\": \"https://x.test\" } } }", "no target named 'acme' (known: other)")]
    [InlineData("{ \"targets\": { \"acme\": { \"tokenEnv\": \"X\" } } }", "has no baseUrl")]
    [InlineData("{ \"targets\": { \"acme\": { \"baseUrl\": \"ftp://x.test\" } } }", "not an absolute http(s) URL")]
    [InlineData("{ \"targets\": { \"acme\": { \"baseUrl\": \"https://u:p@x.test\" } } }", "carries credentials")]
    [InlineData("{ \"targets\": { \"acme\": { \"baseUrl\": \"https://x.test\", \"concurrency\": \"many\" } } }", "not a whole number")]
    [InlineData("{ \"targets\": { \"acme\": { \"baseUrl\": \"https://x.test\" } }, \"targets\": { \"acme\": { \"baseUrl\": \"https://y.test\" } } }", "the key \"targets\" is written twice")]
    [InlineData("{ \"targets\": { \"acme\": { \"baseUrl\": \"https://x.test\" }, \"ACME\": { \"tokenEnv\": \"X\" } } }", "the key \"targets.ACME\" is written twice")]
    [InlineData("{ \"targets\": { \"acme\": { \"baseUrl\": \"https://x.test\", \"tls\": { \"caBundle\": \"a\", \"caBundle\": \"b\" } } } }", "the key \"targets.acme.tls.caBundle\" is written twice")]
    [InlineData("{ \"targets\": { \"acme\": { \"baseUrl\": \"https://x.test\", \"include\": [ { \"a\": 1, \"a\": 2 } ] } } }", "the key \"targets.acme.include.[].a\" is written twice")]
    public void Bad_files_get_one_line_naming_the_file(string json, string expected)
    {
        var path = Write(json);
        var error = Assert.Throws<ConfigurationException>(() => TargetsFile.Load(path, "acme"));
        Assert.StartsWith(path, error.Message);
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain("\n", error.Message);
    }

    [Fact]
    public void The_same_key_in_different_objects_is_no_duplicate()
    {
        var path = Write("{ // comments and trailing commas are read as the loader reads them\n \"targets\": { \"acme\": { \"baseUrl\": \"https://x.test\", \"tls\": { \"insecureSkipTlsVerify\": false } }, \"other\": { \"baseUrl\": \"https://y.test\", \"tls\": { \"insecureSkipTlsVerify\": false }, }, } }");

        Assert.Equal("acme", TargetsFile.Load(path, "acme").Name);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var error = Assert.Throws<ConfigurationException>(() => TargetsFile.Load(_dir.File("nope.json"), "acme"));
        Assert.Contains("nope.json: file not found", error.Message);
    }

    public void Dispose() => _dir.Dispose();
}
