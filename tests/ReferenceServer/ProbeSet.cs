using System.Text.RegularExpressions;
using Scim.Conformance.ReferenceServer;

namespace Scim.Conformance.Tests.ReferenceServer;

/// <summary>
/// A fixed sequence of requests that touches everything a fault can change: the discovery documents with and without
/// credentials, list parameters, filters and writes, and each resource endpoint. Run on a fresh server, the answers
/// are reduced to text with everything run-specific (port, ids, timestamps, versions) replaced by placeholders, so the
/// answers of two servers can be compared exactly.
/// </summary>
public static partial class ProbeSet
{
    private const string User = "urn:ietf:params:scim:schemas:core:2.0:User";

    private static readonly Probe[] Probes =
    [
        new("anonymous configuration", HttpMethod.Get, "/ServiceProviderConfig", Anonymous: true),
        new("configuration", HttpMethod.Get, "/ServiceProviderConfig"),
        new("filtered configuration", HttpMethod.Get, "/ServiceProviderConfig?filter=" + Uri.EscapeDataString("id eq \"x\"")),
        new("replace configuration", HttpMethod.Put, "/ServiceProviderConfig", "{}"),
        new("patch configuration", HttpMethod.Patch, "/ServiceProviderConfig", "{}"),
        new("schemas", HttpMethod.Get, "/Schemas"),
        new("paged schemas", HttpMethod.Get, "/Schemas?startIndex=2&count=1"),
        new("filtered schemas", HttpMethod.Get, "/Schemas?filter=" + Uri.EscapeDataString("name eq \"User\"")),
        new("User schema", HttpMethod.Get, "/Schemas/" + User),
        new("Group schema", HttpMethod.Get, "/Schemas/urn:ietf:params:scim:schemas:core:2.0:Group"),
        new("EnterpriseUser schema", HttpMethod.Get, "/Schemas/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"),
        new("Agent schema", HttpMethod.Get, "/Schemas/urn:ietf:params:scim:schemas:core:2.0:Agent"),
        new("AgenticApplication schema", HttpMethod.Get, "/Schemas/urn:ietf:params:scim:schemas:core:2.0:AgenticApplication"),
        new("replace User schema", HttpMethod.Put, "/Schemas/" + User, "{}"),
        new("resource types", HttpMethod.Get, "/ResourceTypes"),
        new("paged resource types", HttpMethod.Get, "/ResourceTypes?startIndex=2&count=1"),
        new("filtered resource types", HttpMethod.Get, "/ResourceTypes?filter=" + Uri.EscapeDataString("name eq \"User\"")),
        new("User resource type", HttpMethod.Get, "/ResourceTypes/User"),
        new("Group resource type", HttpMethod.Get, "/ResourceTypes/Group"),
        new("Agent resource type", HttpMethod.Get, "/ResourceTypes/Agent"),
        new("AgenticApplication resource type", HttpMethod.Get, "/ResourceTypes/AgenticApplication"),
        new("create user", HttpMethod.Post, "/Users", $$"""{"schemas":["{{User}}"],"userName":"probe"}"""),
        new("create group", HttpMethod.Post, "/Groups", """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"probes"}"""),
        new("users", HttpMethod.Get, "/Users"),
        new("groups", HttpMethod.Get, "/Groups"),
        new("agents", HttpMethod.Get, "/Agents"),
        new("agentic applications", HttpMethod.Get, "/AgenticApplications"),
        new("applications", HttpMethod.Get, "/Applications"),
    ];

    /// <summary>Starts a server with the faults, runs every probe in order, and returns each normalised answer by probe name.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> RunAsync(HttpClient http, params string[] faults)
    {
        const string token = "probe-token";
        var (host, client) = await Servers.StartAsync(http, token, faults);
        await using (host)
        {
            var answers = new Dictionary<string, string>();
            foreach (var probe in Probes)
            {
                var reply = await (probe.Anonymous ? client.WithToken(null) : client).SendAsync(probe.Method, probe.Path, probe.Body);
                answers[probe.Name] = Normalise(Describe(reply), host.BaseUrl);
            }
            return answers;
        }
    }

    private static string Describe(ScimReply reply)
    {
        string[] headers = ["Allow", "WWW-Authenticate", "Location", "ETag", "Content-Type"];
        var shown = headers.Where(reply.Headers.ContainsKey).Select(name => $"{name}: {reply.Header(name)}");
        return $"{reply.StatusCode}\n{string.Join("\n", shown)}\n{reply.Text}";
    }

    private static string Normalise(string answer, Uri baseUrl)
    {
        answer = answer.Replace(baseUrl.ToString(), "{base}", StringComparison.Ordinal);
        answer = Guid().Replace(answer, "{id}");
        answer = Timestamp().Replace(answer, "{time}");
        return Version().Replace(answer, "{version}");
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Guid();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z")]
    private static partial Regex Timestamp();

    [GeneratedRegex(@"W/\\?""[0-9a-f]{16}\\?""")]
    private static partial Regex Version();

    private sealed record Probe(string Name, HttpMethod Method, string Path, string? Body = null, bool Anonymous = false);
}
