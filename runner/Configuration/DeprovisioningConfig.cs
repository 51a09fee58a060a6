using Microsoft.Extensions.Configuration;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Runner.Configuration;

/// <summary>
/// Reads a target's <c>deprovisioning</c> and <c>credentialProbe</c> sections (the deactivation suite's claims to
/// verify). Both are optional; an absent section makes the checks that need it NotApplicable, and a malformed one is a
/// configuration error naming the file, the target and the value.
/// </summary>
public static class DeprovisioningConfig
{
    public static DeprovisioningPolicy? ReadPolicy(IConfigurationSection section, string where)
    {
        if (!section.Exists())
            return null;
        var seconds = section["propagationSeconds"] is { } text
            ? double.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is >= 0 and <= 3600 ? n
                : throw new ConfigurationException($"{where} deprovisioning.propagationSeconds '{text}' is not a number of seconds between 0 and 3600")
            : DeprovisioningPolicy.DefaultPropagationSeconds;
        return new DeprovisioningPolicy
        {
            OnOwnerDeactivated = OneOf(section["onOwnerDeactivated"], DeprovisioningPolicy.OwnerDeactivatedValues, $"{where} deprovisioning.onOwnerDeactivated"),
            OnOwnerDeleted = OneOf(section["onOwnerDeleted"], DeprovisioningPolicy.OwnerDeletedValues, $"{where} deprovisioning.onOwnerDeleted"),
            PropagationWindow = TimeSpan.FromSeconds(seconds),
        };
    }

    public static CredentialProbeSettings? ReadProbe(IConfigurationSection section, string where)
    {
        if (!section.Exists())
            return null;
        var token = Url(section["tokenUrl"], $"{where} credentialProbe.tokenUrl")
            ?? throw new ConfigurationException($"{where} credentialProbe needs a tokenUrl");
        var protectedUrl = Url(section["protectedUrl"], $"{where} credentialProbe.protectedUrl");
        var introspection = Url(section["introspectionUrl"], $"{where} credentialProbe.introspectionUrl");
        if (protectedUrl is null && introspection is null)
            throw new ConfigurationException($"{where} credentialProbe needs a protectedUrl or an introspectionUrl");
        return new CredentialProbeSettings { TokenUrl = token, ProtectedUrl = protectedUrl, IntrospectionUrl = introspection };
    }

    private static string? OneOf(string? value, IReadOnlyList<string> allowed, string what) =>
        string.IsNullOrWhiteSpace(value) ? null
        : allowed.Contains(value) ? value
        : throw new ConfigurationException($"{what} '{value}' is not one of {string.Join(", ", allowed)}");

    private static Uri? Url(string? text, string what) =>
        string.IsNullOrWhiteSpace(text) ? null : TargetsFile.ParseBaseUrl(text, what);
}
