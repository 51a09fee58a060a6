using System.Net.Http.Headers;

namespace Scim.Conformance.Suites.Kit.Authentication;

/// <summary>A fixed bearer token (RFC 6750): <c>Authorization: Bearer TOKEN</c>.</summary>
public sealed class BearerAuthentication(string token) : TargetAuthentication
{
    public override string Scheme => "bearer";
    protected override IEnumerable<string?> Secrets => [token];

    public override ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return ValueTask.CompletedTask;
    }

    public override void ApplyWrong(HttpRequestMessage request) => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", MadeUp());
}
