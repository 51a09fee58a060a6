using System.Text.Json.Nodes;
using Scim.Conformance.Reports.Model;

namespace Scim.Conformance.Suites.Kit;

/// <summary>One resource found by a sweep: its type, where it lives, and the prefixed name that makes it ours.</summary>
public sealed record Leftover(string ResourceType, string Location, string NamingAttribute, string Name);

/// <summary>Finds and deletes what runs left behind, by the run prefix on each resource's naming attribute (userName,
/// displayName, name, or the schema's first required string), across every resource type the target serves. It asks
/// with a filter (<c>userName sw "scimct-…"</c>) and falls back to scanning every page when the target does not filter.
/// Whatever the target answers, a resource is only ever listed — and so only ever deleted — when its own naming
/// attribute starts with the prefix: a server that ignores the filter cannot make the sweep touch anything else.</summary>
public sealed class PrefixSweep(TargetSession session, CancellationToken cancellationToken)
{
    /// <summary>Every prefix a sweep accepts starts with the tool's marker, so a sweep cannot be aimed at other data.</summary>
    public const string Marker = "scimct-";
    private const int PageSize = 100;
    private const int MaxPages = 1000;
    private readonly ScimClient _client = new(session, _ => { }, cancellationToken);

    /// <summary>Set by the run's own final sweep: once the target leaves one request unanswered (it hangs, or the
    /// connection fails), the sweep stops and names what it did not look at or delete, instead of waiting out a request
    /// timeout per type and per resource.</summary>
    public bool StopAtFirstUnanswered { get; init; }

    private bool _gaveUp;

    /// <summary>Types whose lookup did not work (e.g. the list itself failed), with the reason; they may hold leftovers.</summary>
    public List<string> Problems { get; } = [];

