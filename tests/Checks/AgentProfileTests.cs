using Scim.Conformance.Reports.Model;
using Scim.Conformance.Runner.Execution;
using Scim.Conformance.Suites.Kit;
using Xunit;

namespace Scim.Conformance.Tests.Checks;

/// <summary>
/// The profiles for the agent draft's contradictions change verdicts, not checks: the reference server follows the
/// prose (clients provision subject, owners, protocols and parent), so the checks of that reading pass under the
/// default and lenient profiles and report a violation under schema-literal, which follows the schema JSON.
/// </summary>
public class AgentProfileTests
{
    private static readonly string[] ProfileSensitive = ["agents.agent.client-provisioned", "agents.discovery.read-only-declared", "agents.agent.owners-resolve"];

    [Fact]
    public void Only_the_schema_literal_profile_reads_the_schema_json()
    {
        Assert.Equal(AgentDraftReading.SchemaLiteral, AgentDraftReadings.For(Profiles.SchemaLiteral));
        Assert.All(new[] { Profiles.Strict, Profiles.Interop, Profiles.Lenient }, p => Assert.Equal(AgentDraftReading.Prose, AgentDraftReadings.For(p)));
    }

    [Fact]
    public async Task The_profile_changes_the_verdict_on_the_same_server()
    {
        var lenient = await RunAsync(Profiles.Lenient);
        var literal = await RunAsync(Profiles.SchemaLiteral);

        Assert.All(ProfileSensitive, id => Assert.Equal(Outcome.Pass, lenient.Checks.Single(c => c.Id == id).Outcome));
        // The level of each violation is the registry's (the draft's own wording); that it is a violation is the profile's doing.
        Outcome[] violation = [Outcome.Fail, Outcome.Warn, Outcome.Info];
        Assert.Contains(literal.Checks.Single(c => c.Id == "agents.agent.client-provisioned").Outcome, violation);
        Assert.Contains(literal.Checks.Single(c => c.Id == "agents.discovery.read-only-declared").Outcome, violation);
        var owners = literal.Checks.Single(c => c.Id == "agents.agent.owners-resolve");
        Assert.Equal(Outcome.NotApplicable, owners.Outcome);
        Assert.Contains("schema-literal", owners.Reason);
        Assert.Contains(literal.SpecIssues, issue => issue.Id == SpecIssueCatalog.ReadOnlyVersusProse);
    }

    [Fact]
    public void Lenient_only_records_the_links_the_draft_never_states()
    {
        var check = CheckCatalog.Find("agents.link.applications-derived")!;
        // The draft never states the link (the registry marks it ambiguous): strict and lenient only record it, while
        // schema-literal, which reads the draft's schema as binding, grades it at the level the draft states.
        Assert.Equal(RequirementLevel.May, Profiles.LevelFor(Profiles.Strict, check));
        Assert.Equal(RequirementLevel.May, Profiles.LevelFor(Profiles.Lenient, check));
        Assert.Equal(check.Requirements[0].Level, Profiles.LevelFor(Profiles.SchemaLiteral, check));
    }

    private static async Task<ResultDocument> RunAsync(string profile)
    {
        await using var server = await EmbeddedTarget.StartAsync([]);
        using var session = server.CreateSession("reference", profile);
        var target = new TargetInfo { Name = "reference", BaseUrl = server.BaseUrl.ToString(), Embedded = true };
        var selection = new Selection(ProfileSensitive, [], CheckCatalog.All);
        return await new ConformanceRun(session, target, selection, concurrency: 4).ExecuteAsync(CheckCatalog.All);
    }
}
