using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Agents;

/// <summary>
/// draft-abbey-scim-agent-extension-00, Agent x509Certificates: each value is the base64 (RFC 4648 §4) of exactly one
/// DER-encoded certificate (AGT-N11), never several (AGT-N12). The certificates are made on the spot with .NET's
/// X.509 APIs, so a server that parses them has something real to parse.
/// </summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class AgentCertificateChecks : AgentCheck
{
    [Check("agents.certificates.round-trip", "A base64 DER certificate is stored and returned as sent",
        References = [Draft + " (Agent schema: x509Certificates)", "RFC7643 §2.3.6"], Rows = ["AGT-N11"], Tags = [AgentsTag, Draft, "certificates"],
        SpecIssues = [SpecIssueCatalog.CertificatesCaseExact],
        Requirement = "AGT-N11: an x509Certificates value is the base64 of one DER certificate; one sent that way comes back from a fresh GET as the same base64, which decodes to the same certificate.")]
    public async Task RoundTrip()
    {
        var type = await AgentTypeAsync();
        var certificate = Fake.Certificate();
        var body = Fake.MinimalAgent();
        body["x509Certificates"] = new JsonArray(new JsonObject { ["value"] = certificate, ["display"] = "signing key" });
        var created = await CreateAsync(type, body);
        var read = await ReadOrSkipAsync(type, IdOf(created));
        var values = ValuesOf(read, "x509Certificates").Select(v => v.StringMember("value")).ToList();
        Expect.That(values.Count == 1 && values[0] == certificate && SameCertificate(values[0]!, certificate),
            "the certificate did not come back as the base64 DER that was sent",
            $"one value, the base64 sent ({ScimJson.Abbreviate(certificate, 40)})",
            $"{values.Count} value(s): {ScimJson.List(values.Select(v => ScimJson.Abbreviate(v ?? "null", 60)))}");
    }

    [Check("agents.certificates.not-a-certificate-refused", "Base64 that is not a DER certificate is refused with 400",
        References = [Draft + " (Agent schema: x509Certificates)", "RFC7644 §3.12"], Rows = ["AGT-N11", "RFC7644-3.12-400-INVALIDVALUE"], Tags = [AgentsTag, Draft, "certificates"],
        Requirement = "AGT-N11: a value MUST be a DER certificate; random bytes, even validly base64-encoded, are refused with 400 invalidValue.")]
    public async Task NotACertificate() =>
        await ExpectRefusedAsync(Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)), "base64 of 48 random bytes", "RFC 7643 §4.1.2");

    [Check("agents.certificates.pem-refused", "A PEM-armoured certificate is refused with 400",
        References = [Draft + " (Agent schema: x509Certificates)", "RFC7644 §3.12"], Rows = ["AGT-N11", "RFC7644-3.12-400-INVALIDVALUE"], Tags = [AgentsTag, Draft, "certificates"],
        Requirement = "AGT-N11: the value is the base64 of the DER encoding itself (RFC 4648 §4), so PEM text with its BEGIN/END lines is refused with 400 invalidValue.")]
    public async Task Pem()
    {
        var der = Convert.FromBase64String(Fake.Certificate());
        await ExpectRefusedAsync(PemEncoding.WriteString("CERTIFICATE", der), "a PEM-armoured certificate", "RFC 7643 §4.1.2");
    }

    [Check("agents.certificates.concatenated-refused", "Two certificates in one value are refused with 400",
        References = [Draft + " (Agent schema: x509Certificates)", "RFC7644 §3.12"], Rows = ["AGT-N12", "RFC7644-3.12-400-INVALIDVALUE"], Tags = [AgentsTag, Draft, "certificates"],
        Requirement = "AGT-N12: a single x509Certificates value MUST NOT contain multiple certificates; the base64 of two DER certificates back to back is refused with 400 invalidValue.")]
    public async Task Concatenated()
    {
        var both = Convert.FromBase64String(Fake.Certificate()).Concat(Convert.FromBase64String(Fake.Certificate())).ToArray();
        await ExpectRefusedAsync(Convert.ToBase64String(both), "two DER certificates in one value", "RFC 7643 §4.1.2");
    }

    private async Task ExpectRefusedAsync(string value, string what, string definedBy)
    {
        var type = await AgentTypeAsync();
        var body = Fake.MinimalAgent();
        body["x509Certificates"] = new JsonArray(new JsonObject { ["value"] = value });
        ExpectRefused(await PostAsync(type, body), 400, "invalidValue", $"an Agent whose x509Certificates value is {what}", definedBy);
    }

    private static bool SameCertificate(string returned, string sent)
    {
        try
        {
            using var a = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(returned));
            using var b = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(sent));
            return a.RawData.AsSpan().SequenceEqual(b.RawData);
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            return false;
        }
    }
}
