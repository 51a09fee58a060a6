using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Scim.Conformance.ReferenceServer;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Runner;
using Scim.Conformance.Tests.Support;
using Xunit;
using static Scim.Conformance.Tests.Security.SecurityFixtures;

namespace Scim.Conformance.Tests.Security;

/// <summary>
/// Issue 10's secret-leak test: the command-line program, run as a user runs it against the reference server configured
/// to require each authentication scheme (with a second identity where the scheme allows), writes every report format
/// (result.json, report.html, junit.xml, summary.md, ctrf.json, allure-results/) and prints its console lines; none of
/// them may hold any secret: token, OAuth client secret and the access tokens the server issued, password (and its
/// Basic encoding), API key, client certificate passphrase. A refused credential must not leak either.
/// </summary>
public class SecretLeakTests : IDisposable
{
    private const string Selection = "auth,discovery.spc.*,pagination.cursor.other-actor";
    private readonly TempDirectory _dir = new("scim-leak-");

    private sealed record Scenario(ReferenceServerOptions Server, JsonObject Target, Dictionary<string, string> Environment, List<string> Secrets, string Scheme);

    public static TheoryData<string> Schemes => new(["bearer", "oauth2-client-credentials", "basic", "api-key", "client-certificate"]);

    private Scenario Build(string scheme, bool wrong = false)
    {
        var environment = new Dictionary<string, string>();
        var secrets = new List<string>();
        string Keep(string variable, string value)
        {
            environment[variable] = value;
            secrets.Add(value);
            return variable;
        }
        string Presented(string value) => wrong ? "wrong-" + value : value;

        var target = new JsonObject { ["baseUrl"] = "placeholder" };
        ReferenceServerOptions server;
        switch (scheme)
        {
            case "bearer":
                var token = Secret("token");
                var second = Secret("second-token");
                server = new ReferenceServerOptions { Token = token, Credentials = [new AcceptedBearerToken(second) { Actor = ServerActor.Second }] };
                target["tokenEnv"] = Keep("LEAK_TOKEN", Presented(token));
                target["secondIdentity"] = new JsonObject { ["tokenEnv"] = Keep("LEAK_SECOND_TOKEN", second) };
                secrets.AddRange([token, second]);
                break;
            case "oauth2-client-credentials":
                var clientSecret = Secret("client-secret");
                var secondPassword = Secret("second-password");
                server = new ReferenceServerOptions
                {
                    Credentials = [new AcceptedOAuthClient("suite", clientSecret), new AcceptedBasicCredentials("reader", secondPassword) { Actor = ServerActor.Second }],
                };
                File.WriteAllText(_dir.File("client-secret.txt"), Presented(clientSecret) + "\n");
                target["auth"] = new JsonObject
                {
                    ["type"] = "oauth2-client-credentials", ["tokenUrl"] = "placeholder", ["clientId"] = "suite", ["clientSecretFile"] = "client-secret.txt",
                };
                target["secondIdentity"] = new JsonObject
                {
                    ["auth"] = new JsonObject { ["type"] = "basic", ["username"] = "reader", ["passwordEnv"] = Keep("LEAK_SECOND_PASSWORD", secondPassword) },
                };
                secrets.AddRange([clientSecret, Presented(clientSecret), BasicEncoding("reader", secondPassword)]);
                break;
            case "basic":
                var password = Secret("password");
                server = new ReferenceServerOptions { Credentials = [new AcceptedBasicCredentials("scim-client", password)] };
                target["auth"] = new JsonObject { ["type"] = "basic", ["username"] = "scim-client", ["passwordEnv"] = Keep("LEAK_PASSWORD", Presented(password)) };
                secrets.AddRange([password, BasicEncoding("scim-client", Presented(password))]);
                break;
            case "api-key":
                // Over HTTPS with verification switched off, so the report's warning is checked too.
                var key = Secret("api-key");
                server = new ReferenceServerOptions { Https = true, Credentials = [new AcceptedApiKey("X-Vendor-Key", key)] };
                target["auth"] = new JsonObject { ["type"] = "api-key", ["header"] = "X-Vendor-Key", ["keyEnv"] = Keep("LEAK_API_KEY", Presented(key)) };
                target["tls"] = new JsonObject { ["insecureSkipTlsVerify"] = true };
                secrets.Add(key);
                break;
            default:
                var (authority, certificate) = ClientCertificate("leak-test-client");
                var passphrase = Secret("pfx-passphrase");
                File.WriteAllBytes(_dir.File("client.pfx"), certificate.Export(X509ContentType.Pkcs12, passphrase));
                server = new ReferenceServerOptions { ClientCertificateAuthority = authority, Credentials = [new AcceptedClientCertificate("leak-test-client")] };
                target["clientCertificate"] = new JsonObject { ["path"] = "client.pfx", ["passwordEnv"] = Keep("LEAK_PFX_PASSPHRASE", Presented(passphrase)) };
                target["tls"] = new JsonObject { ["caBundle"] = "server-ca.pem" };
                secrets.Add(passphrase);
                break;
        }
        return new Scenario(server, target, environment, secrets, scheme);
    }

