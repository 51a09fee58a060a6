using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Scim.Conformance.Suites.Kit.Safety;

/// <summary>Which resources on the target are the run's, by proof, and so the only ones it may write to or delete.
/// A resource becomes the run's when the server's answer to the run's create shows it: the answer names a string the
/// run sent carrying the run prefix, and its id was not seen before on a resource that is not the run's. Everything
/// else on the target — other people's data, and anything a server passes off as a new resource — is never written
/// to and never deleted, whatever a check or the cleanup asks for. Safe for concurrent checks.</summary>
public sealed class RunOwnership(RunPrefix prefix, RequestBoundary boundary)
{
    // Paths below the base URL, "{collection}/{id}" with the collection lower-cased and the id unescaped.
    private readonly ConcurrentDictionary<string, byte> _owned = new(StringComparer.Ordinal);
    // Ids of resources the run saw that carry no string of the run: someone else's.
    private readonly ConcurrentDictionary<string, byte> _foreign = new(StringComparer.Ordinal);

    /// <summary>Discovery documents are written to only with the content exactly as read (see the read-only checks).</summary>
    private static readonly string[] DiscoveryEndpoints = ["ServiceProviderConfig", "ServiceProviderConfigs", "Schemas", "ResourceTypes"];

    /// <summary>The outcome of <see cref="Prove"/>: the resource's location when it is the run's, else why not.</summary>
    public sealed record Proof(string? Location, string? Refusal, bool Unaddressable = false);

    /// <summary>Remembers the ids of the resources in a response (a resource or a list of them) that are not the run's,
    /// so a later create answered with one of them is recognised.</summary>
    public void Observe(JsonNode? body)
    {
        if (body is not JsonObject obj)
            return;
        if (obj.Member("Resources") is JsonArray resources)
        {
            foreach (var resource in resources.OfType<JsonObject>())
                ObserveResource(resource);
            return;
        }
        ObserveResource(obj);
    }

    private void ObserveResource(JsonObject resource)
    {
        if (resource.StringMember("id") is { Length: > 0 } id && !CarriesRunString(resource))
            _foreign.TryAdd(Compact(id), 0);
    }

    /// <summary>Decides whether the answer to a create (or a read of what a create made) shows a resource of the run's,
    /// and claims it when it does. <paramref name="sent"/> is the body the run sent, when the answer is to a create.</summary>
    public Proof Prove(ScimResponse answer, Uri collection, JsonObject? sent)
    {
        if (answer.Status is < 200 or >= 300)
            return new Proof(null, $"it answered {answer.Status}");
        if (answer.JsonObject is not { } body || body.StringMember("id") is not { } id)
            return new Proof(null, "its answer carries no resource with an id, so nothing shows which resource it is");
        if (id is "" or "." or "..")
            return new Proof(null, $"it gave the resource the id \"{id}\", which cannot name a resource under its collection", Unaddressable: true);
        if (!ShowsWhatWasSent(body, sent))
            return new Proof(null, sent is null
                ? "the resource carries no value with the run prefix: it is not one the run created"
                : "the resource does not carry the run-prefixed values the run sent: it is someone else's");
        var key = KeyFor(collection, id);
        if (key is null)
            return new Proof(null, "its collection is outside the base URL");
        if (_foreign.ContainsKey(Compact(id)) && !_owned.ContainsKey(key))
            return new Proof(null, $"the id \"{id}\" belongs to a resource the run saw earlier that was not its own");
        _owned.TryAdd(key, 0);
        return new Proof($"{string.Join('/', boundary.SegmentsBelowBase(collection)!.Select(Uri.EscapeDataString))}/{Uri.EscapeDataString(id)}", null);
    }

    /// <summary>Takes a resource a sweep found as the run's: its naming attribute, as listed by the server, carries the
    /// prefix being swept (the same proof a create gives). Returns false when the location names no resource.</summary>
    public bool ClaimSwept(Uri location)
    {
        // (Dot segments are gone once a URL is parsed: the sweep refuses them in the location as written.)
        if (boundary.SegmentsBelowBase(location) is not { Count: >= 2 } segments)
            return false;
        _owned.TryAdd(Key(segments), 0);
        return true;
    }

