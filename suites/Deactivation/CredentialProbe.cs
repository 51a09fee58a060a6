using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Deactivation;

/// <summary>
/// One identity's credential and the way to ask whether the target still accepts it (see
/// <see cref="CredentialProbeSettings"/>). The issued token is sent only where the configuration says, and it is
/// masked in the evidence like every credential.
/// </summary>
public sealed class CredentialProbe
{
    private readonly ScimClient client;
    private readonly CredentialProbeSettings settings;
    private readonly string token;

    private CredentialProbe(ScimClient client, CredentialProbeSettings settings, string token)
    {
        this.client = client;
        this.settings = settings;
        this.token = token;
    }

    /// <summary>Obtains a token for <paramref name="subject"/>; Skipped when the token URL gives none.</summary>
    public static async Task<CredentialProbe> ObtainAsync(ScimClient client, CredentialProbeSettings settings, string subject)
    {
        if (settings.ProtectedUrl is null && settings.IntrospectionUrl is null)
            throw new NotApplicableException("credentialProbe names neither a protectedUrl nor an introspectionUrl (targets.json)");
        var issued = await client.SendAsync(HttpMethod.Post, settings.TokenUrl.ToString(), new JsonObject { ["subject"] = subject }, accept: "application/json");
        var token = issued.Status is >= 200 and < 300 ? issued.JsonObject?.StringMember("access_token") : null;
        // Masked wherever it shows from now on, not only under the OAuth member names the redactor knows.
        client.Session.Redactor.Add(token);
        return string.IsNullOrEmpty(token)
            ? throw new PrerequisiteException($"no credential could be obtained for the agent: {issued.Summary}{ErrorReplies.DetailHint(issued)}")
            : new CredentialProbe(client, settings, token);
    }

    public sealed record Answer(bool Accepted, string Shown);

    /// <summary>Asks the protected URL (2xx = accepted) or else the introspection URL (<c>active</c> true = accepted).</summary>
    public async Task<Answer> AcceptedAsync()
    {
        if (settings.ProtectedUrl is { } url)
        {
            var response = await client.SendAsync(HttpMethod.Get, url.ToString(), credentials: Credentials.None, accept: "application/json",
                headers: new Dictionary<string, string> { ["Authorization"] = "Bearer " + token });
            return new Answer(response.Status is >= 200 and < 300, $"GET {url} → {response.Status}");
        }
        var introspection = await client.SendAsync(HttpMethod.Post, settings.IntrospectionUrl!.ToString(), credentials: Credentials.Configured,
            rawBody: "token=" + Uri.EscapeDataString(token), contentType: "application/x-www-form-urlencoded", accept: "application/json");
        var active = introspection.Status == 200 && introspection.JsonObject?.Member("active").IsTrue() == true;
        return new Answer(active, $"introspection → {introspection.Status}, active {ScimJson.Describe(introspection.JsonObject?.Member("active"))}");
    }
}
