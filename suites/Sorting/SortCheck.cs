using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Sorting;

/// <summary>What the sorting checks share. Each check creates its own four users — created in the order carol,
/// Alice, Zed, bjensen, which is neither ascending nor descending under any comparison, so a server that ignores
/// <c>sortBy</c> and answers in creation order is caught — and confines every query to them with the cohort's filter,
/// so the tenant's other data never matters. Sorting is only judged when the ServiceProviderConfig advertises
/// <c>sort.supported</c>; confining needs <c>filter.supported</c> too.</summary>
public abstract class SortCheck : ScimCheck
{
    /// <summary>The cohort's userName tails, in creation order.</summary>
    protected static readonly string[] CreationOrder = ["carol", "Alice", "Zed", "bjensen"];

    /// <summary>The User resource type, once sorting and filtering are both advertised.</summary>
    protected async Task<JsonObject> SortableUserTypeAsync()
    {
        await RequireCapabilityAsync("sort.supported");
        await RequireCapabilityAsync("filter.supported");
        return await ResourceTypeAsync(ScimUrns.User);
    }

    /// <summary>Creates the check's four users (see the class summary); <paramref name="adjust"/> sets what the
    /// check sorts on, per tail.</summary>
    protected Task<Cohort> CreateCohortAsync(JsonObject userType, Action<string, JsonObject>? adjust = null) =>
        Resources.CreateUserCohortAsync(userType, CreationOrder
            .Select(tail => (tail, adjust is null ? null : (Action<JsonObject>?)(body => adjust(tail, body))))
            .ToArray());

    /// <summary>GET {endpoint}?filter={cohort}&amp;sortBy=…[&amp;sortOrder=…][&amp;more]; anything but 200 is a
    /// violation, since the server advertises sorting.</summary>
    protected async Task<ListPage> SortedAsync(Cohort cohort, string sortBy, string? sortOrder = null, string more = "")
    {
        var parameters = $"sortBy={Uri.EscapeDataString(sortBy)}"
            + (sortOrder is null ? "" : $"&sortOrder={sortOrder}")
            + (more.Length > 0 ? "&" + more : "");
        var page = await ListAsync(cohort.UserType, FilterQuery(cohort.Filter, parameters));
        if (page.Response.Status != 200)
            await RequireConfinementAsync(cohort);
        Expect.Status(page.Response, 200,
            $"the ServiceProviderConfig advertises sort.supported, so a query sorted by {sortBy} is answered (RFC 7644 §3.4.2.3)");
        return page;
    }

    /// <summary>After a sorted query failed: when the cohort's filter alone fails too, the fault is the filter's,
    /// not the sort's, and the check is Skipped naming it.</summary>
    protected async Task RequireConfinementAsync(Cohort cohort)
    {
        var plain = await ListAsync(cohort.UserType, FilterQuery(cohort.Filter));
        if (plain.Response.Status != 200)
            throw new PrerequisiteException($"{plain.Summary}: the filter {cohort.Filter} that confines the check to its own users is refused (see filter.only-matches)");
    }

    /// <summary>The userName tails of the page, in page order, once it is certain the page holds exactly the
    /// cohort; otherwise the check cannot judge an order and is Skipped naming the filter.</summary>
    protected static IReadOnlyList<string> WholeCohortInOrder(Cohort cohort, ListPage page)
    {
        var expected = cohort.Members.Select(m => m.StringMember("id")!).ToHashSet();
        var ids = page.Ids;
        if (ids.Count != expected.Count || !ids.ToHashSet().SetEquals(expected))
            throw new PrerequisiteException(
                $"{page.Summary}: the filter {cohort.Filter} did not return exactly the {expected.Count} users the check created "
                + $"(got {ScimJson.List(cohort.TailsOf(ids))}), so no order can be judged (see filter.only-matches)");
        return cohort.TailsOf(ids);
    }

    /// <summary>The tails ordered by a key, ascending, under a comparison; resources without a key go last.</summary>
    protected static IReadOnlyList<string> Ordered(IEnumerable<string> tails, Func<string, string> key, IComparer<string> comparer) =>
        tails.OrderBy(key, comparer).ToList();

    /// <summary>Case-insensitive order by code point, without a locale (RFC 7644 §3.4.2.3 for caseExact false).</summary>
    protected static readonly IComparer<string> CaseInsensitive =
        Comparer<string>.Create((a, b) => string.CompareOrdinal(a.ToLowerInvariant(), b.ToLowerInvariant()));

    /// <summary>Case-sensitive order by code point (RFC 7644 §3.4.2.3 for caseExact true).</summary>
    protected static readonly IComparer<string> CaseSensitive = StringComparer.Ordinal;

    protected static bool Same(IReadOnlyList<string> a, IReadOnlyList<string> b) => a.SequenceEqual(b, StringComparer.Ordinal);

    /// <summary>"carol, Alice, Zed, bjensen": an order in words, by userName tail.</summary>
    protected static string Words(IEnumerable<string> tails) => string.Join(", ", tails);

    /// <summary>The definition of a User attribute (<c>title</c>, <c>name.familyName</c>, <c>emails.value</c>)
    /// from the server's own schema; NotApplicable when the schema does not define it.</summary>
    protected async Task<JsonObject> UserAttributeAsync(string path)
    {
        var discovery = await DiscoveryAsync();
        if (discovery.Schema(ScimUrns.User) is null)
            throw new PrerequisiteException($"the User schema {ScimUrns.User} is not in /Schemas");
        return discovery.Attribute(ScimUrns.User, path)
            ?? throw new NotApplicableException($"the server's User schema defines no attribute {path} to sort on");
    }
}
