using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace Scim.Conformance.Tests.ReferenceServer;

/// <summary>One HTTP answer from the reference server, read completely so tests can assert on any part of it.</summary>
public sealed record ScimReply(HttpStatusCode Status, IReadOnlyDictionary<string, string> Headers, string? ContentType, string Text)
{
    /// <summary>The JSON body; null when there is none, or it is not JSON (a Security Event Token is a JWT).</summary>
    public JsonNode? Body { get; } = Text.Length == 0 || Text.TrimStart()[0] is not ('{' or '[') ? null : JsonNode.Parse(Text);

    public JsonObject Json => Body as JsonObject ?? throw new InvalidOperationException($"the body is not a JSON object: {Text}");

    public int StatusCode => (int)Status;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public IReadOnlyList<JsonObject> Resources => [.. Json["Resources"]!.AsArray().Select(resource => resource!.AsObject())];

    /// <summary>Asserts the RFC 7644 §3.12 error shape: the status, the Error URN, status as a string, and the scimType.</summary>
    public ScimReply AssertScimError(HttpStatusCode status, string? scimType = null)
    {
        Assert.True(Status == status, $"expected {(int)status} but got {StatusCode}: {Text}");
        Assert.Equal("application/scim+json; charset=utf-8", ContentType);
        Assert.Equal(["urn:ietf:params:scim:api:messages:2.0:Error"], Json["schemas"]!.AsArray().Select(urn => urn!.GetValue<string>()));
        Assert.Equal(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), Json["status"]!.GetValue<string>());
        Assert.Equal(scimType, Json["scimType"]?.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(Json["detail"]?.GetValue<string>()), "an error should say what went wrong");
        return this;
    }

    public ScimReply AssertStatus(HttpStatusCode status)
    {
        Assert.True(Status == status, $"expected {(int)status} but got {StatusCode}: {Text}");
        return this;
    }
}
