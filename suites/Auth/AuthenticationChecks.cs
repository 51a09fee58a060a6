using Scim.Conformance.Suites.Errors;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Auth;

/// <summary>RFC 7644 §2 and §3.12: a server that needs credentials refuses requests without valid ones, says how to
/// authenticate, and reports the refusal as a SCIM error. Only reads are sent without credentials (a list of one
/// resource), so even a server that serves anonymous clients changes nothing. These checks judge a target configured
/// with HTTP credentials (bearer token, OAuth client, Basic or API key: the wrong credential is one of the same scheme);
/// a target run open has nothing to refuse.</summary>
[TargetEffect(TargetEffect.ReadsOnly)]
public sealed class AuthenticationChecks : ScimCheck
{
    [Check("auth.no-credentials-rejected", "A request without credentials is refused",
        References = ["RFC7644 §2", "RFC7644 §3.12"], Rows = ["RFC7644-3.12-401-UNAUTHENTICATED", "RFC7644-2-WWW-AUTHENTICATE"], Tags = ["auth"],
        Requirement = "A server that requires authentication does not serve a resource endpoint to a request without an Authorization header: it answers 401 (Table 8: the authorization header is missing), or at least 403.")]
    public async Task NoCredentialsRejected()
    {
        var response = await ProbeAsync(Credentials.None);
        Expect.That(response.Status is 401 or 403, "a request without any credentials was not refused",
            "HTTP 401 Unauthorized", $"{response.Summary}{(response.Status is >= 200 and < 300 ? " (served to an anonymous client)" : "")}");
    }

    [Check("auth.wrong-credentials-rejected", "A request with invalid credentials is refused",
        References = ["RFC7644 §2", "RFC7644 §3.12"], Rows = ["RFC7644-3.12-401-UNAUTHENTICATED", "RFC7644-2-WWW-AUTHENTICATE"], Tags = ["auth"],
        Requirement = "A request carrying credentials of the configured scheme that the server never issued (a made-up bearer token, Basic password or API key) is answered 401 (Table 8: the authorization header is invalid), or at least 403 — never served.")]
    public async Task WrongCredentialsRejected()
    {
        var response = await ProbeAsync(Credentials.Wrong);
        Expect.That(response.Status is 401 or 403, $"a request with invalid {Target.Primary.Authentication.Scheme} credentials was not refused",
            "HTTP 401 Unauthorized", $"{response.Summary}{(response.Status is >= 200 and < 300 ? " (served with made-up credentials)" : "")}");
    }

    [Check("auth.www-authenticate", "A 401 names the authentication schemes in WWW-Authenticate",
        References = ["RFC7644 §2"], Rows = ["RFC7644-2-WWW-AUTHENTICATE"], Tags = ["auth"],
        Requirement = "Every 401 response (to a request without credentials and to one with an invalid token) carries a WWW-Authenticate header naming at least one authentication scheme, as RFC 7644 §2 requires by way of RFC 7235 §4.1.")]
    public async Task WwwAuthenticate()
    {
        var refusals = await RefusalsAsync();
        var problems = new List<string>();
        foreach (var response in refusals)
        {
            var challenge = response.Header("WWW-Authenticate");
            if (string.IsNullOrWhiteSpace(challenge))
                problems.Add($"{response.Summary} has no WWW-Authenticate header");
            else if (!char.IsAsciiLetter(challenge.TrimStart()[0]))
                problems.Add($"{response.Summary} has WWW-Authenticate \"{ScimJson.Abbreviate(challenge, 80)}\", which names no scheme");
        }
        Expect.NoProblems(problems, "a 401 response does not say how to authenticate",
            "a WWW-Authenticate header with a challenge such as `Bearer realm=\"…\"` on every 401");
    }

    [Check("auth.error-body", "A 401 carries a SCIM error body",
        References = ["RFC7644 §3.12"], Rows = ["RFC7644-3.12-401-BODY"], Tags = ["auth", "errors"],
        Requirement = "An authentication failure is reported like every other error: the 401 has a JSON body whose `schemas` holds the Error URN and whose `status` is the string \"401\".")]
    public async Task ErrorBody()
    {
        var problems = new List<string>();
        foreach (var response in await RefusalsAsync())
        {
            if (ErrorBodies.BodyProblem(response) is { } noBody)
            {
                problems.Add(noBody);
                continue;
            }
            var body = response.JsonObject!;
            problems.AddRange(new[]
            {
                ErrorBodies.SchemaProblem(response, body),
                ErrorBodies.StatusStringProblem(response, body),
                ErrorBodies.StatusMatchProblem(response, body),
            }.OfType<string>());
        }
        Expect.NoProblems(problems, "a 401 response is not a SCIM error",
            $"a JSON body with `schemas` [\"{ScimUrns.Error}\"] and `status` \"401\" on every 401");
    }

    /// <summary>GET of one resource of a protected endpoint (the User list, or else the first resource type's).</summary>
    private async Task<ScimResponse> ProbeAsync(Credentials credentials)
    {
        if (!Target.Primary.Authentication.SendsCredentials)
        {
            throw new NotApplicableException(Target.Primary.Options.ClientCertificate is null
                ? "the target is configured without credentials: the server is run without authentication, so there is no refusal to judge"
                : "the target authenticates by client certificate alone: a missing or wrong certificate is refused in the TLS handshake, before any HTTP answer these checks could judge");
        }
        var resourceType = ProbeRequests.ProbeType(await DiscoveryAsync());
        return await Scim.GetAsync($"{ProbeRequests.EndpointPath(resourceType)}?count=1", credentials);
    }

    /// <summary>The 401 answers to a request without credentials and to one with an invalid token; Skipped when
    /// neither was refused with 401 (the rejection checks report that).</summary>
    private async Task<IReadOnlyList<ScimResponse>> RefusalsAsync()
    {
        var answers = new[] { await ProbeAsync(Credentials.None), await ProbeAsync(Credentials.Wrong) };
        var refusals = answers.Where(r => r.Status == 401).ToList();
        return refusals.Count > 0
            ? refusals
            : throw new PrerequisiteException($"no request was refused with 401 to judge ({ScimJson.List(answers.Select(a => a.Summary))}; see auth.no-credentials-rejected and auth.wrong-credentials-rejected)");
    }
}