    /// <summary>Why the run must not send <paramref name="method"/> to <paramref name="url"/> (a URL under the base), or
    /// null when it may: reads always may; writes go to a collection (a create), a search, Bulk (each operation judged
    /// the same way), a discovery document, a resource of the run's, or an id the run made up itself (a probe for a
    /// resource that does not exist carries the run prefix, so it can never be someone else's).</summary>
    public string? WhyNotToSend(HttpMethod method, Uri url, string? body)
    {
        if (!ChangesNothing.IsWrite(method, url))
            return null; // reads, and POST to a /.search endpoint
        var segments = boundary.SegmentsBelowBase(url);
        if (segments is null)
            return "it is outside the base URL";
        if (segments.Count > 0 && DiscoveryEndpoints.Any(d => string.Equals(d, segments[0], StringComparison.OrdinalIgnoreCase)))
            return null;
        if (segments.Count <= 1)
        {
            if (method != HttpMethod.Post)
                return segments.Count == 0 ? "it is the base URL itself, not a resource" : $"it is the whole collection {segments[0]}, not a resource of the run's";
            return segments.Count == 1 && string.Equals(segments[0], "Bulk", StringComparison.OrdinalIgnoreCase) ? WhyNotToSendBulk(body) : null;
        }
        return IsTheRuns(segments) ? null : $"the resource {string.Join('/', segments)} is not one the run created";
    }

    /// <summary>Every operation of a bulk request that changes an existing resource must name one of the run's (or one
    /// created in the same request, by bulkId).</summary>
    private string? WhyNotToSendBulk(string? body)
    {
        if (body is null)
            return null;
        JsonNode? request;
        try
        {
            request = JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException)
        {
            return null; // a malformed body is a deliberate probe: the server cannot act on it
        }
        foreach (var operation in (request as JsonObject)?.Member("Operations") as JsonArray ?? [])
        {
            if (operation is not JsonObject op || string.Equals(op.StringMember("method"), "POST", StringComparison.OrdinalIgnoreCase))
                continue;
            var path = op.StringMember("path") ?? "";
            var segments = path.Split('?')[0].Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToList();
            if (segments.Count >= 2 && (segments[^1].StartsWith("bulkId:", StringComparison.Ordinal) || IsTheRuns(segments)))
                continue;
            return $"its operation {op.StringMember("method")} {path} does not name a resource the run created";
        }
        return null;
    }

    private bool IsTheRuns(IReadOnlyList<string> segments) =>
        _owned.ContainsKey(Key(segments)) || prefix.Owns(segments[^1]);

    /// <summary>The key of a resource: its collection's path below the base, lower-cased, and its id.</summary>
    private string? KeyFor(Uri collection, string id) =>
        boundary.SegmentsBelowBase(collection) is { Count: > 0 } segments ? Key([.. segments, id]) : null;

    private static string Key(IReadOnlyList<string> segments) =>
        string.Join('/', segments.Take(segments.Count - 1).Select(s => s.ToLowerInvariant())) + "/" + Compact(segments[^1]);

    /// <summary>An id as kept for the whole run: a long one (a hostile server's 60,000 characters) by its SHA-256, so
    /// the run's memory does not grow with the length of the ids it is given.</summary>
    private static string Compact(string id) =>
        id.Length <= 128 ? id : "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(id)));

    /// <summary>The answer shows the run's resource when a top-level string the run sent with its prefix comes back with
    /// the same unique name (letter case and the text after it aside: servers normalise them). A body a check sent
    /// without any prefixed string (an empty userName, to see it refused) shows it when every top-level string sent comes
    /// back as sent. Without a sent body (a read of what a create made), a top-level string must carry the prefix.</summary>
    private bool ShowsWhatWasSent(JsonObject answer, JsonObject? sent)
    {
        var strings = sent is null ? [] : sent.Where(p => p.Value.IsString()).Select(p => (p.Key, Value: p.Value!.GetValue<string>())).ToList();
        var prefixed = strings.Where(p => prefix.Owns(p.Value)).ToList();
        if (prefixed.Count > 0)
            return prefixed.Any(p => answer.StringMember(p.Key) is { } back && SameName(back, p.Value));
        if (strings.Count > 0)
            return strings.All(p => answer.StringMember(p.Key) is { } back && string.Equals(back, p.Value, StringComparison.OrdinalIgnoreCase));
        return CarriesRunString(answer);
    }

    private bool SameName(string back, string sent) =>
        string.Equals(back, sent, StringComparison.OrdinalIgnoreCase)
        || (prefix.Owns(back) && string.Equals(prefix.UniquePart(back), prefix.UniquePart(sent), StringComparison.OrdinalIgnoreCase));

    private bool CarriesRunString(JsonObject resource) =>
        resource.Any(p => p.Value.IsString() && prefix.Owns(p.Value!.GetValue<string>()));
}
