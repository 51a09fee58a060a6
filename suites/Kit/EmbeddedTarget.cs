using Scim.Conformance.ReferenceServer;
using Scim.Conformance.Suites.Kit.Authentication;

namespace Scim.Conformance.Suites.Kit;

/// <summary>The reference server started in this process on a free loopback port, with a fresh random token, so
/// that even a run against it is authenticated; the one way the runner, xunit and the project's tests start it. It also
/// accepts a second random token for a second actor (who sees only what it created), and every session made here
/// configures it as the second identity, so that pagination.cursor.other-actor runs against it.</summary>
public sealed class EmbeddedTarget : IAsyncDisposable
{
    private EmbeddedTarget(ReferenceServerHost host, string token, string secondToken)
    {
        Host = host;
        Token = token;
        SecondToken = secondToken;
    }

    public ReferenceServerHost Host { get; }
    public string Token { get; }
    /// <summary>The second actor's bearer token.</summary>
    public string SecondToken { get; }
    public Uri BaseUrl => Host.BaseUrl;

    /// <summary>Throws <see cref="ArgumentException"/> for an unknown fault.</summary>
    public static async Task<EmbeddedTarget> StartAsync(
        IReadOnlyCollection<string>? faults = null, TimeSpan latency = default, IReadOnlyCollection<OptionalFeature>? without = null,
        CancellationToken cancellationToken = default, ChaosMode chaos = ChaosMode.None)
    {
        var token = Guid.NewGuid().ToString("N");
        var secondToken = Guid.NewGuid().ToString("N");
        var host = await ReferenceServerHost.StartAsync(
            new ReferenceServerOptions
            {
                Token = token,
                Credentials = [new AcceptedBearerToken(secondToken) { Actor = ServerActor.Second }],
                Faults = faults ?? [],
                Latency = latency,
                Without = without ?? [],
                Chaos = chaos,
            }, cancellationToken);
        return new EmbeddedTarget(host, token, secondToken);
    }

    /// <summary>A session against this server with its token, and the second token as the second identity.</summary>
    public TargetSession CreateSession(string name = "reference-server", string profile = Profiles.Strict, TimeSpan? requestTimeout = null) =>
        new(new TargetSessionOptions
        {
            Name = name,
            BaseUrl = BaseUrl,
            Token = Token,
            SecondIdentity = new TargetIdentityOptions { Authentication = new BearerAuthentication(SecondToken) },
            Profile = profile,
            RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(30),
            Deprovisioning = DeclaredDeprovisioning,
            CredentialProbe = CredentialProbe,
        });

    /// <summary>What the reference server declares about its Agents when their owner leaves (it implements it).</summary>
    public static DeprovisioningPolicy DeclaredDeprovisioning { get; } = new()
    {
        OnOwnerDeactivated = ReferenceDeprovisioning.OnOwnerDeactivated,
        OnOwnerDeleted = ReferenceDeprovisioning.OnOwnerDeleted,
        PropagationWindow = TimeSpan.FromSeconds(ReferenceDeprovisioning.PropagationSeconds),
    };

    /// <summary>The reference server's demonstration of Agent credentials, for the credential probe.</summary>
    public CredentialProbeSettings CredentialProbe => new()
    {
        TokenUrl = new Uri(BaseUrl.ToString().TrimEnd('/') + ReferenceDeprovisioning.TokenPath),
        ProtectedUrl = new Uri(BaseUrl, ReferenceDeprovisioning.ProtectedPath),
    };

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