    public static bool IsAcceptablePrefix(string prefix) =>
        prefix.StartsWith(Marker, StringComparison.Ordinal) && prefix.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    /// <summary>True when <paramref name="name"/> carries <paramref name="prefix"/>; the one test every deletion passes.</summary>
    public static bool Carries(string? name, string prefix) =>
        name is not null && name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);

    public async Task<IReadOnlyList<Leftover>> FindAsync(string prefix)
    {
        if (!IsAcceptablePrefix(prefix))
            throw new ArgumentException($"a sweep prefix starts with '{Marker}' and holds only letters, digits and '-'", nameof(prefix));
        var discovery = await session.DiscoveryAsync();
        var filterSupported = discovery.ServiceProviderConfigOrNull?.Path("filter.supported").IsTrue() == true;
        var found = new List<Leftover>();
        foreach (var type in discovery.ResourceTypes)
        {
            var name = ResourceFactory.NameOf(type);
            if (_gaveUp)
            {
                Problems.Add($"{name}: not looked at, the target had stopped answering");
                continue;
            }
            if (type.StringMember("endpoint") is not { } endpoint)
                continue;
            if (NamingAttribute(discovery, type) is not { } attribute)
            {
                Problems.Add($"{name}: its schema has no string attribute to name resources by, so it was not searched");
                continue;
            }
            IReadOnlyList<JsonObject>? resources = null;
            try
            {
                if (filterSupported)
                    resources = await ListAsync(endpoint, $"filter={Uri.EscapeDataString($"{attribute} sw \"{prefix}\"")}");
                resources ??= await ListAsync(endpoint, "");
            }
            catch (HarnessException e)
            {
                // One type the target will not list (or names outside its base URL) does not stop the others' sweep.
                Problems.Add($"{name}: {endpoint} could not be listed ({e.Message})");
                _gaveUp = StopAtFirstUnanswered && Unanswered(e);
                continue;
            }
            if (resources is null)
            {
                Problems.Add($"{name}: {endpoint} could not be listed");
                continue;
            }
            foreach (var resource in resources)
            {
                var value = resource.StringMember(attribute);
                if (Carries(value, prefix) && resource.StringMember("id") is { Length: > 0 } id)
                    found.Add(new Leftover(name, $"{endpoint.TrimStart('/').TrimEnd('/')}/{Uri.EscapeDataString(id)}", attribute, value!));
            }
        }
        // Groups first: deleting them first drops their references to the users that go next.
        return found.DistinctBy(l => l.Location).OrderBy(l => l.ResourceType == "Group" ? 0 : 1).ThenBy(l => l.ResourceType, StringComparer.Ordinal)
            .ThenBy(l => l.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>The target left the request unanswered: a timeout, or a connection that failed or broke.</summary>
    private static bool Unanswered(HarnessException e) =>
        e.InnerException is not null || e.Message.StartsWith("no complete response", StringComparison.Ordinal);

    /// <summary>Deletes each leftover (404 counts as gone). Returns those that could not be deleted, with why.</summary>
    public async Task<IReadOnlyList<string>> DeleteAsync(IReadOnlyList<Leftover> leftovers, string prefix)
    {
        var failures = new List<string>();
        var client = _client;
        foreach (var leftover in leftovers)
        {
            if (!Carries(leftover.Name, prefix))
                throw new InvalidOperationException($"refusing to delete {leftover.Location}: '{leftover.Name}' does not carry {prefix}");
            if (Safety.RequestBoundary.DotSegment(leftover.Location) is not null || !session.Ownership.ClaimSwept(session.Resolve(leftover.Location)))
            {
                failures.Add($"{leftover.Location} ({leftover.Name}): its id cannot name a resource under its collection, so it was not deleted");
                continue;
            }
            try
            {
                var response = await client.DeleteAsync(leftover.Location);
                if (response.Status is not (>= 200 and < 300) and not 404)
                    failures.Add($"{leftover.Location} ({leftover.Name}): DELETE answered {response.Status}");
            }
            catch (HarnessException e)
            {
                failures.Add($"{leftover.Location} ({leftover.Name}): {e.Message}");
                if (StopAtFirstUnanswered && Unanswered(e))
                {
                    failures.AddRange(leftovers.SkipWhile(l => l != leftover).Skip(1).Select(l => $"{l.Location} ({l.Name}): not deleted, the target had stopped answering"));
                    break;
                }
            }
        }
        return failures;
    }

    /// <summary>The attribute a resource type's resources are named by: the first of userName, displayName and name
    /// that the core schema requires (as a single string), else the first of them it has, else its first required,
    /// writable string attribute. (Agents have an optional displayName but a required name.)</summary>
    public static string? NamingAttribute(DiscoverySnapshot discovery, JsonObject resourceType)
    {
        if (resourceType.StringMember("schema") is not { } urn || discovery.Schema(urn) is not { } schema)
            return null;
        if (IdentifyingAttributes.Known(urn) is { } known)
            return known; // userName even where the schema makes it optional: it is what the factory always sets
        var strings = (schema.Member("attributes") as JsonArray ?? []).OfType<JsonObject>()
            .Where(a => a.StringMember("type") == "string" && !a.Member("multiValued").IsTrue() && a.StringMember("name") is not ("id" or "externalId"))
            .ToList();
        var preferred = new[] { "userName", "displayName", "name" }
            .Select(name => strings.FirstOrDefault(a => string.Equals(a.StringMember("name"), name, StringComparison.OrdinalIgnoreCase)))
            .OfType<JsonObject>()
            .ToList();
        var chosen = preferred.FirstOrDefault(a => a.Member("required").IsTrue())
            ?? preferred.FirstOrDefault()
            ?? strings.FirstOrDefault(a => a.Member("required").IsTrue() && a.StringMember("mutability") != "readOnly");
        return chosen?.StringMember("name");
    }

    /// <summary>Every resource the query lists, page by page; null when the endpoint does not answer with a list.</summary>
    private async Task<IReadOnlyList<JsonObject>?> ListAsync(string endpoint, string query)
    {
        var client = _client;
        var all = new List<JsonObject>();
        var startIndex = 1;
        for (var page = 0; page < MaxPages; page++)
        {
            var separator = query.Length > 0 ? "&" : "";
            var response = await client.GetAsync($"{endpoint.TrimStart('/')}?{query}{separator}startIndex={startIndex}&count={PageSize}");
            if (response.Status != 200 || response.JsonObject is not { } body || body.Member("Resources") is not (JsonArray or null))
                return page == 0 ? null : all;
            var listPage = new ListPage(response);
            var resources = listPage.Resources;
            all.AddRange(resources);
            var total = listPage.TotalResults;
            startIndex += resources.Count;
            if (resources.Count == 0 || total is null || startIndex > total)
                return all;
        }
        Problems.Add($"{endpoint}: stopped after {MaxPages} pages");
        return all;
    }
}
