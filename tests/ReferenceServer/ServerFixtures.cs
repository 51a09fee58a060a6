using Scim.Conformance.ReferenceServer;
using Xunit;

namespace Scim.Conformance.Tests.ReferenceServer;

/// <summary>
/// A reference server for one test class, started once and shared by its tests. It requires a bearer token, so the
/// same server shows both the authenticated and the anonymous behaviour.
/// </summary>
public class ServerFixture : IAsyncLifetime
{
    private readonly HttpClient http = new();
    private ReferenceServerHost? host;

    public string Token { get; } = "test-token-" + Guid.NewGuid().ToString("N");

    /// <summary>Requests with the right token.</summary>
    public ScimTestClient Client { get; private set; } = null!;

    /// <summary>Requests without any Authorization header.</summary>
    public ScimTestClient Anonymous { get; private set; } = null!;

    public Uri BaseUrl => host!.BaseUrl;

    protected virtual IReadOnlyCollection<string> Faults => [];

    public virtual async ValueTask InitializeAsync()
    {
        host = await ReferenceServerHost.StartAsync(new ReferenceServerOptions { Token = Token, Faults = Faults }, TestContext.Current.CancellationToken);
        Client = new ScimTestClient(http, host.BaseUrl, Token);
        Anonymous = Client.WithToken(null);
    }

    public async ValueTask DisposeAsync()
    {
        if (host is not null)
            await host.DisposeAsync();
        http.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The correct server, without faults.</summary>
public sealed class CorrectServerFixture : ServerFixture;

/// <summary>Starts throw-away servers inside a test, for tests that need a server of their own.</summary>
public static class Servers
{
    public static async Task<(ReferenceServerHost Host, ScimTestClient Client)> StartAsync(HttpClient http, string? token = null, params string[] faults)
    {
        var host = await ReferenceServerHost.StartAsync(new ReferenceServerOptions { Token = token, Faults = faults }, TestContext.Current.CancellationToken);
        return (host, new ScimTestClient(http, host.BaseUrl, token));
    }
}
