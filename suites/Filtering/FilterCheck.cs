using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Filtering;

/// <summary>What one filtered query returned, stated in the words of the check's own data: the members of its cohort
/// (by userName tail, e.g. "bjensen") and how many resources outside it came back.</summary>
internal sealed class Found
{
    private readonly IReadOnlyList<string> _names;

    public Found(string expression, ListPage page, Func<string, string?> nameOf)
    {
        Expression = expression;
        Page = page;
        var ids = page.Ids;
        _names = ids.Select(nameOf).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        Outside = ids.Count(id => nameOf(id) is null);
    }

    /// <summary>The expression as the check wrote it, before confinement (what a reader needs to see).</summary>
    public string Expression { get; }
    public ListPage Page { get; }
    public ScimResponse Response => Page.Response;
    public int Status => Response.Status;

    /// <summary>The check's own resources that were returned, by name, sorted.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>How many returned resources are not the check's own (the confinement or the filter was not applied).</summary>
    public int Outside { get; }

    public string? ScimType => Response.JsonObject?.StringMember("scimType");

    /// <summary>200 with exactly these of the check's resources and nothing else.</summary>
    public bool Is(params string[] names) =>
        Status == 200 && Outside == 0 && names.Order(StringComparer.Ordinal).SequenceEqual(_names, StringComparer.Ordinal);

    /// <summary>Whether the server refused the filter the way RFC 7644 §3.4.2.2 and §3.12 ask: 400 with scimType invalidFilter.</summary>
    public bool IsInvalidFilter => Status == 400 && string.Equals(ScimType, "invalidFilter", StringComparison.OrdinalIgnoreCase);

    /// <summary>"alice and bjensen", "none of the check's users", "HTTP 400 (scimType invalidFilter: …)".</summary>
    public string Result => Status == 200 ? Matched : Refusal;

    /// <summary>Like <see cref="Result"/>, but naming the status of a 200 too: for filters that should have been refused.</summary>
    public string Summary => Status == 200 ? $"HTTP 200 with {Matched}" : Refusal;

    private string Matched
    {
        get
        {
            var outside = Outside == 0 ? "" : $"{Outside} resource(s) outside the check's own";
            if (_names.Count == 0)
                return outside.Length == 0 ? "no match" : outside;
            return ScimJson.List(outside.Length == 0 ? _names : [.. _names, outside]);
        }
    }

    private string Refusal
    {
        get
        {
            var scimType = ScimType is { } t ? $"scimType {t}" : "no scimType";
            var detail = Response.JsonObject?.StringMember("detail") is { } d ? $": {ScimJson.Abbreviate(d, 120)}" : "";
            return $"HTTP {Status} ({scimType}{detail})";
        }
    }

    /// <summary>A problem line for a check that ran several queries.</summary>
    public string Problem(string expected) => $"`{Expression}` → {Result}, expected {expected}";
}

/// <summary>What the filter checks share (RFC 7644 §3.4.2.2). Each check creates its own small cohort of users
/// (modelled on the requirement catalog's fixture: bjensen the Employee and Tour Guide, alice the Intern without a
/// title, carol titled Zeta without a userType), and confines every query to it with
/// <c>userName sw "{cohort prefix}-" and (…)</c>, so a verdict never depends on what else the tenant holds. Only
/// attributes the discovered User schema declares are set; a check that needs one the server lacks is
/// NotApplicable, naming it.</summary>
public abstract class FilterCheck : ScimCheck
{
    protected const string FilterCapability = "filter.supported";

    /// <summary>The User resource type, once the server advertises filtering.</summary>
    protected async Task<JsonObject> UserTypeAsync()
    {
        await RequireCapabilityAsync(FilterCapability);
        return await ResourceTypeAsync(ScimUrns.User);
    }

    /// <summary>NotApplicable unless the resource type's core schema declares each dotted path
    /// (<c>title</c>, <c>emails.type</c>) as an attribute a client can write.</summary>
    protected async Task RequireAttributesAsync(JsonObject resourceType, params string[] paths)
    {
        var urn = resourceType.StringMember("schema") ?? "";
        foreach (var path in paths)
            await RequireAttributeAsync(resourceType, urn, path);
    }

    /// <summary>As <see cref="RequireAttributesAsync"/>, for an attribute of the schema <paramref name="schemaUrn"/>
    /// (an extension must also be listed in the resource type's <c>schemaExtensions</c>).</summary>
    protected async Task<JsonObject> RequireAttributeAsync(JsonObject resourceType, string schemaUrn, string path)
    {
        var (attribute, missing) = await WritableAttributeAsync(resourceType, schemaUrn, path);
        return attribute ?? throw new NotApplicableException(missing!);
    }

