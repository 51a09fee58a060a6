using Microsoft.Extensions.Configuration;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Suites.Kit.Authentication;

namespace Scim.Conformance.Runner.Configuration;

/// <summary>
/// Reads the credential, TLS and proxy settings of a target from <c>targets.json</c>. Secrets are never read from the file:
/// each is named by <c>…Env</c> (an environment variable) or <c>…File</c> (a file), and a secret written into the file
/// itself is refused. Relative file paths are relative to the targets file.
/// </summary>
internal static class CredentialSections
{
    /// <summary>Keys that would hold a secret's value; the file may only name where secrets are.</summary>
    private static readonly string[] LiteralSecrets = ["token", "password", "clientSecret", "key", "apiKey", "secret", "passphrase"];

    public static readonly string[] AuthTypes = ["none", "bearer", "oauth2-client-credentials", "basic", "api-key"];

    /// <summary>The identity of a target (or of its second identity): <c>tokenEnv</c>/<c>tokenFile</c> as shorthand for a
    /// bearer token, or an <c>auth</c> object; plus <c>clientCertificate</c>. Null when none of them is given.</summary>
    public static IdentityConfig? Identity(IConfigurationSection section, string what, string directory)
    {
        RefuseLiteralSecrets(section, what);
        var shorthand = Secret(section, "token", what, directory, required: false);
        var authSection = section.GetSection("auth");
        var certificateSection = section.GetSection("clientCertificate");
        if (shorthand is not null && authSection.Exists())
            throw new ConfigurationException($"{what} has both tokenEnv/tokenFile and auth: give the bearer token in one place");
        AuthConfig? auth = shorthand is not null ? new BearerAuthConfig(shorthand) : authSection.Exists() ? Auth(authSection, $"{what} auth", directory) : null;
        var certificate = certificateSection.Exists() ? Certificate(certificateSection, $"{what} clientCertificate", directory) : null;
        return auth is null && certificate is null ? null : new IdentityConfig(auth ?? new NoAuthConfig(), certificate);
    }

    private static AuthConfig Auth(IConfigurationSection auth, string what, string directory)
    {
        RefuseLiteralSecrets(auth, what);
        var type = auth["type"]?.Trim().ToLowerInvariant();
        return type switch
        {
            "none" => new NoAuthConfig(),
            "bearer" => new BearerAuthConfig(Secret(auth, "token", what, directory, required: true)!),
            "oauth2-client-credentials" => new OAuthClientCredentialsConfig(
                TokenUrl(Required(auth, "tokenUrl", what), $"{what} tokenUrl"),
                Required(auth, "clientId", what),
                Secret(auth, "clientSecret", what, directory, required: true)!,
                NullIfEmpty(auth["scope"]),
                (auth["clientAuthentication"]?.Trim().ToLowerInvariant()) switch
                {
                    null or "" or "basic" or "client_secret_basic" => OAuthClientAuthentication.Basic,
                    "post" or "client_secret_post" => OAuthClientAuthentication.Post,
                    var other => throw new ConfigurationException($"{what} clientAuthentication '{other}' is not basic or post"),
                }),
            "basic" => new BasicAuthConfig(Username(Required(auth, "username", what), what), Secret(auth, "password", what, directory, required: true)!),
            "api-key" => new ApiKeyAuthConfig(HeaderName(Required(auth, "header", what), what), Secret(auth, "key", what, directory, required: true)!),
            null or "" => throw new ConfigurationException($"{what} has no type (one of: {string.Join(", ", AuthTypes)})"),
            _ => throw new ConfigurationException($"{what} type '{auth["type"]}' is unknown (one of: {string.Join(", ", AuthTypes)})"),
        };
    }

    /// <summary>The files are read when the run is resolved (a missing one is named then), so that a file with targets
    /// for other machines still loads.</summary>
    private static ClientCertificateConfig Certificate(IConfigurationSection section, string what, string directory)
    {
        RefuseLiteralSecrets(section, what);
        var path = PathIn(directory, Required(section, "path", what));
        var keyPath = NullIfEmpty(section["keyPath"]) is { } key ? PathIn(directory, key) : null;
        return new ClientCertificateConfig(path, keyPath, Secret(section, "password", what, directory, required: false));
    }

    /// <summary><c>{name}Env</c> or <c>{name}File</c>, exactly one when required, at most one otherwise.</summary>
    private static SecretReference? Secret(IConfigurationSection section, string name, string what, string directory, bool required)
    {
        var env = NullIfEmpty(section[name + "Env"]);
        var file = NullIfEmpty(section[name + "File"]);
        if (env is not null && file is not null)
            throw new ConfigurationException($"{what} has both {name}Env and {name}File: name one place for the secret");
        if (env is null && file is null)
            return required ? throw new ConfigurationException($"{what} needs {name}Env (an environment variable) or {name}File (a file) for the secret") : null;
        return new SecretReference(env, file is null ? null : PathIn(directory, file));
    }

    private static void RefuseLiteralSecrets(IConfigurationSection section, string what)
    {
        foreach (var child in section.GetChildren())
        {
            if (LiteralSecrets.Contains(child.Key, StringComparer.OrdinalIgnoreCase) && !string.IsNullOrEmpty(child.Value))
                throw new ConfigurationException($"{what} holds a secret in \"{child.Key}\": secrets never go in the targets file; use {child.Key}Env (an environment variable) or {child.Key}File (a file)");
        }
    }

    public static Uri TokenUrl(string text, string what)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new ConfigurationException($"{what} '{UrlSecrets.Masked(text)}' is not an absolute http(s) URL");
        // The client secret travels to it: only over TLS, except to this machine.
        if (uri.Scheme == "http" && !uri.IsLoopback)
            throw new ConfigurationException($"{what} '{UrlSecrets.Masked(text)}' would send the client secret unencrypted: use https (http is allowed for loopback addresses only)");
        return uri;
    }

    public static Uri Proxy(string text, string what)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new ConfigurationException($"{what} '{UrlSecrets.Masked(text)}' is not an absolute http(s) URL");
        if (!string.IsNullOrEmpty(uri.UserInfo))
            throw new ConfigurationException($"{what} carries credentials in the URL; secrets never go in the targets file");
        return uri;
    }

    private static string Username(string name, string what) =>
        name.Contains(':') ? throw new ConfigurationException($"{what} username cannot contain ':' (RFC 7617)") : name;

    private static string HeaderName(string name, string what)
    {
        if (name.Any(c => c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?={}".Contains(c)))
            throw new ConfigurationException($"{what} header '{name}' is not a valid HTTP header name");
        return string.Equals(name, "Authorization", StringComparison.OrdinalIgnoreCase)
            ? throw new ConfigurationException($"{what} header cannot be Authorization: use type bearer or basic")
            : name;
    }

    private static string Required(IConfigurationSection section, string key, string what) =>
        NullIfEmpty(section[key]) ?? throw new ConfigurationException($"{what} has no {key}");

    public static string PathIn(string directory, string path) => Path.GetFullPath(path, directory);

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
