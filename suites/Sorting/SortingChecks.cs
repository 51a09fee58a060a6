using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Sorting;

/// <summary>RFC 7644 §3.4.2.3: <c>sortBy</c> and <c>sortOrder</c>. Every check sorts its own four users (carol,
/// Alice, Zed, bjensen, created in that order) within a filter that selects only them. Orders are stated by the part
/// of the userName after the cohort's shared prefix. Where the case rule is not what is being checked, an order is
/// accepted when it is sorted either case-insensitively or case-sensitively: sort.case-rule alone judges which.</summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class SortingChecks : SortCheck
{
    [Check("sort.sort-by", "sortBy orders the results by the named attribute",
        References = ["RFC7644 §3.4.2.3"], Rows = ["RFC7644-3.4.2.3-SORTBY"], Tags = ["sort"],
        Requirement = "`sortBy` names the attribute whose value orders the results: four users created as carol, Alice, Zed, bjensen and queried with sortBy=userName&sortOrder=ascending come back ordered by userName, not in the order they were created.")]
    public async Task SortBy()
    {
        var cohort = await CreateCohortAsync(await SortableUserTypeAsync());
        var actual = WholeCohortInOrder(cohort, await SortedAsync(cohort, "userName", "ascending"));
        var insensitive = Ordered(CreationOrder, t => t, CaseInsensitive);
        var sensitive = Ordered(CreationOrder, t => t, CaseSensitive);
        Expect.That(Same(actual, insensitive) || Same(actual, sensitive), "sortBy=userName did not order the results by userName",
            $"ascending by userName: {Words(insensitive)} (or, case-sensitively, {Words(sensitive)})",
            $"{Words(actual)}{(Same(actual, CreationOrder) ? " (the order the users were created in)" : "")}");
    }

    [Check("sort.default-ascending", "Without sortOrder, results are sorted ascending",
        References = ["RFC7644 §3.4.2.3"], Rows = ["RFC7644-3.4.2.3-DEFAULT-ASC"], Tags = ["sort"],
        Requirement = "When `sortBy` is given and `sortOrder` is not, the order SHALL default to ascending: sortBy=userName alone returns the check's users in ascending userName order.")]
    public async Task DefaultAscending()
    {
        var cohort = await CreateCohortAsync(await SortableUserTypeAsync());
        var actual = WholeCohortInOrder(cohort, await SortedAsync(cohort, "userName"));
        var insensitive = Ordered(CreationOrder, t => t, CaseInsensitive);
        var sensitive = Ordered(CreationOrder, t => t, CaseSensitive);
        var descending = Same(actual, insensitive.Reverse().ToList()) || Same(actual, sensitive.Reverse().ToList());
        Expect.That(Same(actual, insensitive) || Same(actual, sensitive), "sortBy without sortOrder did not sort ascending",
            $"ascending by userName: {Words(insensitive)} (or, case-sensitively, {Words(sensitive)})",
            $"{Words(actual)}{(descending ? " (descending)" : "")}");
    }

    [Check("sort.descending", "sortOrder=descending reverses the order",
        References = ["RFC7644 §3.4.2.3"], Rows = ["RFC7644-3.4.2.3-DESC"], Tags = ["sort"],
        Requirement = "`sortOrder=descending` returns the results in descending order of the `sortBy` attribute: sortBy=userName&sortOrder=descending returns the check's users from the greatest userName to the least.")]
    public async Task Descending()
    {
        var cohort = await CreateCohortAsync(await SortableUserTypeAsync());
        var actual = WholeCohortInOrder(cohort, await SortedAsync(cohort, "userName", "descending"));
        var insensitive = Ordered(CreationOrder, t => t, CaseInsensitive).Reverse().ToList();
        var sensitive = Ordered(CreationOrder, t => t, CaseSensitive).Reverse().ToList();
        var ascending = Same(actual, insensitive.AsEnumerable().Reverse().ToList()) || Same(actual, sensitive.AsEnumerable().Reverse().ToList());
        Expect.That(Same(actual, insensitive) || Same(actual, sensitive), "sortOrder=descending did not reverse the order",
            $"descending by userName: {Words(insensitive)} (or, case-sensitively, {Words(sensitive)})",
            $"{Words(actual)}{(ascending ? " (ascending: sortOrder was ignored)" : "")}");
    }

    [Check("sort.case-rule", "Strings sort by the attribute's case rule (userName: case-insensitively)",
        References = ["RFC7644 §3.4.2.3", "RFC7643 §2.2"], Rows = ["RFC7644-3.4.2.3-CASE-RULE"], Tags = ["sort", "case"],
        Requirement = "Sorting follows the attribute's `caseExact`: for a case-insensitive attribute (userName, unless the server's schema says caseExact true) the order is case-insensitive Unicode order without a locale, so Alice, bjensen, carol, Zed — not the byte order Alice, Zed, bjensen, carol; for a caseExact attribute, the case-sensitive order.")]
    public async Task CaseRule()
    {
        var userType = await SortableUserTypeAsync();
        var caseExact = (await UserAttributeAsync("userName")).Member("caseExact").IsTrue();
        var cohort = await CreateCohortAsync(userType);
        var actual = WholeCohortInOrder(cohort, await SortedAsync(cohort, "userName", "ascending"));
        var expected = Ordered(CreationOrder, t => t, caseExact ? CaseSensitive : CaseInsensitive);
        var other = Ordered(CreationOrder, t => t, caseExact ? CaseInsensitive : CaseSensitive);
        Expect.That(Same(actual, expected),
            caseExact
                ? "userName is declared caseExact, but the results were not sorted case-sensitively"
                : "userName is case-insensitive (caseExact false), but the results were not sorted case-insensitively",
            $"{(caseExact ? "case-sensitive" : "case-insensitive")} ascending order: {Words(expected)}",
            $"{Words(actual)}{(Same(actual, other) ? $" ({(caseExact ? "case-insensitive" : "case-sensitive byte")} order)" : "")}");
    }

    [Check("sort.missing-values", "Resources without the sortBy value sort last ascending and first descending",
        References = ["RFC7644 §3.4.2.3"], Rows = ["RFC7644-3.4.2.3-MISSING-LAST"], Tags = ["sort"],
        Requirement = "A resource with no value for the `sortBy` attribute is ordered last when ascending and first when descending: of the check's users, Alice has no title, so sortBy=title puts her last, and sortBy=title&sortOrder=descending first.")]
    public async Task MissingValues()
    {
        var userType = await SortableUserTypeAsync();
        await UserAttributeAsync("title");
        var titles = new Dictionary<string, string> { ["carol"] = "Zeta", ["Zed"] = "Analyst", ["bjensen"] = "Tour Guide" };
        var cohort = await CreateCohortAsync(userType, (tail, body) =>
        {
            if (titles.TryGetValue(tail, out var title))
                body["title"] = title;
        });
        var ascending = WholeCohortInOrder(cohort, await SortedAsync(cohort, "title", "ascending"));
        var descending = WholeCohortInOrder(cohort, await SortedAsync(cohort, "title", "descending"));
        var problems = new List<string>();
        if (ascending[^1] != "Alice")
            problems.Add($"ascending: {Words(ascending)} (Alice, without a title, is not last)");
        if (descending[0] != "Alice")
            problems.Add($"descending: {Words(descending)} (Alice, without a title, is not first)");
        Expect.NoProblems(problems, "a resource without a value for sortBy was not placed where RFC 7644 puts it",
            "sortBy=title: Alice (no title) last when ascending and first when descending");
    }

    [Check("sort.complex-sub-attribute", "sortBy accepts a sub-attribute path (name.familyName)",
        References = ["RFC7644 §3.4.2.3", "RFC7644 §3.10"], Rows = ["RFC7644-3.4.2.3-COMPLEX-SUBATTR"], Tags = ["sort", "sub-attribute"],
        Requirement = "A complex attribute is sorted by a sub-attribute in attribute notation: sortBy=name.familyName answers 200 and orders the check's users by their family names (Adams, Brown, Jensen, Wilson), an order that is neither their creation order nor their userName order.")]
    public async Task ComplexSubAttribute()
    {
        var userType = await SortableUserTypeAsync();
        await UserAttributeAsync("name.familyName");
        var families = new Dictionary<string, string> { ["carol"] = "Brown", ["Alice"] = "Wilson", ["Zed"] = "Adams", ["bjensen"] = "Jensen" };
        var cohort = await CreateCohortAsync(userType, (tail, body) =>
            body["name"] = new JsonObject { ["familyName"] = families[tail], ["givenName"] = tail });
        var actual = WholeCohortInOrder(cohort, await SortedAsync(cohort, "name.familyName", "ascending"));
        var expected = Ordered(CreationOrder, t => families[t], CaseInsensitive);
        Expect.That(Same(actual, expected), "sortBy=name.familyName did not order the results by family name",
            $"{Words(expected)} (family names {Words(expected.Select(t => families[t]))})",
            $"{Words(actual)} (family names {Words(actual.Select(t => families[t]))})");
    }

    [Check("sort.multi-valued-primary", "A multi-valued sort key uses the primary value",
        References = ["RFC7644 §3.4.2.3", "RFC7643 §2.4"], Rows = ["RFC7644-3.4.2.3-MULTIVALUED-PRIMARY"], Tags = ["sort", "multi-valued"],
        Requirement = "When `sortBy` names a multi-valued attribute, each resource is sorted by its primary value (else its first value): each user has two emails, the primary one sometimes first and sometimes second, so sortBy=emails.value gives the order of the primary emails, which differs from the order of the first and of the last emails.")]
    public async Task MultiValuedPrimary()
    {
        var userType = await SortableUserTypeAsync();
        await UserAttributeAsync("emails.value");
        // Primary keys a..d give Alice, bjensen, carol, Zed; the first emails give Alice, carol, bjensen, Zed;
        // the last emails give bjensen, Zed, carol, Alice: three different orders, all different from creation order.
        var emails = new Dictionary<string, (string Primary, string Other, bool PrimaryFirst)>
        {
            ["Alice"] = ("a", "z", true),
            ["bjensen"] = ("b", "w", false),
            ["carol"] = ("c", "x", true),
            ["Zed"] = ("d", "y", false),
        };
        string Address(string key, JsonObject body) => $"{key}-{body.StringMember("userName")}@example.com".ToLowerInvariant();
        var primaries = new Dictionary<string, string>();
        var cohort = await CreateCohortAsync(userType, (tail, body) =>
        {
            var (primaryKey, otherKey, primaryFirst) = emails[tail];
            var primary = new JsonObject { ["value"] = Address(primaryKey, body), ["type"] = "work", ["primary"] = true };
            var other = new JsonObject { ["value"] = Address(otherKey, body), ["type"] = "home", ["primary"] = false };
            body["emails"] = primaryFirst ? new JsonArray(primary, other) : new JsonArray(other, primary);
            primaries[tail] = primary["value"]!.GetValue<string>();
        });
        var actual = WholeCohortInOrder(cohort, await SortedAsync(cohort, "emails.value", "ascending"));
        var expected = Ordered(CreationOrder, t => emails[t].Primary, CaseInsensitive);
        var byLast = Ordered(CreationOrder, t => emails[t].PrimaryFirst ? emails[t].Other : emails[t].Primary, CaseInsensitive);
        var byFirst = Ordered(CreationOrder, t => emails[t].PrimaryFirst ? emails[t].Primary : emails[t].Other, CaseInsensitive);
        var hint = Same(actual, byLast) ? " (the order of each user's last email)"
            : Same(actual, byFirst) ? " (the order of each user's first email, ignoring `primary`)" : "";
        Expect.That(Same(actual, expected), "sortBy=emails.value did not sort each user by its primary email",
            $"{Words(expected)} (by the primary emails {Words(expected.Select(t => primaries[t]))})",
            $"{Words(actual)}{hint}");
    }

    [Check("sort.before-paging", "Sorting applies to the whole result before it is paged",
        References = ["RFC7644 §3.4.2.3", "RFC7644 §3.4.2.4"], Rows = ["RFC7644-3.4.2.3-WITH-PAGING"], Tags = ["sort", "pagination"],
        Requirement = "Sorting is applied before pagination: the pages of sortBy=userName with count=2 (startIndex 1, then 3) put together give the same order as the whole sorted result, not each page's slice of the creation order sorted on its own.")]
    public async Task BeforePaging()
    {
        var userType = await SortableUserTypeAsync();
        if ((await DiscoveryAsync()).ServiceProviderConfig.Path("pagination.index") is { } index && index.IsBoolean() && !index.IsTrue())
            throw new NotApplicableException("the ServiceProviderConfig says pagination.index is false: startIndex paging is not offered");
        var cohort = await CreateCohortAsync(userType);
        var whole = WholeCohortInOrder(cohort, await SortedAsync(cohort, "userName", "ascending"));
        if (!Same(whole, Ordered(CreationOrder, t => t, CaseInsensitive)) && !Same(whole, Ordered(CreationOrder, t => t, CaseSensitive)))
            throw new PrerequisiteException($"the unpaged result is not sorted by userName ({Words(whole)}): see sort.sort-by");
        var first = await SortedAsync(cohort, "userName", "ascending", "startIndex=1&count=2");
        var second = await SortedAsync(cohort, "userName", "ascending", "startIndex=3&count=2");
        var paged = cohort.TailsOf(first.Ids.Concat(second.Ids)).ToList();
        Expect.That(Same(paged, whole), "the pages of a sorted query do not follow the sorted order",
            $"page 1 then page 2: {Words(whole)}, as in the unpaged sorted result",
            $"page 1: {Words(cohort.TailsOf(first.Ids))}; page 2: {Words(cohort.TailsOf(second.Ids))}");
    }

    [Check("sort.attribute-name-case-insensitive", "The sortBy attribute name is case-insensitive",
        References = ["RFC7644 §3.4.2.3", "RFC7644 §3.10", "RFC7643 §2.1"], Rows = ["RFC7644-3.4.2.3-ATTR-CASE"], Tags = ["sort", "case"],
        Requirement = "Attribute names are case-insensitive, in `sortBy` too: sortBy=USERNAME orders the check's users exactly as sortBy=userName does, and that order is sorted.")]
    public async Task AttributeNameCaseInsensitive()
    {
        var cohort = await CreateCohortAsync(await SortableUserTypeAsync());
        var reference = WholeCohortInOrder(cohort, await SortedAsync(cohort, "userName", "ascending"));
        if (!Same(reference, Ordered(CreationOrder, t => t, CaseInsensitive)) && !Same(reference, Ordered(CreationOrder, t => t, CaseSensitive)))
            throw new PrerequisiteException($"sortBy=userName itself does not sort ({Words(reference)}): see sort.sort-by");
        var upper = await ListAsync(cohort.UserType, FilterQuery(cohort.Filter, "sortBy=USERNAME&sortOrder=ascending"));
        if (upper.Response.Status != 200)
            await RequireConfinementAsync(cohort);
        Expect.Status(upper.Response, 200, "attribute names are case-insensitive (RFC 7643 §2.1), so sortBy=USERNAME names userName");
        var actual = WholeCohortInOrder(cohort, upper);
        Expect.That(Same(actual, reference), "sortBy=USERNAME did not sort like sortBy=userName",
            $"{Words(reference)}, as for sortBy=userName",
            $"{Words(actual)}{(Same(actual, CreationOrder) ? " (the creation order: the attribute was not recognised)" : "")}");
    }
}
