using Scim.Conformance.Reports.Model;
using Scim.Conformance.Runner.Execution;
using Scim.Conformance.Suites.Kit;
using Xunit;

namespace Scim.Conformance.Tests.Checks;

/// <summary>The owner-cascade checks hold a target to the policy it declares, whichever it is: the reference server
/// implements deactivate-agents, so a declaration of none or delete-agents is false there, and true of the server
/// whose cascade is switched off (for none). The kill matrix covers the declared deactivate-agents branch.</summary>
public class OwnerCascadePolicyTests
{
    private const string OwnerDeactivated = "deactivation.cascade.owner-deactivated";
    private const string OwnerDeleted = "deactivation.cascade.owner-deleted";
    private static readonly TimeSpan ShortWindow = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_declared_none_passes_where_nothing_happens_to_the_agents()
    {
        var document = await RunAsync(["no-owner-cascade", "no-owner-cascade-on-delete"], DeprovisioningPolicy.None, DeprovisioningPolicy.None);

        Assert.All(new[] { OwnerDeactivated, OwnerDeleted }, id => Assert.Equal(Outcome.Pass, OutcomeOf(document, id)));
    }

    [Fact]
    public async Task A_declared_none_fails_where_the_agents_are_deactivated()
    {
        var document = await RunAsync([], DeprovisioningPolicy.None, DeprovisioningPolicy.None);

        Assert.All(new[] { OwnerDeactivated, OwnerDeleted }, id => Assert.Equal(Outcome.Fail, OutcomeOf(document, id)));
    }

    [Fact]
    public async Task A_declared_delete_fails_where_the_agents_are_only_deactivated()
    {
        var document = await RunAsync([], DeprovisioningPolicy.DeactivateAgents, DeprovisioningPolicy.DeleteAgents);

        Assert.Equal(Outcome.Pass, OutcomeOf(document, OwnerDeactivated));
        var deleted = document.Checks.Single(c => c.Id == OwnerDeleted);
        Assert.Equal(Outcome.Fail, deleted.Outcome);
        Assert.Contains("404", deleted.Expected);
    }

    private static Outcome OutcomeOf(ResultDocument document, string id) => document.Checks.Single(c => c.Id == id).Outcome;

    private static async Task<ResultDocument> RunAsync(IReadOnlyCollection<string> faults, string onOwnerDeactivated, string onOwnerDeleted)
    {
        await using var server = await EmbeddedTarget.StartAsync(faults);
        using var declared = server.CreateSession("reference");
        using var session = new TargetSession(declared.Options with
        {
            Deprovisioning = new DeprovisioningPolicy { OnOwnerDeactivated = onOwnerDeactivated, OnOwnerDeleted = onOwnerDeleted, PropagationWindow = ShortWindow },
        });
        var target = new TargetInfo { Name = "reference", BaseUrl = server.BaseUrl.ToString(), Embedded = true, Faults = [.. faults] };
        var selection = new Selection([OwnerDeactivated, OwnerDeleted], [], CheckCatalog.All);
        return await new ConformanceRun(session, target, selection, concurrency: 2).ExecuteAsync(CheckCatalog.All);
    }
}
