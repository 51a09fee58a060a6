using System.Net;
using System.Text;

namespace Scim.Conformance.Tests.Support;

/// <summary>An HTTP handler that answers from a function and remembers every request, for testing the client
/// side without a server.</summary>
public sealed class StubHandler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> respond) : HttpMessageHandler
{
    public List<HttpRequestMessage> Requests { get; } = [];

    public static StubHandler Json(HttpStatusCode status, string body) =>
        new((_, _) => Task.FromResult(Response(status, body)));

    public static HttpResponseMessage Response(HttpStatusCode status, string body, string mediaType = "application/scim+json") =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Requests may arrive side by side (a ledger deleting a batch at once).
        lock (Requests)
            Requests.Add(request);
        return respond(request, cancellationToken);
    }
}
