using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Suites.Kit.Authentication;

namespace Scim.Conformance.Runner.Configuration;

/// <summary>How a target authenticates one identity, as configured: only references to secrets, never their values.</summary>
public abstract record AuthConfig
{
    /// <summary>Reads the secrets and builds the authentication; <see cref="ConfigurationException"/> when one is missing.</summary>
    public abstract TargetAuthentication Resolve(string who);
}

public sealed record NoAuthConfig : AuthConfig
{
    public override TargetAuthentication Resolve(string who) => NoAuthentication.Instance;
}

public sealed record BearerAuthConfig(SecretReference Token) : AuthConfig
{
    public override TargetAuthentication Resolve(string who) => new BearerAuthentication(Token.Read($"{who} bearer token"));
}

public sealed record OAuthClientCredentialsConfig(Uri TokenUrl, string ClientId, SecretReference ClientSecret, string? Scope, OAuthClientAuthentication ClientAuthentication) : AuthConfig
{
    public override TargetAuthentication Resolve(string who) =>
        new OAuthClientCredentials(TokenUrl, ClientId, ClientSecret.Read($"{who} OAuth client secret"), Scope, ClientAuthentication);
}

public sealed record BasicAuthConfig(string Username, SecretReference Password) : AuthConfig
{
    public override TargetAuthentication Resolve(string who) => new BasicAuthentication(Username, Password.Read($"{who} HTTP Basic password"));
}

public sealed record ApiKeyAuthConfig(string Header, SecretReference Key) : AuthConfig
{
    public override TargetAuthentication Resolve(string who) => new ApiKeyAuthentication(Header, Key.Read($"{who} API key"));
}

/// <summary>A TLS client certificate for mutual TLS: a PKCS#12 file, or PEM certificate and key; the password or key
/// passphrase, if any, from an environment variable or a file.</summary>
public sealed record ClientCertificateConfig(string Path, string? KeyPath, SecretReference? Password);

/// <summary>One identity: HTTP authentication plus, optionally, a client certificate.</summary>
public sealed record IdentityConfig(AuthConfig Auth, ClientCertificateConfig? ClientCertificate)
{
    /// <summary>Reads every secret and the certificate; one-line <see cref="ConfigurationException"/> on any problem.</summary>
    /// <param name="who">Whose credentials, for messages ("the target's", "the second identity's").</param>
    public TargetIdentityOptions Resolve(string who)
    {
        var authentication = Auth.Resolve(who);
        System.Security.Cryptography.X509Certificates.X509Certificate2? certificate = null;
        if (ClientCertificate is { } configured)
        {
            try
            {
                certificate = ClientCertificates.Load(configured.Path, configured.KeyPath, configured.Password?.Read($"{who} client certificate password"));
            }
            catch (ArgumentException e)
            {
                throw new ConfigurationException(e.Message);
            }
        }
        return new TargetIdentityOptions { Authentication = authentication, ClientCertificate = certificate };
    }
}