    /// <summary>The definition of a writable attribute of the resource type's core schema, or null when the schema
    /// does not declare it (for optional parts of a check).</summary>
    protected async Task<JsonObject?> DeclaredAsync(JsonObject resourceType, string path) =>
        (await WritableAttributeAsync(resourceType, resourceType.StringMember("schema") ?? "", path)).Attribute;

    /// <summary>The attribute's definition, or why the check cannot set it.</summary>
    private async Task<(JsonObject? Attribute, string? Missing)> WritableAttributeAsync(JsonObject resourceType, string schemaUrn, string path)
    {
        var typeName = ResourceFactory.NameOf(resourceType);
        var isCore = string.Equals(resourceType.StringMember("schema"), schemaUrn, StringComparison.OrdinalIgnoreCase);
        if (!isCore && !(resourceType.Member("schemaExtensions") as JsonArray ?? []).OfType<JsonObject>()
                .Any(e => string.Equals(e.StringMember("schema"), schemaUrn, StringComparison.OrdinalIgnoreCase)))
            return (null, $"the {typeName} resource type does not list the extension {schemaUrn}");
        var discovery = await DiscoveryAsync();
        if (discovery.Schema(schemaUrn) is null)
            return (null, $"/Schemas does not publish {schemaUrn}, which declares `{path}`");
        var attribute = discovery.Attribute(schemaUrn, path);
        var label = isCore ? $"the {typeName} schema" : $"the schema {schemaUrn}";
        if (attribute is null)
            return (null, $"{label} declares no `{path}`, which this check sets and filters on");
        if (attribute.StringMember("mutability") is "readOnly" or "writeOnly")
            return (null, $"{label} declares `{path}` {attribute.StringMember("mutability")}, so the check cannot set it and find it with a filter");
        return (attribute, null);
    }

    /// <summary>The attribute is compared case-insensitively: <c>caseExact</c> false or, by RFC 7643 §2.2's default, absent.</summary>
    protected static bool IsCaseInsensitive(JsonObject attribute) => !attribute.Member("caseExact").IsTrue();

    /// <summary>The catalog's three users: bjensen (title "Tour Guide", userType "Employee"), alice (userType
    /// "Intern", no title) and carol (title "Zeta", no userType), plus any further members the check adds.</summary>
    protected async Task<Cohort> TrioAsync(JsonObject userType, params (string Tail, Action<JsonObject>? Adjust)[] more)
    {
        await RequireAttributesAsync(userType, "title", "userType");
        return await Resources.CreateUserCohortAsync(userType,
        [
            ("bjensen", b => { b["title"] = "Tour Guide"; b["userType"] = "Employee"; }),
            ("alice", b => { b.Remove("title"); b["userType"] = "Intern"; }),
            ("carol", b => { b["title"] = "Zeta"; b.Remove("userType"); }),
            .. more,
        ]);
    }

    /// <summary>The catalog's three users with one more adjustment applied to each by name (e.g. their emails).</summary>
    protected async Task<Cohort> TrioAsync(JsonObject userType, Action<string, JsonObject> each, params (string Tail, Action<JsonObject>? Adjust)[] more)
    {
        await RequireAttributesAsync(userType, "title", "userType");
        (string Tail, Action<JsonObject>? Adjust) Also(string tail, Action<JsonObject> adjust) => (tail, b => { adjust(b); each(tail, b); });
        return await Resources.CreateUserCohortAsync(userType,
        [
            Also("bjensen", b => { b["title"] = "Tour Guide"; b["userType"] = "Employee"; }),
            Also("alice", b => { b.Remove("title"); b["userType"] = "Intern"; }),
            Also("carol", b => { b["title"] = "Zeta"; b.Remove("userType"); }),
            .. more.Select(m => Also(m.Tail, b => m.Adjust?.Invoke(b))),
        ]);
    }

    /// <summary>The catalog's emails, made unique by the user's own name: bjensen a work address at example.com
    /// (primary) and a home one at jensen.org; alice a work one at example.org and a home one at example.com; carol a
    /// home one at example.com; dave a work one at example.net; anyone else none.</summary>
    protected static void CatalogEmails(string tail, JsonObject body, bool withPrimary)
    {
        (string Type, string Domain, bool Primary)[] emails = tail switch
        {
            "bjensen" => [("work", "example.com", true), ("home", "jensen.org", false)],
            "alice" => [("work", "example.org", false), ("home", "example.com", false)],
            "carol" => [("home", "example.com", false)],
            "dave" => [("work", "example.net", false)],
            _ => [],
        };
        if (emails.Length == 0)
        {
            body.Remove("emails");
            return;
        }
        var values = new JsonArray();
        foreach (var (type, domain, primary) in emails)
        {
            var email = new JsonObject { ["value"] = EmailOf(UserNameOf(body), domain), ["type"] = type };
            if (withPrimary && primary)
                email["primary"] = true;
            values.Add(email);
        }
        body["emails"] = values;
    }

