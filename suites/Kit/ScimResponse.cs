using System.Net;
using System.Text.Json.Nodes;
using Scim.Conformance.Reports.Model;

namespace Scim.Conformance.Suites.Kit;

/// <summary>A response as a check sees it: status, headers (case-insensitive), body text and its JSON.</summary>
public sealed class ScimResponse
{
    private readonly Lazy<(JsonNode? Node, string? Error)> _json;

    public ScimResponse(HttpStatusCode status, IReadOnlyDictionary<string, string> headers, string body, Exchange exchange)
    {
        StatusCode = status;
        Headers = headers;
        Body = body;
        Exchange = exchange;
        // Parsed once, on first use, by the one reader of server JSON: a usable tree or words, never an exception.
        _json = new Lazy<(JsonNode?, string?)>(() => ServerJson.Parse(Body));
    }

    public HttpStatusCode StatusCode { get; }
    public int Status => (int)StatusCode;
    public IReadOnlyDictionary<string, string> Headers { get; }
    public string Body { get; }
    public Exchange Exchange { get; }

    /// <summary>The body the run sent, as sent (in memory only, never recorded: the evidence has the masked copy); the
    /// run's ownership of a created resource is proven against it.</summary>
    public string? SentBody { get; init; }

    /// <summary>"GET /Schemas → 200": how the evidence names this exchange in sentences.</summary>
    public string Summary => $"{Exchange.Method} {Exchange.Url} → {Status}";

    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;

    public string? ContentType => Header("Content-Type");

    public JsonNode? Json => _json.Value.Node;

    /// <summary>Why the body is not JSON; null when it is.</summary>
    public string? JsonError => _json.Value.Error;

    public JsonObject? JsonObject => Json as JsonObject;
}
