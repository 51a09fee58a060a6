using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Scim.Conformance.Tests.Security;

/// <summary>A SCIM server on loopback that sends the caller's bearer token back in every way it can (issue 16): in
/// ServiceProviderConfig values (shown as capabilities), raw and as the JSON writer spells it (<c>\u002B</c>), in
/// error details, and in a list body where it straddles the 64 KiB point at which recorded bodies are cut. It
/// refuses requests without the expected token, so the credential checks still mean something.</summary>
public sealed class SecretEchoServer : IAsyncDisposable
{
    /// <summary>Recorded bodies are cut at this many characters (TargetSessionOptions.RecordedBodyLimit).</summary>
    public const int RecordedBodyLimit = 64 * 1024;

    private readonly WebApplication _app;

    private SecretEchoServer(WebApplication app, Uri root)
    {
        _app = app;
        Root = root;
    }

    /// <summary>http://127.0.0.1:port/ — the SCIM endpoints answer under any path.</summary>
    public Uri Root { get; }

    public static async Task<SecretEchoServer> StartAsync(string token, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        app.Run(context => AnswerAsync(context, token));
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SecretEchoServer(app, new Uri(address.TrimEnd('/') + "/"));
    }

    private static async Task AnswerAsync(HttpContext context, string token)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        var presented = authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization["Bearer ".Length..] : "";
        var path = context.Request.Path.Value ?? "";
        if (presented != token)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await WriteAsync(context, 401, Error(401, "no valid token"));
            return;
        }
        var (status, body) = context.Request.Method != "GET" ? (400, Error(400, $"you sent {presented}; raw: \"{Raw(presented)}\""))
            : path.EndsWith("/ServiceProviderConfig", StringComparison.Ordinal) ? (200, ServiceProviderConfig(presented))
            : path.EndsWith("/ResourceTypes", StringComparison.Ordinal) ? (200, ResourceTypes(presented))
            : path.EndsWith("/Schemas", StringComparison.Ordinal) ? (200, List(new JsonArray()))
            : path.Contains("/Users", StringComparison.Ordinal) ? (200, StraddlingList(presented))
            : (404, Error(404, $"nothing at {path} for {presented}"));
        await WriteAsync(context, status, body);
    }

    // JSON text the default writer would not produce: the token's '+' and '/' as they are.
    private static string Raw(string token) => token.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    private static string Error(int status, string detail) =>
        JsonSerializer.Serialize(new JsonObject
        {
            ["schemas"] = new JsonArray("urn:ietf:params:scim:api:messages:2.0:Error"),
            ["status"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["detail"] = detail,
        });

    // The default writer: '+' goes out as \u002B. One value is spliced in raw as well.
    private static string ServiceProviderConfig(string token)
    {
        var spc = new JsonObject
        {
            ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"),
            ["documentationUri"] = "https://example.test/docs?token=" + token,
            ["patch"] = new JsonObject { ["supported"] = false, ["echo"] = token },
            ["bulk"] = new JsonObject { ["supported"] = false, ["maxOperations"] = 0, ["maxPayloadSize"] = 0, ["note"] = "Bearer " + token },
            ["filter"] = new JsonObject { ["supported"] = false, ["maxResults"] = 100 },
            ["changePassword"] = new JsonObject { ["supported"] = false },
            ["sort"] = new JsonObject { ["supported"] = false },
            ["etag"] = new JsonObject { ["supported"] = false, ["raw"] = "RAW-PLACEHOLDER" },
            ["authenticationSchemes"] = new JsonArray(new JsonObject
            {
                ["type"] = "oauthbearertoken", ["name"] = token, ["description"] = "your token is " + token,
            }),
        };
        return JsonSerializer.Serialize(spc).Replace("RAW-PLACEHOLDER", Raw(token), StringComparison.Ordinal);
    }

    private static string ResourceTypes(string token) => List(new JsonArray(new JsonObject
    {
        ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:ResourceType"),
        ["id"] = "User",
        ["name"] = "User",
        ["endpoint"] = "/Users",
        ["description"] = "for " + token,
        ["schema"] = "urn:ietf:params:scim:schemas:core:2.0:User",
        ["meta"] = new JsonObject { ["resourceType"] = "ResourceType" },
    }));

    private static string List(JsonArray resources) =>
        JsonSerializer.Serialize(new JsonObject
        {
            ["schemas"] = new JsonArray("urn:ietf:params:scim:api:messages:2.0:ListResponse"),
            ["totalResults"] = resources.Count,
            ["itemsPerPage"] = resources.Count,
            ["startIndex"] = 1,
            ["Resources"] = resources,
        });

    // The token starts ten characters before the cut: cut first and masked after, its first ten characters remain.
    private static string StraddlingList(string token)
    {
        const string head = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"],\"totalResults\":0,\"Resources\":[],\"padding\":\"";
        var body = new StringBuilder(head).Append(' ', RecordedBodyLimit - 10 - head.Length).Append(Raw(token)).Append(' ', 100).Append("\"}");
        return body.ToString();
    }

    private static async Task WriteAsync(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/scim+json";
        await context.Response.WriteAsync(body, Encoding.UTF8);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
