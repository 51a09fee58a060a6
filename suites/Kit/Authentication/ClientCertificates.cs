using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Scim.Conformance.Suites.Kit.Authentication;

/// <summary>Loads a TLS client certificate with its private key (PKCS#12 or PEM) and CA bundles (PEM). Every failure
/// is an <see cref="ArgumentException"/> with one line naming the file, never the password.</summary>
public static class ClientCertificates
{
    /// <param name="path">A .pfx/.p12 file, or a PEM file holding the certificate (and the key, unless <paramref name="keyPath"/> is given).</param>
    /// <param name="keyPath">A PEM file with the private key, when it is not in <paramref name="path"/>.</param>
    /// <param name="password">The PKCS#12 password or the PEM key's passphrase; null when it has none.</param>
    public static X509Certificate2 Load(string path, string? keyPath = null, string? password = null)
    {
        try
        {
            X509Certificate2 loaded;
            if (path.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".p12", StringComparison.OrdinalIgnoreCase))
            {
                loaded = X509CertificateLoader.LoadPkcs12FromFile(path, password);
            }
            else
            {
                using var pem = password is null ? X509Certificate2.CreateFromPemFile(path, keyPath) : X509Certificate2.CreateFromEncryptedPemFile(path, password, keyPath);
                // Through PKCS#12 so that every platform's TLS stack can use the key (not an ephemeral one).
                loaded = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
            }
            if (!loaded.HasPrivateKey)
            {
                loaded.Dispose();
                throw new ArgumentException($"the client certificate {path} has no private key");
            }
            return loaded;
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"cannot load the client certificate {path}{(keyPath is null ? "" : $" (key {keyPath})")}: {OneLine(e.Message)}");
        }
    }

    /// <summary>Every certificate of a PEM bundle; at least one.</summary>
    public static IReadOnlyList<X509Certificate2> LoadBundle(string path)
    {
        try
        {
            var collection = new X509Certificate2Collection();
            collection.ImportFromPemFile(path);
            return collection.Count > 0 ? [.. collection] : throw new ArgumentException($"the CA bundle {path} holds no PEM certificate");
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"cannot read the CA bundle {path}: {OneLine(e.Message)}");
        }
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
}
