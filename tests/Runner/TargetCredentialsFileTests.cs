using Scim.Conformance.Runner.Commands;
using Scim.Conformance.Runner.Configuration;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Suites.Kit.Authentication;
using Scim.Conformance.Tests.Support;
using Xunit;

namespace Scim.Conformance.Tests.Runner;

/// <summary>The credential, TLS and proxy settings of targets.json: read into references to secrets (never secrets),
/// resolved from environment variables or files, and every mistake one line naming the file.</summary>
public class TargetCredentialsFileTests : IDisposable
{
    private readonly TempDirectory _dir = new("scim-credentials-");

    private string Write(string target)
    {
        var path = _dir.File("targets.json");
        File.WriteAllText(path, $$"""{ "targets": { "acme": { "baseUrl": "https://scim.acme.test/v2", {{target}} } } }""");
        return path;
    }

    [Fact]
    public void Each_scheme_is_read_as_a_reference_to_its_secret()
    {
        File.WriteAllText(_dir.File("secret.txt"), "from-a-file\n");
        Assert.Equal(new BearerAuthConfig(new SecretReference("T", null)), TargetsFile.Load(Write("\"tokenEnv\": \"T\""), "acme").Identity!.Auth);
        Assert.Equal(new BearerAuthConfig(new SecretReference(null, _dir.File("secret.txt"))),
            TargetsFile.Load(Write("\"auth\": { \"type\": \"bearer\", \"tokenFile\": \"secret.txt\" }"), "acme").Identity!.Auth);
        Assert.Equal(new OAuthClientCredentialsConfig(new Uri("https://login.acme.test/token"), "suite", new SecretReference("S", null), "scim", OAuthClientAuthentication.Post),
            TargetsFile.Load(Write("""
                "auth": { "type": "oauth2-client-credentials", "tokenUrl": "https://login.acme.test/token", "clientId": "suite",
                          "clientSecretEnv": "S", "scope": "scim", "clientAuthentication": "post" }
                """), "acme").Identity!.Auth);
        Assert.Equal(new BasicAuthConfig("u", new SecretReference("P", null)),
            TargetsFile.Load(Write("\"auth\": { \"type\": \"basic\", \"username\": \"u\", \"passwordEnv\": \"P\" }"), "acme").Identity!.Auth);
        Assert.Equal(new ApiKeyAuthConfig("X-Key", new SecretReference("K", null)),
            TargetsFile.Load(Write("\"auth\": { \"type\": \"api-key\", \"header\": \"X-Key\", \"keyEnv\": \"K\" }"), "acme").Identity!.Auth);
    }

    [Fact]
    public void Tls_proxy_and_second_identity_are_read()
    {
        File.WriteAllText(_dir.File("ca.pem"), "");
        var target = TargetsFile.Load(Write("""
            "tls": { "caBundle": "ca.pem" }, "proxy": "http://proxy.acme.test:3128",
            "secondIdentity": { "auth": { "type": "api-key", "header": "X-Key", "keyEnv": "K2" } }
            """), "acme");
        Assert.Equal(_dir.File("ca.pem"), target.CaBundle);
        Assert.False(target.InsecureSkipTlsVerify);
        Assert.Equal(new Uri("http://proxy.acme.test:3128"), target.Proxy);
        Assert.Equal(new ApiKeyAuthConfig("X-Key", new SecretReference("K2", null)), target.SecondIdentity!.Auth);
        Assert.Null(target.Identity);
    }

