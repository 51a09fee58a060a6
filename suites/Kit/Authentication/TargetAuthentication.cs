namespace Scim.Conformance.Suites.Kit.Authentication;

/// <summary>
/// How requests to a target are authenticated at the HTTP level (a client certificate, if any, is configured on the
/// connection instead: see <see cref="TargetIdentityOptions.ClientCertificate"/>). Every secret it holds or learns is
/// given to the session's <see cref="Redactor"/> before it is ever sent, so no exchange, report or console line shows it.
/// </summary>
public abstract class TargetAuthentication
{
    /// <summary>The scheme's name as reports show it (never a secret): none, bearer, oauth2-client-credentials, basic, api-key.</summary>
    public abstract string Scheme { get; }

    /// <summary>Whether requests carry a credential at the HTTP level (false for none: a target open to all, or one
    /// that authenticates by client certificate alone).</summary>
    public virtual bool SendsCredentials => true;

    /// <summary>Called once when the session is built: register the secrets and credential header names, and keep what
    /// is needed to fetch tokens.</summary>
    public virtual void Attach(AuthenticationServices services) => services.Redactor.Add(Secrets);

    /// <summary>The secret values known up front (tokens, passwords, keys, and their encoded forms).</summary>
    protected abstract IEnumerable<string?> Secrets { get; }

    /// <summary>Adds the configured credentials to a request bound for the target.</summary>
    public abstract ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken);

    /// <summary>Adds a well-formed credential of the same scheme that the server cannot have issued, to see it refused.</summary>
    public abstract void ApplyWrong(HttpRequestMessage request);

    /// <summary>Called after the target answered 401 to the configured credentials: true when a fresh credential was
    /// obtained, so that the request is worth sending once more (an OAuth token the server no longer accepts).</summary>
    public virtual ValueTask<bool> RenewAfterRejectionAsync(HttpRequestMessage rejected, CancellationToken cancellationToken) => ValueTask.FromResult(false);

    /// <summary>A value no server issued, for <see cref="ApplyWrong"/>.</summary>
    protected static string MadeUp() => "scimct-wrong-" + Guid.NewGuid().ToString("N");
}

/// <summary>What an authentication needs from the session it belongs to.</summary>
/// <param name="Redactor">Where every secret is registered.</param>
/// <param name="Http">For fetching tokens: the identity's connection settings (trust, proxy, client certificate),
/// without authentication of its own and never following redirects.</param>
/// <param name="Clock">Decides when a token has expired.</param>
public sealed record AuthenticationServices(Redactor Redactor, HttpMessageInvoker Http, TimeProvider Clock);

/// <summary>No HTTP credentials: an open target, or one that authenticates the client certificate only.</summary>
public sealed class NoAuthentication : TargetAuthentication
{
    public static NoAuthentication Instance { get; } = new();

    public override string Scheme => "none";
    public override bool SendsCredentials => false;
    protected override IEnumerable<string?> Secrets => [];

    public override ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public override void ApplyWrong(HttpRequestMessage request) =>
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", MadeUp());
}
