using Scim.Conformance.Reports.Model;

namespace Scim.Conformance.Reports.Renderers;

/// <summary>The answer to one procurement question.</summary>
public enum BuyerAnswer
{
    Yes,
    No,
    Untested,
}

/// <summary>
/// One question a buyer asks before signing ("does deactivation revoke access?"), in words for a non-developer, and
/// the checks that settle it. <see cref="Proof"/> checks can answer yes; <see cref="Support"/> checks can only answer
/// no (a broken prerequisite), never yes on their own.
/// </summary>
/// <param name="NotApplicableMeansNo">A proof check that does not apply means the server lacks the feature (PATCH not
/// advertised), not that nobody tested it.</param>
/// <param name="DeclaredNone">A passing proof check whose recorded measurement starts with this text verifies a
/// declaration that nothing happens: the claim is honest, but the answer to the question is no.</param>
public sealed record BuyerQuestion(
    string Id, string Question, string YesMeans, IReadOnlyList<string> Proof, IReadOnlyList<string> Support,
    bool NotApplicableMeansNo = false, string? DeclaredNone = null);

/// <summary>A question answered from one run, with the checks behind the answer and one sentence why.</summary>
public sealed record BuyerVerdict(BuyerQuestion Question, BuyerAnswer Answer, string Why, IReadOnlyList<CheckResult> Evidence);

/// <summary>
/// The buyer's view of a run: the questions procurement asks about a "we support SCIM" claim, each answered yes, no or
/// untested from the checks that prove it. This is the one place that maps questions to check IDs; both report.html
/// and summary.md render from it. A question is answered no as soon as one of its checks fails (or warns: these are
/// the behaviours a buyer pays for), yes only when a proof check passed and nothing contradicts it, and untested
/// when no proof check produced a verdict (not selected, not configured, or skipped).
/// </summary>
public static class BuyersView
{
    public static IReadOnlyList<BuyerQuestion> Questions { get; } =
    [
        new("scim-accepted", "Does it accept standard SCIM 2.0 requests?",
            "users can be created, read and deleted the standard way, with the standard discovery documents and media type",
            Proof: ["lifecycle.create.status-201", "lifecycle.read.by-id", "lifecycle.delete.status-204", "discovery.spc.single-object"],
            Support: ["lifecycle.create.round-trip", "media.response-content-type", "auth.no-credentials-rejected"]),
        new("groups-synced", "Are group memberships synced, not only users?",
            "groups can be created with members, users show their groups, and a removed user leaves its groups",
            Proof: ["lifecycle.group.members", "lifecycle.user.groups-reflect-membership"],
            Support: ["deactivation.delete.removed-from-groups", "lifecycle.group.members-returned"]),
        new("patch-supported", "Is PATCH supported, not only PUT?",
            "single changes (such as switching a user off) can be sent without resending the whole record, as identity providers do",
            Proof: ["patch.active", "deactivation.patch.rfc-forms"],
            Support: ["discovery.spc.patch"],
            NotApplicableMeansNo: true),
        new("deactivation-revokes", "Does deactivating someone revoke their access?",
            "after an identity is switched off or deleted, its credential stops working within the declared time",
            Proof: ["deactivation.credential.refused-after-deactivation", "deactivation.credential.refused-after-delete"],
            Support: ["deactivation.put.active-false", "deactivation.patch.rfc-forms", "deactivation.state.active-filter"]),
        new("owner-cascade", "Are the agents of a departed owner stopped?",
            "when the person who owns an AI agent is switched off or deleted, the agent is switched off too (or deleted), within the declared time",
            Proof: ["deactivation.cascade.owner-deactivated", "deactivation.cascade.owner-deleted"],
            Support: [],
            DeclaredNone: "declared none"),
    ];

    /// <summary>Every check ID the view refers to (a test keeps them in the catalog).</summary>
    public static IEnumerable<string> CheckIds => Questions.SelectMany(q => q.Proof.Concat(q.Support)).Distinct();

    public static IReadOnlyList<BuyerVerdict> Answer(ResultDocument document)
    {
        var byId = document.Checks.ToDictionary(c => c.Id, StringComparer.Ordinal);
        return [.. Questions.Select(q => Answer(q, byId))];
    }

    private static BuyerVerdict Answer(BuyerQuestion question, IReadOnlyDictionary<string, CheckResult> byId)
    {
        var proof = question.Proof.Select(id => byId.GetValueOrDefault(id)).OfType<CheckResult>().ToList();
        var support = question.Support.Select(id => byId.GetValueOrDefault(id)).OfType<CheckResult>().ToList();
        var evidence = proof.Concat(support).ToList();

        if (evidence.FirstOrDefault(c => c.Outcome is Outcome.Fail or Outcome.Warn) is { } broken)
            return new(question, BuyerAnswer.No, $"{broken.Title}: {broken.Reason ?? "not met"}", evidence);
        // A buyer's question asks what the product does, not what the text obliges: behaviour the specification leaves
        // open (an Info verdict) still answers it, and the answer says the specification does not require it.
        if (evidence.FirstOrDefault(c => c.Outcome == Outcome.Info) is { } open)
            return new(question, BuyerAnswer.No, $"{open.Title}: {open.Reason ?? "not done"} (not required by the specification, but not done)", evidence);
        if (question.NotApplicableMeansNo && proof.FirstOrDefault(c => c.Outcome == Outcome.NotApplicable) is { } absent)
            return new(question, BuyerAnswer.No, $"not offered: {absent.Reason}", evidence);
        if (question.DeclaredNone is { } none && proof.FirstOrDefault(c => c.Outcome == Outcome.Pass && c.Actual?.StartsWith(none, StringComparison.Ordinal) == true) is { } declared)
            return new(question, BuyerAnswer.No, $"the vendor declares that nothing happens, and the test confirmed it: {declared.Actual}", evidence);
        var passed = proof.Where(c => c.Outcome == Outcome.Pass).ToList();
        if (passed.Count > 0)
        {
            var measured = passed.Select(c => c.Actual).OfType<string>().FirstOrDefault();
            return new(question, BuyerAnswer.Yes, char.ToUpperInvariant(question.YesMeans[0]) + question.YesMeans[1..] + (measured is null ? "" : $" (measured: {measured})"), evidence);
        }
        var why = proof.FirstOrDefault() is { } untested
            ? $"{OutcomeText.Label(untested.Outcome)}: {untested.Reason ?? "no verdict"}"
            : "none of the checks that would answer it ran in this run";
        return new(question, BuyerAnswer.Untested, why, evidence);
    }

    public static string Label(BuyerAnswer answer) => answer switch
    {
        BuyerAnswer.Yes => "Yes",
        BuyerAnswer.No => "No",
        _ => "Untested",
    };
}
