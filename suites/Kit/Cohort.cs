using System.Text.Json.Nodes;

namespace Scim.Conformance.Suites.Kit;

/// <summary>The users one query check creates, all sharing a userName prefix unique to the check, so every query
/// can be confined to them (<c>userName sw "…"</c>) on a tenant that already holds data: no check assumes an empty
/// server or exact global totals.</summary>
public sealed class Cohort
{
    private readonly List<JsonObject> _members = [];

    internal Cohort(string prefix, JsonObject userType)
    {
        Prefix = prefix;
        UserType = userType;
    }

    /// <summary>The shared userName prefix, e.g. <c>scimct-4f9a1c-q7</c>.</summary>
    public string Prefix { get; }
    public JsonObject UserType { get; }
    public IReadOnlyList<JsonObject> Members => _members;

    /// <summary>A userName inside the cohort: the prefix, a dash, and the given tail.</summary>
    public string UserName(string tail) => $"{Prefix}-{tail}";

    /// <summary>The filter that selects exactly the cohort. The trailing dash matters: prefix "q-1" must not also
    /// select cohort "q-10".</summary>
    public string Filter => $"userName sw \"{Prefix}-\"";

    /// <summary>A filter confined to the cohort: <c>userName sw "…" and (expression)</c>.</summary>
    public string Confine(string expression) => $"{Filter} and ({expression})";

    /// <summary>The id of the member whose userName ends with <paramref name="tail"/>.</summary>
    public string IdOf(string tail) =>
        _members.First(m => string.Equals(m.StringMember("userName"), UserName(tail), StringComparison.OrdinalIgnoreCase)).StringMember("id")!;

    /// <summary>The userName tails (after the prefix) of the given ids, for stating results in words.</summary>
    public IReadOnlyList<string> TailsOf(IEnumerable<string> ids) =>
        ids.Select(id => _members.FirstOrDefault(m => m.StringMember("id") == id)?.StringMember("userName") is { } name && name.Length > Prefix.Length + 1
            ? name[(Prefix.Length + 1)..] : $"(not in the cohort: {id})").ToList();

    /// <summary>"Alice, bjensen": the given ids by userName tail, for a sentence.</summary>
    public string Words(IEnumerable<string> ids) => string.Join(", ", TailsOf(ids));

    internal void Add(JsonObject created) => _members.Add(created);
}
