using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Scim.Conformance.Suites.Kit;

/// <summary>Real X.509 certificates for attributes that must hold one (RFC 7643 §4.1.2 x509Certificates: one
/// base64 DER certificate per value), made on the fly so a server that parses them accepts them.</summary>
public static class TestCertificates
{
    public static string SelfSignedDerBase64(string subjectName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var safe = new string(subjectName.Where(c => char.IsAsciiLetterOrDigit(c) || c == '-').ToArray());
        var request = new CertificateRequest($"CN={safe}", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return Convert.ToBase64String(certificate.RawData);
    }
}
