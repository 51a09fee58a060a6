using Microsoft.Extensions.Configuration;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Runner.Configuration;

/// <summary>Reads <c>targets.json</c>, with environment overrides: <c>SCIM_CONFORMANCE_targets__NAME__baseUrl</c>
/// overrides <c>targets.NAME.baseUrl</c>. Every problem becomes one <see cref="ConfigurationException"/> line
/// naming the file; the file is first checked against the published schema (<see cref="TargetsSchema"/>).</summary>
public static class TargetsFile
{
    public const string DefaultFileName = "targets.json";
    public const string EnvironmentPrefix = "SCIM_CONFORMANCE_";

    public static TargetConfig Load(string path, string targetName)
    {
        var configuration = Read(path);
        var targets = configuration.GetSection("targets");
        var section = targets.GetChildren().FirstOrDefault(t => string.Equals(t.Key, targetName, StringComparison.OrdinalIgnoreCase));
        if (section is null)
        {
            var known = targets.GetChildren().Select(t => t.Key).ToList();
            throw new ConfigurationException(known.Count == 0
                ? $"{path}: no targets are defined (expected a \"targets\" object)"
                : $"{path}: no target named '{targetName}' (known: {string.Join(", ", known)})");
        }

        var baseUrl = section["baseUrl"];
        if (string.IsNullOrWhiteSpace(baseUrl))
            throw new ConfigurationException($"{path}: target '{section.Key}' has no baseUrl");
        var what = $"{path}: target '{section.Key}'";
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var tls = section.GetSection("tls");
        var secondSection = section.GetSection("secondIdentity");
        var second = secondSection.Exists() ? CredentialSections.Identity(secondSection, $"{what} secondIdentity", directory)
            ?? throw new ConfigurationException($"{what} secondIdentity names no credentials (tokenEnv, auth or clientCertificate)") : null;
        return new TargetConfig
        {
            Identity = CredentialSections.Identity(section, what, directory),
            SecondIdentity = second,
            CaBundle = NullIfEmpty(tls["caBundle"]) is { } bundle ? CredentialSections.PathIn(directory, bundle) : null,
            InsecureSkipTlsVerify = ParseOptionalBool(tls["insecureSkipTlsVerify"], $"{what} tls.insecureSkipTlsVerify") ?? false,
            Proxy = NullIfEmpty(section["proxy"]) is { } proxy ? CredentialSections.Proxy(proxy, $"{what} proxy") : null,
            Name = section.Key,
            BaseUrl = ParseBaseUrl(baseUrl, $"{path}: target '{section.Key}' baseUrl"),
            TokenEnv = NullIfEmpty(section["tokenEnv"]),
            Profile = NullIfEmpty(section["profile"]),
            Concurrency = ParseOptionalInt(section["concurrency"], $"{path}: target '{section.Key}' concurrency"),
            RequestTimeoutSeconds = ParseOptionalDouble(section["requestTimeoutSeconds"], $"{path}: target '{section.Key}' requestTimeoutSeconds"),
            MaxRps = ParseOptionalDouble(section["maxRps"], $"{path}: target '{section.Key}' maxRps"),
            RunTimeoutSeconds = ParseOptionalDouble(section["runTimeoutSeconds"], $"{path}: target '{section.Key}' runTimeoutSeconds"),
            ReadOnly = ParseOptionalBool(section["readOnly"], $"{path}: target '{section.Key}' readOnly"),
            Include = List(section.GetSection("include")),
            Exclude = List(section.GetSection("exclude")),
            Deprovisioning = DeprovisioningConfig.ReadPolicy(section.GetSection("deprovisioning"), $"{path}: target '{section.Key}'"),
            CredentialProbe = DeprovisioningConfig.ReadProbe(section.GetSection("credentialProbe"), $"{path}: target '{section.Key}'"),
            ResourceTemplates = ResourceTemplatesConfig.Read(path, section.Key, what),
            ConfirmVerdicts = ParseOptionalBool(section["confirmVerdicts"], $"{path}: target '{section.Key}' confirmVerdicts"),
        };
    }

    public static Uri ParseBaseUrl(string text, string what)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new ConfigurationException($"{what} '{UrlSecrets.Masked(text)}' is not an absolute http(s) URL");
        if (!string.IsNullOrEmpty(uri.UserInfo))
            throw new ConfigurationException($"{what} carries credentials in the URL; name an environment variable with tokenEnv (or configure auth) instead");
        return uri;
    }

    private static IConfigurationRoot Read(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new ConfigurationException($"{path}: file not found");
        try
        {
            var bytes = File.ReadAllBytes(full);
            if (DuplicateKeys.Find(bytes) is { } duplicate)
                throw new ConfigurationException($"{path}: the key \"{duplicate}\" is written twice in one object; the second would silently merge into the first, so name each key once");
            // Unknown keys and wrong types, every one at once, before the values are read (schemas/targets.schema.json).
            if (TargetsSchema.Problems(path, bytes) is { Count: > 0 } problems)
                throw new ConfigurationException(string.Join('\n', problems));
            return new ConfigurationBuilder()
                .AddJsonFile(full, optional: false, reloadOnChange: false)
                .AddEnvironmentVariables(EnvironmentPrefix)
                .Build();
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            var reason = (e.InnerException ?? e).Message.Split('\n')[0].Trim();
            throw new ConfigurationException($"{path}: not valid JSON ({reason})");
        }
    }

    private static IReadOnlyList<string> List(IConfigurationSection section) =>
        section.GetChildren().Select(c => c.Value).OfType<string>().Where(v => v.Length > 0).ToList();

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static bool? ParseOptionalBool(string? text, string what) =>
        text is null ? null : bool.TryParse(text, out var b) ? b : throw new ConfigurationException($"{what} '{text}' is not true or false");

    private static int? ParseOptionalInt(string? text, string what) =>
        text is null ? null : int.TryParse(text, out var n) ? n : throw new ConfigurationException($"{what} '{text}' is not a whole number");

    private static double? ParseOptionalDouble(string? text, string what) =>
        text is null ? null : double.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n
            : throw new ConfigurationException($"{what} '{text}' is not a number");
}
