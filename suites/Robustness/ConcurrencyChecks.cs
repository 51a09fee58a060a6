using System.Text.Json.Nodes;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Suites.Patch;

namespace Scim.Conformance.Suites.Robustness;

/// <summary>
/// Whether the server stays correct when valid requests arrive together, as they do from any provisioning client that
/// works in parallel (and from this suite). A store that is safe only one request at a time answers 500 or loses
/// writes under load; these checks judge that directly, with requests sent at once by the check itself, while the
/// runner's confirmation pass keeps such a server from being blamed for the semantics of the other checks. The set-up
/// (users, a group) is made one request at a time: only the burst under judgement is concurrent.
/// </summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class ConcurrencyChecks : PatchCheck
{
    /// <summary>Requests sent at once: as many as the suite runs checks by default.</summary>
    private const int Burst = 8;

    [Check("robustness.concurrent-writes.no-lost-updates", "PATCHes of one group sent together each keep their change",
        References = ["RFC7644 §3.5.2", "RFC7644 §3.5.2.1"], Rows = ["RFC7644-3.5.2-PATCH-NO-LOST-UPDATE"],
        Tags = ["robustness", "concurrency", "patch", "groups", ServerErrorVerdicts.JudgedByTheCheckTag],
        Requirement = "A PATCH answered 200 or 204 has been applied (RFC 7644 §3.5.2: the success answer follows a successful update), also when other PATCHes of the same resource arrive at the same time: after 8 concurrent PATCHes that each add one member to a group, every member whose PATCH succeeded is in the group, as a fresh read shows.")]
    public async Task NoLostUpdates()
    {
        var groupType = await PatchableGroupTypeAsync();
        var burst = BurstSize();
        var users = new List<string>();
        for (var i = 0; i < burst; i++)
            users.Add(IdOf(await CreateUserAsync()));
        var group = await CreateGroupAsync();

        var answers = await Task.WhenAll(users.Select(user => PatchAsync(groupType, group, Op("add", "members", MemberList(user)))));
        var applied = users.Zip(answers).Where(pair => pair.Second.Status is >= 200 and < 300).ToList();
        var others = answers.Where(answer => answer.Status is < 200 or >= 300).Select(answer => answer.Status).ToList();
        if (applied.Count == 0)
            throw new PrerequisiteException($"none of the {burst} PATCHes sent together succeeded (HTTP {string.Join(", ", others)}), so no update could be lost; robustness.concurrent-requests.no-server-errors judges the errors");

        var members = MemberIds(await ReadOrSkipAsync(groupType, IdOf(group))).ToHashSet(StringComparer.Ordinal);
        var lost = applied.Where(pair => !members.Contains(pair.First)).ToList();
        var unjudged = others.Count == 0 ? "" : $"; {others.Count} other PATCH(es) failed (HTTP {string.Join(", ", others)}) and are not judged here";
        Expect.That(lost.Count == 0,
            $"{lost.Count} of the {applied.Count} PATCHes answered 2xx while sent together were not applied: the group lacks the member each added (a lost update)",
            $"all {applied.Count} users whose add PATCH succeeded listed in members",
            $"{members.Count} member(s); missing {string.Join(", ", lost.Select(pair => $"{pair.First} (its PATCH answered {pair.Second.Status})"))}{unjudged}");
        Context.Observation = $"{burst} PATCHes sent together: {applied.Count} succeeded and every one is applied{unjudged}";
    }

    [Check("robustness.concurrent-requests.no-server-errors", "Valid requests sent together get no server error",
        References = ["RFC7644 §3.12", "RFC7644 §3.3", "RFC7644 §3.4.2"], Rows = ["RFC7644-3.12-500-VALID-REQUESTS"],
        Tags = ["robustness", "concurrency", "users", ServerErrorVerdicts.JudgedByTheCheckTag],
        Requirement = "Valid requests that arrive together are served as they would be one by one: 8 creates of distinct users and 8 filtered list queries sent at once get no 5xx. RFC 7644 §3.12 lists 500 only as the status of a service provider's internal error and states no requirement against it, so a server error here is recorded (Info) for the reader, not graded as a violation of the text.")]
    public async Task NoServerErrors()
    {
        var userType = await UserTypeAsync();
        var burst = BurstSize();
        var bodies = new List<JsonObject>();
        for (var i = 0; i < burst; i++)
            bodies.Add(await Resources.MinimalAsync(userType));
        // Lists enumerate the collection the creates change; only where filtering is advertised, so each stays small.
        var filters = (await DiscoveryAsync()).ServiceProviderConfig.Path("filter.supported").IsTrue();
        var filterable = filters ? bodies.Select(body => body.StringMember("userName")).OfType<string>().ToList() : [];

        var creates = bodies.Select(body => Resources.CreateAsync(userType, body));
        var lists = filterable.Select(async userName => (await ListAsync(userType, FilterQuery($"userName eq \"{userName}\""))).Response);
        var answers = await Task.WhenAll(creates.Concat(lists));

        var failed = answers.Where(answer => ServerErrorVerdicts.IsServerError(answer.Status)).ToList();
        Expect.That(failed.Count == 0,
            $"{failed.Count} of {answers.Length} valid requests sent together were answered with a server error, first {ServerErrorVerdicts.Describe(failed.FirstOrDefault()?.Exchange ?? answers[0].Exchange)}",
            $"each of the {answers.Length} requests answered as it would be alone (201 for a create, 200 for a list), no 5xx",
            string.Join("; ", failed.Take(4).Select(answer => ServerErrorVerdicts.Describe(answer.Exchange))) + (failed.Count > 4 ? $"; and {failed.Count - 4} more" : ""));

        var refused = answers.Where(answer => answer.Status is < 200 or >= 300).ToList();
        if (refused.Count > 0)
            throw new PrerequisiteException($"{refused.Count} plain request(s) were refused, first {refused[0].Summary}{ErrorReplies.DetailHint(refused[0])} (see lifecycle.create and filter.*)");
        Context.Observation = $"{burst} creates and {filterable.Count} list queries sent together: no server error";
    }

    /// <summary>How many requests the check sends at once: <see cref="Burst"/>, or fewer when the run allows fewer in
    /// flight; a run that allows one at a time cannot judge concurrency at all.</summary>
    private int BurstSize()
    {
        var allowed = Target.Options.MaxConcurrentRequests ?? Burst;
        if (allowed < 2)
            throw new PrerequisiteException($"the run sends one request at a time (--concurrency {allowed}), so requests that arrive together cannot be judged");
        return Math.Min(Burst, allowed);
    }
}
