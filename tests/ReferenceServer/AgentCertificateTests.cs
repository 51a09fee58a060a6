using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Scim.Conformance.ReferenceServer;
using Scim.Conformance.Suites.Kit;
using Xunit;

namespace Scim.Conformance.Tests.ReferenceServer;

/// <summary>
/// x509Certificates on the reference server: each value is parsed as exactly one base64 DER certificate
/// (draft-abbey-scim-agent-extension-00, AGT-N11/N12), and the certificate faults bend exactly that rule.
/// </summary>
public class AgentCertificateTests(CorrectServerFixture server) : IClassFixture<CorrectServerFixture>
{
    public static TheoryData<string, string> Refused => new()
    {
        { "random bytes", Convert.ToBase64String(RandomNumberGenerator.GetBytes(40)) },
        { "not base64", "this is not base64!" },
        { "PEM", PemEncoding.WriteString("CERTIFICATE", Convert.FromBase64String(TestCertificates.SelfSignedDerBase64("pem"))) },
        { "two certificates", Convert.ToBase64String([.. Convert.FromBase64String(TestCertificates.SelfSignedDerBase64("a")), .. Convert.FromBase64String(TestCertificates.SelfSignedDerBase64("b"))]) },
    };

    [Fact]
    public async Task A_base64_der_certificate_round_trips_unchanged()
    {
        var certificate = TestCertificates.SelfSignedDerBase64("round-trip");
        var created = (await server.Client.PostAsync("/Agents", Agent(certificate))).AssertStatus(HttpStatusCode.Created).Json;

        Assert.Equal(certificate, created["x509Certificates"]![0]!["value"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Anything_but_one_der_certificate_is_refused(string what, string value)
    {
        var reply = await server.Client.PostAsync("/Agents", Agent(value));
        reply.AssertScimError(HttpStatusCode.BadRequest, "invalidValue");
        Assert.Contains("x509Certificates", reply.Json["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(what));
    }

    [Fact]
    public async Task Under_the_faults_each_refusal_gives_way()
    {
        var pem = PemEncoding.WriteString("CERTIFICATE", Convert.FromBase64String(TestCertificates.SelfSignedDerBase64("pem")));
        var pair = Convert.ToBase64String([.. Convert.FromBase64String(TestCertificates.SelfSignedDerBase64("a")), .. Convert.FromBase64String(TestCertificates.SelfSignedDerBase64("b"))]);
        var der = TestCertificates.SelfSignedDerBase64("as-pem");
        var cases = new (string Fault, string Value)[]
        {
            ("x509-pem-accepted", pem),
            ("x509-concatenated-accepted", pair),
            ("x509-not-parsed", Convert.ToBase64String(RandomNumberGenerator.GetBytes(40))),
        };
        foreach (var (fault, value) in cases)
        {
            await using var faulty = await FaultyServer.StartAsync(fault);
            (await faulty.Client.PostAsync("/Agents", Agent(value))).AssertStatus(HttpStatusCode.Created);
        }
        await using var pemStore = await FaultyServer.StartAsync("x509-stored-as-pem");
        var stored = (await pemStore.Client.PostAsync("/Agents", Agent(der))).AssertStatus(HttpStatusCode.Created).Json;
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", stored["x509Certificates"]![0]!["value"]!.GetValue<string>());
    }

    private static JsonObject Agent(string certificate) => new()
    {
        ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:Agent"),
        ["name"] = "cert-" + Guid.NewGuid().ToString("N"),
        ["x509Certificates"] = new JsonArray(new JsonObject { ["value"] = certificate }),
    };

    /// <summary>A reference server with one fault, for one test, with its own client.</summary>
    private sealed class FaultyServer : IAsyncDisposable
    {
        private readonly HttpClient http = new();
        private ReferenceServerHost host = null!;

        public ScimTestClient Client { get; private set; } = null!;

        public static async Task<FaultyServer> StartAsync(string fault)
        {
            var token = "test-token-" + Guid.NewGuid().ToString("N");
            var server = new FaultyServer();
            server.host = await ReferenceServerHost.StartAsync(new ReferenceServerOptions { Token = token, Faults = [fault] }, TestContext.Current.CancellationToken);
            server.Client = new ScimTestClient(server.http, server.host.BaseUrl, token);
            return server;
        }

        public async ValueTask DisposeAsync()
        {
            await host.DisposeAsync();
            http.Dispose();
        }
    }
}
