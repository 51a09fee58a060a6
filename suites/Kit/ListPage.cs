using System.Text.Json.Nodes;

namespace Scim.Conformance.Suites.Kit;

/// <summary>A ListResponse as the query checks read it (RFC 7644 §3.4.2, RFC 9865 §2): the members that matter,
/// read leniently so that a malformed page can still be described in a verdict.</summary>
public sealed class ListPage(ScimResponse response)
{
    public ScimResponse Response { get; } = response;
    public JsonObject? Body => Response.JsonObject;
    public long? TotalResults => Integer("totalResults");
    public long? ItemsPerPage => Integer("itemsPerPage");
    public long? StartIndex => Integer("startIndex");
    public string? NextCursor => Body?.StringMember("nextCursor");
    public string? PreviousCursor => Body?.StringMember("previousCursor");
    public bool HasNextCursor => Body?.HasMember("nextCursor") == true;
    public bool HasPreviousCursor => Body?.HasMember("previousCursor") == true;

    public IReadOnlyList<JsonObject> Resources =>
        (Body?.Member("Resources") as JsonArray ?? []).OfType<JsonObject>().ToList();

    public IReadOnlyList<string> Ids => Resources.Select(r => r.StringMember("id") ?? "?").ToList();

    /// <summary>The value of a top-level string attribute of each resource, in page order (e.g. userName).</summary>
    public IReadOnlyList<string?> Values(string attribute) => Resources.Select(r => r.StringMember(attribute)).ToList();

    public string Summary => $"{Response.Summary} with {Resources.Count} resource(s), totalResults {TotalResults?.ToString() ?? "absent"}";

    private long? Integer(string name) => Body?.Member(name).IsInteger() == true ? Body!.Member(name)!.GetValue<long>() : null;
}
