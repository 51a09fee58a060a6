using Scim.Conformance.ReferenceServer;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Kit;
using Xunit;

namespace Scim.Conformance.Tests.Checks;

/// <summary>On a server without the agent extension (the reference server started without it), every agent check
/// but the one about that very absence is NotApplicable, and its reason names agentExtension.</summary>
public class AgentApplicabilityTests
{
    [Fact]
    public async Task Without_the_extension_agent_checks_do_not_apply_and_say_why()
    {
        var agentChecks = CheckCatalog.All.Where(c => c.Area == "agents").Select(c => c.Id).ToList();
        var document = await ReferenceRuns.RunAsync([], agentChecks, [OptionalFeature.Agents]);

        foreach (var result in document.Checks.Where(c => c.Area == "agents"))
        {
            if (result.Id == "agents.discovery.unadvertised-not-served")
            {
                Assert.Equal(Outcome.Pass, result.Outcome);
                continue;
            }
            Assert.True(result.Outcome == Outcome.NotApplicable, $"{result.Id} was {result.Outcome}: {result.Reason}");
            Assert.Contains("agentExtension", result.Reason, StringComparison.Ordinal);
        }
        // Nothing ran into the draft's defects: no verdict rested on its text.
        Assert.DoesNotContain(document.SpecIssues, issue => issue.Checks.Any(id => id.StartsWith("agents.", StringComparison.Ordinal)));
    }
}
