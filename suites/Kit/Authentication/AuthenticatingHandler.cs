namespace Scim.Conformance.Suites.Kit.Authentication;

/// <summary>
/// Puts the identity's credentials on each request as the request asks (<see cref="Mode"/>, set by
/// <see cref="ScimClient"/>, which decides whether a URL may receive them) and, when the target answers 401 to a
/// credential that can be renewed (an OAuth token), renews it and sends the request once more. Living in the HTTP
/// pipeline keeps the retry invisible to the checks: they see the final answer. That second send is one more request
/// to the target: it waits for its own turn under --max-rps (<paramref name="pacer"/>), as every request does, and
/// stays within the in-flight slot its request holds.
/// </summary>
internal sealed class AuthenticatingHandler(TargetAuthentication authentication, RequestPacer? pacer = null) : DelegatingHandler
{
    public static readonly HttpRequestOptionsKey<Credentials> Mode = new("scim-conformance.credentials");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var mode = request.Options.TryGetValue(Mode, out var asked) ? asked : Credentials.None;
        if (mode == Credentials.Configured)
            await authentication.ApplyAsync(request, cancellationToken);
        else if (mode == Credentials.Wrong)
            authentication.ApplyWrong(request);

        var response = await base.SendAsync(request, cancellationToken);
        if (mode != Credentials.Configured || response.StatusCode != System.Net.HttpStatusCode.Unauthorized
            || !await authentication.RenewAfterRejectionAsync(request, cancellationToken))
        {
            return response;
        }

        using var again = await CopyAsync(request, cancellationToken);
        await authentication.ApplyAsync(again, cancellationToken);
        response.Dispose();
        if (pacer is not null)
            await pacer.WaitTurnAsync(cancellationToken);
        var retried = await base.SendAsync(again, cancellationToken);
        // The recorded request is the first one; its Authorization is masked anyway.
        return retried;
    }

    private static async Task<HttpRequestMessage> CopyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version, VersionPolicy = request.VersionPolicy };
        foreach (var (name, values) in request.Headers)
            copy.Headers.TryAddWithoutValidation(name, values);
        if (request.Content is not null)
        {
            var bytes = await request.Content.ReadAsByteArrayAsync(cancellationToken);
            copy.Content = new ByteArrayContent(bytes);
            foreach (var (name, values) in request.Content.Headers)
                copy.Content.Headers.TryAddWithoutValidation(name, values);
        }
        return copy;
    }
}