    /// <summary>The address <c>{userName}@{domain}</c>, lower-cased.</summary>
    protected static string EmailOf(string userName, string domain) => $"{userName}@{domain}".ToLowerInvariant();

    /// <summary>Sets a sub-attribute of a single-valued complex attribute, keeping what the body already holds.</summary>
    protected static void SetSub(JsonObject body, string attribute, string sub, string value)
    {
        if (body.Member(attribute) is not JsonObject complex)
            body[attribute] = complex = new JsonObject();
        complex[sub] = value;
    }

    /// <summary>GET {Users}?filter=userName sw "{cohort}-" and ({expression}).</summary>
    internal async Task<Found> FindAsync(Cohort cohort, string expression) =>
        await FindConfinedAsync(cohort, expression, cohort.Confine(expression));

    /// <summary>GET {Users}?filter=userName sw "{cohort}-" and {expression}, without parentheses around the
    /// expression, so that a check on <c>not</c> or on operators does not also depend on nested parentheses (those are
    /// filter.grouping's concern). Only for expressions without a top-level <c>or</c>, which <c>and</c> would bind.</summary>
    internal async Task<Found> FindAndAsync(Cohort cohort, string expression) =>
        await FindConfinedAsync(cohort, expression, $"{cohort.Filter} and {expression}");

    /// <summary>A confined query. When it is refused with invalidFilter, the confinement alone is tried: a server that
    /// refuses `sw` (RFC 7644 §3.12 Table 9 lets it refuse an operator it does not support) refused the check's own
    /// scaffolding, not the expression under test, so the check cannot judge it there.</summary>
    private async Task<Found> FindConfinedAsync(Cohort cohort, string expression, string filter)
    {
        var found = await FindRawAsync(cohort, expression, filter);
        if (!found.IsInvalidFilter)
            return found;
        var scope = await FindRawAsync(cohort, cohort.Filter, cohort.Filter);
        if (scope.Status == 400)
            throw new NotApplicableException($"the server refuses `{cohort.Filter}`, the filter with which the check confines its queries to its own users ({scope.Summary}); RFC 7644 §3.12 lets a server refuse an operator or combination it does not support with invalidFilter, so `{expression}` cannot be judged on its own here");
        return found;
    }

    /// <summary>GET {Users}?filter={filter} exactly as given (for filters that must be refused, or must not be rewritten).</summary>
    internal async Task<Found> FindRawAsync(Cohort cohort, string expression, string filter)
    {
        var page = await ListAsync(cohort.UserType, FilterQuery(filter));
        return new Found(expression, page, id => NameIn(cohort, id));
    }

    private static string? NameIn(Cohort cohort, string id) =>
        cohort.Members.Any(m => m.StringMember("id") == id) ? cohort.TailsOf([id])[0] : null;

    /// <summary>"bjensen only", "alice and carol", "no match".</summary>
    protected static string Only(params string[] names) => names.Length switch
    {
        0 => "no match",
        1 => $"{names[0]} only",
        _ => ScimJson.List(names.Order(StringComparer.Ordinal)),
    };

    /// <summary>One query whose result must be exactly <paramref name="expected"/>; otherwise a violation with
    /// <paramref name="reason"/>, the expected set (and <paramref name="why"/>) and the actual one.</summary>
    internal async Task ExpectExactlyAsync(Cohort cohort, string expression, string reason, string why, params string[] expected)
    {
        var found = await FindAsync(cohort, expression);
        Expect.That(found.Is(expected), reason, $"`{expression}` → {Only(expected)} ({why})", found.Result);
    }

    /// <summary>A string with every ASCII letter's case flipped: equal to the original under any case-insensitive
    /// comparison, however simple, and different under a case-sensitive one when it holds a letter.</summary>
    protected static string FlipCase(string value) =>
        new(value.Select(c => char.IsAsciiLetterLower(c) ? char.ToUpperInvariant(c) : char.IsAsciiLetterUpper(c) ? char.ToLowerInvariant(c) : c).ToArray());

    /// <summary>A JSON string literal for a filter (quotes and backslashes escaped).</summary>
    protected static string Quote(string value) => $"\"{value.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"";

    /// <summary>The user's own userName (already set by the cohort when an adjust action runs).</summary>
    protected static string UserNameOf(JsonObject body) => body.StringMember("userName") ?? "";
}