    private async Task<(ExternalTool.Result Result, ReferenceServerHost Host)> RunAsync(Scenario scenario, string output)
    {
        var host = await StartAsync(scenario.Server);
        scenario.Target["baseUrl"] = host.BaseUrl.ToString();
        if (scenario.Target["auth"]?["tokenUrl"] is not null)
            scenario.Target["auth"]!["tokenUrl"] = host.TokenEndpoint.ToString();
        if (host.CertificateAuthorityPem is { } pem)
            await File.WriteAllTextAsync(_dir.File("server-ca.pem"), pem, TestContext.Current.CancellationToken);
        var file = new JsonObject { ["targets"] = new JsonObject { ["leaky"] = scenario.Target.DeepClone() } };
        await File.WriteAllTextAsync(_dir.File("targets.json"), file.ToJsonString(), TestContext.Current.CancellationToken);
        var result = await RunnerProcess.RunAsync(_dir.Path, scenario.Environment,
            "run", "--target", "leaky", "--config", _dir.File("targets.json"), "--include", Selection, "--out", output);
        return (result, host);
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public async Task No_report_format_and_no_console_line_holds_a_secret(string scheme)
    {
        var scenario = Build(scheme);
        var (result, host) = await RunAsync(scenario, "out");
        await using (host)
        {
            Assert.True(result.ExitCode == ExitCodes.Conforms, $"{scheme}: exit {result.ExitCode}\n{result.StdOut}\n{result.StdErr}");
            scenario.Secrets.AddRange(host.IssuedOAuthTokens);
            if (scheme == "oauth2-client-credentials")
                Assert.NotEmpty(host.IssuedOAuthTokens);

            var output = Path.Combine(_dir.Path, "out");
            var files = Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories).ToList();
            foreach (var format in new[] { "result.json", "report.html", "junit.xml", "summary.md", "ctrf.json" })
                Assert.Contains(files, f => Path.GetFileName(f) == format);
            Assert.Contains(files, f => f.Contains("allure-results"));
            await AssertNoSecretAsync(scenario.Secrets, files, result);

            var document = ResultJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(output, "result.json"), TestContext.Current.CancellationToken));
            Assert.Equal(scheme, document.Target.Authentication);
            // The checks that send credentials ran and passed: the secrets were really used.
            var wrongCredentials = document.Checks.Single(c => c.Id == "auth.wrong-credentials-rejected");
            Assert.Equal(scheme == "client-certificate" ? Outcome.NotApplicable : Outcome.Pass, wrongCredentials.Outcome);
            var otherActor = document.Checks.Single(c => c.Id == "pagination.cursor.other-actor");
            Assert.Equal(scenario.Target["secondIdentity"] is null ? Outcome.NotApplicable : Outcome.Pass, otherActor.Outcome);
            if (scheme == "api-key")
            {
                Assert.Equal(TlsVerificationModes.Disabled, document.Target.TlsVerification);
                Assert.Contains("DISABLED", await File.ReadAllTextAsync(Path.Combine(output, "report.html"), TestContext.Current.CancellationToken));
                Assert.Contains("DISABLED", await File.ReadAllTextAsync(Path.Combine(output, "summary.md"), TestContext.Current.CancellationToken));
                Assert.Contains("DISABLED", result.StdOut);
            }
            if (scheme == "client-certificate")
                Assert.Equal(TlsVerificationModes.SystemAndCaBundle, document.Target.TlsVerification);
        }
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public async Task A_refused_credential_exits_3_with_the_reason_and_no_secret(string scheme)
    {
        var scenario = Build(scheme, wrong: true);
        var (result, host) = await RunAsync(scenario, "refused");
        await using (host)
        {
            var lines = RunnerProcess.Lines(result);
            // A wrong PFX passphrase cannot even open the certificate: that is a configuration error, found before any request.
            var expected = scheme == "client-certificate" ? ExitCodes.UsageOrConfiguration : ExitCodes.TargetUnreachableOrHarnessError;
            Assert.True(result.ExitCode == expected, $"{scheme}: exit {result.ExitCode}\n{result.StdOut}\n{result.StdErr}");
            var line = Assert.Single(lines);
            Assert.Contains(scheme == "client-certificate" ? "client certificate" : scheme == "oauth2-client-credentials" ? "authentication failed" : "refused", line);
            Assert.DoesNotContain("   at ", result.StdOut + result.StdErr);
            scenario.Secrets.AddRange(host.IssuedOAuthTokens);
            var output = Path.Combine(_dir.Path, "refused");
            await AssertNoSecretAsync(scenario.Secrets, Directory.Exists(output) ? Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories).ToList() : [], result);
        }
    }

    private static async Task AssertNoSecretAsync(IEnumerable<string> secrets, IReadOnlyList<string> files, ExternalTool.Result result)
    {
        var console = result.StdOut + "\n" + result.StdErr;
        // Each secret also as the JSON writer, an HTML encoder and a URL encoder spell it (its '+', '/' and '=').
        foreach (var secret in secrets.SelectMany(Spellings).Distinct())
        {
            Assert.False(console.Contains(secret, StringComparison.Ordinal), $"a secret appears on the console: {secret[..6]}…");
            foreach (var file in files)
            {
                var text = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"a secret ({secret[..6]}…) appears in {Path.GetFileName(file)}");
            }
        }
    }

    private static IEnumerable<string> Spellings(string secret) =>
        [secret, System.Text.Json.JsonSerializer.Serialize(secret)[1..^1], System.Text.Encodings.Web.HtmlEncoder.Default.Encode(secret), Uri.EscapeDataString(secret)];

    private static string BasicEncoding(string user, string password) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

    public void Dispose() => _dir.Dispose();
}