    [Theory]
    [InlineData("\"auth\": { \"type\": \"basic\", \"username\": \"u\", \"password\": \"hunter2\" }", "secrets never go in the targets file")]
    [InlineData("\"auth\": { \"type\": \"bearer\", \"token\": \"abc\" }", "use tokenEnv")]
    [InlineData("\"auth\": { \"type\": \"bearer\", \"tokenEnv\": \"A\", \"tokenFile\": \"b\" }", "both tokenEnv and tokenFile")]
    [InlineData("\"auth\": { \"type\": \"kerberos\" }", "auth.type 'kerberos' is not one of none, bearer, oauth2-client-credentials, basic, api-key")]
    [InlineData("\"auth\": { \"type\": \"basic\", \"passwordEnv\": \"P\" }", "has no username")]
    [InlineData("\"auth\": { \"type\": \"api-key\", \"header\": \"Authorization\", \"keyEnv\": \"K\" }", "cannot be Authorization")]
    [InlineData("\"auth\": { \"type\": \"oauth2-client-credentials\", \"tokenUrl\": \"http://login.acme.test/token\", \"clientId\": \"c\", \"clientSecretEnv\": \"S\" }", "unencrypted")]
    [InlineData("\"tokenEnv\": \"T\", \"auth\": { \"type\": \"none\" }", "both tokenEnv/tokenFile and auth")]
    [InlineData("\"proxy\": \"http://user:pw@proxy.test\"", "carries credentials")]
    [InlineData("\"tls\": { \"insecureSkipTlsVerify\": \"perhaps\" }", "not true or false")]
    [InlineData("\"secondIdentity\": { \"$comment\": \"no credentials yet\" }", "secondIdentity names no credentials")]
    [InlineData("\"secondIdentity\": { \"profile\": \"x\" }", "unknown key \"profile\" in target 'acme' secondIdentity")]
    public void Mistakes_are_one_line_naming_the_file(string target, string expected)
    {
        var path = Write(target);
        var error = Assert.Throws<ConfigurationException>(() => TargetsFile.Load(path, "acme"));
        Assert.StartsWith(path, error.Message);
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain("\n", error.Message);
        Assert.DoesNotContain("hunter2", error.Message);
    }

    [Fact]
    public void Secrets_are_read_from_the_environment_or_a_file_when_the_run_is_resolved()
    {
        var variable = "SCIM_CONFORMANCE_TEST_" + Guid.NewGuid().ToString("N");
        File.WriteAllText(_dir.File("key.txt"), "api-key-from-file\r\n");
        Environment.SetEnvironmentVariable(variable, "password-from-env");
        try
        {
            var path = Write($$"""
                "auth": { "type": "basic", "username": "u", "passwordEnv": "{{variable}}" },
                "secondIdentity": { "auth": { "type": "api-key", "header": "X-Key", "keyFile": "key.txt" } }
                """);
            var settings = RunCommand.Resolve(new RunCommand.Arguments { Target = "acme", Config = path }, CheckCatalog.All);
            Assert.Equal("basic", settings.Identity!.Authentication.Scheme);
            Assert.Equal("api-key", settings.SecondIdentity!.Authentication.Scheme);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Theory]
    [InlineData("\"auth\": { \"type\": \"basic\", \"username\": \"u\", \"passwordEnv\": \"SCIM_CONFORMANCE_TEST_UNSET_VARIABLE_X\" }", "SCIM_CONFORMANCE_TEST_UNSET_VARIABLE_X")]
    [InlineData("\"auth\": { \"type\": \"api-key\", \"header\": \"X-Key\", \"keyFile\": \"missing.txt\" }", "missing.txt")]
    [InlineData("\"tls\": { \"caBundle\": \"missing.pem\", \"insecureSkipTlsVerify\": true }", "contradict")]
    [InlineData("\"tls\": { \"caBundle\": \"missing.pem\" }", "missing.pem")]
    [InlineData("\"clientCertificate\": { \"path\": \"nope.pfx\", \"passwordEnv\": \"PATH\" }", "nope.pfx")]
    public void A_missing_secret_or_file_is_a_configuration_error_naming_it(string target, string expected)
    {
        var path = Write(target);
        var error = Assert.Throws<ConfigurationException>(() => RunCommand.Resolve(new RunCommand.Arguments { Target = "acme", Config = path }, CheckCatalog.All));
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain("\n", error.Message);
    }

    public void Dispose() => _dir.Dispose();
}
