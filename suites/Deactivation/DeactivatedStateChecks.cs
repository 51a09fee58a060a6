using System.Globalization;
using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Deactivation;

/// <summary>
/// What a deactivated resource looks like afterwards, whatever route deactivated it (these checks use PUT, which every
/// server has): still there, still listed, found by <c>active eq false</c>, otherwise unchanged, its meta moved on;
/// deactivating twice is harmless and reactivating restores it. Identity providers rely on all of it: they suspend
/// first and delete (much) later, and they reconcile by listing.
/// </summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class DeactivatedStateChecks : DeactivationCheck
{
    [Check("deactivation.state.still-listed", "A deactivated resource is still listed",
        References = ["RFC7644 §3.4.2", "RFC7643 §4.1.1"], Rows = ["RFC7644-3.4.2.2-ONLY-MATCHES", "RFC7643-4.1.1-ACTIVE"], Tags = ["deactivation", "list", "filter"],
        Requirement = "Deactivation is not deletion: a query for the resource by id still returns it, with active false. Needs filter.supported.")]
    public async Task StillListed()
    {
        await RequireCapabilityAsync("filter.supported");
        var problems = new List<string>();
        foreach (var type in await DeactivatableTypesAsync())
        {
            var resource = await CreateActiveAsync(type);
            await PutActiveOrSkipAsync(type, IdOf(resource), active: false);
            var page = await ListAsync(type, FilterQuery(IdFilter(IdOf(resource))));
            var listed = page.Resources.FirstOrDefault(r => r.StringMember("id") == IdOf(resource));
            if (listed is null)
                problems.Add($"{NameOf(type)}: {page.Summary}, without the deactivated resource");
            else if (listed.HasMember("active") && !IsInactive(listed))
                problems.Add($"{NameOf(type)}: listed with active {ScimJson.Describe(listed.Member("active"))}");
        }
        Expect.NoProblems(problems, "a deactivated resource disappeared from query results",
            "the resource still returned by a query for its id, with active false");
    }

    [Check("deactivation.state.active-filter", "active eq false finds a deactivated resource and active eq true does not",
        References = ["RFC7644 §3.4.2.2", "RFC7643 §4.1.1"], Rows = ["RFC7644-3.4.2.2-OP-EQ", "RFC7644-3.4.2.2-DEFAULTED-VALUE", "RFC7643-4.1.1-ACTIVE"], Tags = ["deactivation", "filter"],
        Requirement = "A filter on active uses the stored value: after deactivation, (id eq X and active eq false) returns the resource and (id eq X and active eq true) does not. Needs filter.supported.")]
    public async Task ActiveFilter()
    {
        await RequireCapabilityAsync("filter.supported");
        var problems = new List<string>();
        foreach (var type in await DeactivatableTypesAsync())
        {
            var resource = await CreateActiveAsync(type);
            await PutActiveOrSkipAsync(type, IdOf(resource), active: false);
            var id = IdOf(resource);
            var (inactive, inactiveResponse) = await IdsMatchingAsync(type, $"{IdFilter(id)} and active eq false");
            // Confining the query to the check's own resource needs `and`; a server that refuses the expression
            // (400, as RFC 7644 §3.12 allows for a filter it does not support) cannot show here what active holds.
            if (inactiveResponse.Status == 400)
                throw new NotApplicableException($"the server refused the filter that confines the query to the check's own resource ({inactiveResponse.Summary}{ErrorReplies.DetailHint(inactiveResponse)}); filter.logic.and judges that support");
            if (!inactive.Contains(id))
                problems.Add($"{NameOf(type)}: active eq false → {inactiveResponse.Summary}, without it");
            var (active, activeResponse) = await IdsMatchingAsync(type, $"{IdFilter(id)} and active eq true");
            if (active.Contains(id))
                problems.Add($"{NameOf(type)}: active eq true → {activeResponse.Summary}, with it");
        }
        Expect.NoProblems(problems, "a filter on active does not reflect the deactivation",
            "active eq false matches the deactivated resource and active eq true does not, for every type");
    }

    [Check("deactivation.state.other-attributes-unchanged", "Deactivation changes active and nothing else",
        References = ["RFC7644 §3.5.1", "RFC7643 §4.1.1"], Rows = ["RFC7644-3.5.1-PUT-REPLACES"], Tags = ["deactivation", "put"],
        Requirement = "Replacing a resource with its own representation and active false changes only active (and meta): every other attribute reads back as before, so a later reactivation restores the identity whole.")]
    public async Task OtherAttributesUnchanged()
    {
        var problems = new List<string>();
        foreach (var type in await DeactivatableTypesAsync())
        {
            var resource = await CreateActiveAsync(type, rich: true);
            var before = await ReadOrSkipAsync(type, IdOf(resource));
            await PutActiveOrSkipAsync(type, IdOf(resource), active: false);
            var after = await ReadOrSkipAsync(type, IdOf(resource));
            var changed = before.Select(p => p.Key).Union(after.Select(p => p.Key))
                .Where(name => name is not ("meta" or "active") && !JsonNode.DeepEquals(before.Member(name), after.Member(name)))
                .Select(name => $"{name}: {ScimJson.Abbreviate(ScimJson.Describe(before.Member(name)), 60)} → {ScimJson.Abbreviate(ScimJson.Describe(after.Member(name)), 60)}")
                .ToList();
            if (changed.Count > 0)
                problems.Add($"{NameOf(type)}: {string.Join("; ", changed)}");
        }
        Expect.NoProblems(problems, "deactivation changed attributes other than active",
            "every attribute but active and meta reads back as before the deactivation");
    }

    [Check("deactivation.state.meta-advanced", "Deactivation moves meta.lastModified on (and meta.version, when present)",
        References = ["RFC7643 §3.1", "RFC7644 §3.14"], Rows = ["RFC7643-3.1-META-LASTMOD-ADVANCES", "RFC7644-3.14-ETAG-CHANGES"], Tags = ["deactivation", "meta", "etag"],
        Requirement = "Deactivation is a modification: meta.lastModified afterwards is later than before (equal is tolerated only when the server's timestamps have whole-second precision), and a meta.version present before and after differs, so that caches and conditional requests notice.")]
    public async Task MetaAdvanced()
    {
        var problems = new List<string>();
        foreach (var type in await DeactivatableTypesAsync())
        {
            var resource = await CreateActiveAsync(type);
            var before = await ReadOrSkipAsync(type, IdOf(resource));
            await PutActiveOrSkipAsync(type, IdOf(resource), active: false);
            var after = await ReadOrSkipAsync(type, IdOf(resource));
            var earlier = before.Path("meta.lastModified") as JsonValue;
            var later = after.Path("meta.lastModified") as JsonValue;
            if (Time(earlier) is not { } t0 || Time(later) is not { } t1)
            {
                problems.Add($"{NameOf(type)}: meta.lastModified is not a dateTime before or after ({ScimJson.Describe(earlier)} → {ScimJson.Describe(later)})");
                continue;
            }
            var wholeSeconds = !earlier!.ToString().Contains('.', StringComparison.Ordinal);
            if (t1 < t0 || (t1 == t0 && !wholeSeconds))
                problems.Add($"{NameOf(type)}: meta.lastModified {earlier} → {later}");
            if (before.Path("meta.version") is JsonValue v0 && after.Path("meta.version") is JsonValue v1 && v0.ToString() == v1.ToString())
                problems.Add($"{NameOf(type)}: meta.version stayed {v0}");
        }
        Expect.NoProblems(problems, "the deactivation left meta as if nothing had changed",
            "meta.lastModified later than before, and meta.version changed when the server versions resources");
    }

    [Check("deactivation.state.twice", "Deactivating an inactive resource again succeeds",
        References = ["RFC7644 §3.5.1", "RFC9110 §9.2.2"], Rows = ["RFC7644-3.5.1-PUT-REPLACES"], Tags = ["deactivation", "put", "idempotent"],
        Requirement = "PUT is idempotent: sending active false to a resource that is already inactive answers 2xx and leaves it inactive. Identity providers resend deprovisioning on every sync.")]
    public async Task Twice()
    {
        var problems = new List<string>();
        foreach (var type in await DeactivatableTypesAsync())
        {
            var resource = await CreateActiveAsync(type);
            await PutActiveOrSkipAsync(type, IdOf(resource), active: false);
            var again = await PutActiveAsync(type, IdOf(resource), active: false);
            if (again.Status is < 200 or >= 300)
                problems.Add($"{NameOf(type)}: the second deactivation {again.Summary}{ErrorReplies.DetailHint(again)}");
            else if (await DeactivationProblemAsync(type, IdOf(resource)) is { } problem)
                problems.Add(problem);
        }
        Expect.NoProblems(problems, "deactivating an already inactive resource failed",
            "the repeated PUT answers 2xx and the resource stays inactive");
    }

    [Check("deactivation.state.reactivation", "Setting active back to true restores the resource",
        References = ["RFC7644 §3.5.1", "RFC7643 §4.1.1"], Rows = ["RFC7644-3.5.1-PUT-REPLACES", "RFC7643-4.1.1-ACTIVE"], Tags = ["deactivation", "put", "filter"],
        Requirement = "A deactivated resource can be reactivated: PUT with active true answers 2xx, a fresh GET shows active true, and (with filter.supported) active eq true finds it again.")]
    public async Task Reactivation()
    {
        var filters = (await DiscoveryAsync()).ServiceProviderConfig.Path("filter.supported").IsTrue();
        var problems = new List<string>();
        foreach (var type in await DeactivatableTypesAsync())
        {
            var resource = await CreateActiveAsync(type);
            await PutActiveOrSkipAsync(type, IdOf(resource), active: false);
            var back = await PutActiveAsync(type, IdOf(resource), active: true);
            if (back.Status is < 200 or >= 300)
            {
                problems.Add($"{NameOf(type)}: the reactivation {back.Summary}{ErrorReplies.DetailHint(back)}");
                continue;
            }
            if (await DeactivationProblemAsync(type, IdOf(resource), expectedActive: true) is { } problem)
            {
                problems.Add(problem);
                continue;
            }
            if (filters)
            {
                var (ids, response) = await IdsMatchingAsync(type, $"{IdFilter(IdOf(resource))} and active eq true");
                // A refused confining filter (400) says nothing about reactivation: deactivation.state.active-filter
                // and filter.logic.and report it.
                if (response.Status != 400 && !ids.Contains(IdOf(resource)))
                    problems.Add($"{NameOf(type)}: active eq true → {response.Summary}, without the reactivated resource");
            }
        }
        Expect.NoProblems(problems, "a deactivated resource could not be reactivated",
            "PUT with active true answers 2xx; GET shows active true; active eq true finds it");
    }

    private static DateTimeOffset? Time(JsonValue? value) =>
        value is not null && value.GetValueKind() == System.Text.Json.JsonValueKind.String
        && DateTimeOffset.TryParse(value.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time) ? time : null;
}
