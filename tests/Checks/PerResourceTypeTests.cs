using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Kit;
using Xunit;

namespace Scim.Conformance.Tests.Checks;

/// <summary>The per-type checks judge every advertised resource type and name the one at fault: on the correct
/// server each passes on every type that qualifies; a fault of one type only makes the check fail with exactly that
/// type failing in the sub-results while the others pass; a fault of every type still fails on Users.</summary>
public class PerResourceTypeTests
{
    private static readonly string[] AllTypes = ["User", "Group", "Agent", "AgenticApplication"];

    public static TheoryData<string, string, string> OneTypeFaults => new()
    {
        { "agents-create-without-location", "lifecycle.create.location", "Agent" },
        { "agentic-application-name-filter-case-sensitive", "filter.case-exact-false", "AgenticApplication" },
        { "agents-patch-accepts-read-only", "patch.mutability.read-only", "Agent" },
        { "agentic-application-wrong-meta-resource-type", "lifecycle.meta.assigned", "AgenticApplication" },
        { "agent-name-duplicates-allowed", "lifecycle.create.uniqueness", "Agent" },
        { "agent-name-case-sensitive", "lifecycle.create.uniqueness-case", "Agent" },
        { "agentic-application-name-optional", "lifecycle.create.required-attributes", "AgenticApplication" },
        { "agentic-applications-keep-read-only", "lifecycle.create.read-only-ignored", "AgenticApplication" },
        { "agentic-applications-keep-read-only", "lifecycle.put.read-only-ignored", "AgenticApplication" },
        { "group-member-value-changeable", "patch.mutability.immutable", "Group" },
        { "agents-accept-wrong-types", "errors.invalid-value", "Agent" },
        { "agentic-applications-keep-two-primaries", "lifecycle.multi-valued.primary-once", "AgenticApplication" },
        { "groups-deleted-still-readable", "lifecycle.delete.then-404", "Group" },
        { "agents-create-skips-required", "lifecycle.create.required-attributes", "Agent" },
        { "agentic-applications-default-set-incomplete", "retrieval.default-set", "AgenticApplication" },
        { "agents-attributes-drop-id", "retrieval.attributes-always", "Agent" },
        { "groups-excluded-removes-id", "retrieval.excluded-always", "Group" },
        { "agentic-applications-put-skips-uniqueness", "lifecycle.put.uniqueness", "AgenticApplication" },
        { "agents-replace-non-canonical-values", "lifecycle.create.canonical-values", "Agent" },
    };

    public static TheoryData<string, string> EveryTypeFaults => new()
    {
        { "no-location-header", "lifecycle.create.location" },
        { "filter-case-sensitive", "filter.case-exact-false" },
        { "patch-read-only-ignored", "patch.mutability.read-only" },
        { "meta-without-last-modified", "lifecycle.meta.assigned" },
        { "duplicates-allowed", "lifecycle.create.uniqueness" },
        { "username-case-sensitive", "lifecycle.create.uniqueness-case" },
        { "required-not-enforced", "lifecycle.create.required-attributes" },
        { "soft-delete-visible", "lifecycle.delete.then-404" },
        { "create-writes-groups", "lifecycle.create.read-only-ignored" },
        { "put-overwrites-created", "lifecycle.put.read-only-ignored" },
        { "accepts-wrong-types", "errors.invalid-value" },
        { "primary-twice-kept", "lifecycle.multi-valued.primary-once" },
        { "default-set-incomplete", "retrieval.default-set" },
        { "password-returned-when-requested", "retrieval.returned-never" },
        { "attributes-drops-id", "retrieval.attributes-always" },
        { "excluded-attributes-ignored", "retrieval.excluded-attributes" },
        { "excluded-removes-id", "retrieval.excluded-always" },
        { "put-uniqueness-unchecked", "lifecycle.put.uniqueness" },
    };

    private static IReadOnlyList<string> PerTypeChecks => [.. CheckCatalog.All.Where(c => c.PerResourceType).Select(c => c.Id)];

    [Fact]
    public async Task On_the_correct_server_every_per_type_check_passes_on_every_qualifying_type()
    {
        var document = await ReferenceRuns.RunAsync([], PerTypeChecks);
        foreach (var id in PerTypeChecks)
        {
            var result = document.Checks.Single(c => c.Id == id);
            Assert.True(result.Outcome == Outcome.Pass, $"{id} was {result.Outcome}: {result.Reason} | {result.Actual}");
            Assert.Equal(AllTypes, result.ResourceTypes.Select(r => r.ResourceType));
            Assert.All(result.ResourceTypes, r => Assert.True(r.Outcome is Outcome.Pass or Outcome.NotApplicable, $"{id} on {r.ResourceType}: {r.Outcome} {r.Reason}"));
            Assert.Contains(result.ResourceTypes, r => r.Outcome == Outcome.Pass);
            Assert.StartsWith("each advertised resource type", result.AppliesTo);
        }
    }

    [Theory]
    [MemberData(nameof(OneTypeFaults))]
    public async Task A_fault_of_one_type_fails_the_check_on_that_type_only(string fault, string checkId, string faultedType)
    {
        Assert.Contains(checkId, Scim.Conformance.ReferenceServer.FaultCatalog.Find(fault)!.Demonstrates);
        var result = (await ReferenceRuns.RunAsync([fault], [checkId])).Checks.Single(c => c.Id == checkId);
        // A violation at the level of the check's requirement: Fail for a MUST, Warn for a SHOULD (errors.invalid-value),
        // Info for a MAY (lifecycle.create.canonical-values: restricting to canonical values is optional).
        var level = CheckCatalog.All.Single(c => c.Id == checkId).Level;
        Assert.True(result.Outcome is Outcome.Fail or Outcome.Warn || (result.Outcome == Outcome.Info && level == RequirementLevel.May),
            $"{checkId} under {fault} was {result.Outcome}: {result.Reason}");
        var failing = result.ResourceTypes.Where(r => r.Outcome == result.Outcome).Select(r => r.ResourceType).ToList();
        Assert.Equal([faultedType], failing);
        Assert.All(result.ResourceTypes.Where(r => r.ResourceType != faultedType),
            r => Assert.True(r.Outcome is Outcome.Pass or Outcome.NotApplicable, $"{r.ResourceType}: {r.Outcome} {r.Reason}"));
        var sub = result.ResourceTypes.Single(r => r.ResourceType == faultedType);
        Assert.False(string.IsNullOrWhiteSpace(sub.Reason));
        Assert.False(string.IsNullOrWhiteSpace(sub.Expected));
        Assert.False(string.IsNullOrWhiteSpace(sub.Actual));
        Assert.Contains(faultedType, result.Reason);
    }

    [Theory]
    [MemberData(nameof(EveryTypeFaults))]
    public async Task A_fault_of_every_type_still_fails_the_check_on_users(string fault, string checkId)
    {
        var result = (await ReferenceRuns.RunAsync([fault], [checkId])).Checks.Single(c => c.Id == checkId);
        Assert.True(result.Outcome is Outcome.Fail or Outcome.Warn, $"{checkId} under {fault} was {result.Outcome}: {result.Reason}");
        Assert.Contains(result.ResourceTypes, r => r.ResourceType == "User" && r.Outcome == result.Outcome);
    }
}
