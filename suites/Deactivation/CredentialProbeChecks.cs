using System.Text.Json.Nodes;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Deactivation;

/// <summary>
/// Whether deprovisioning actually revokes access, which is what a buyer means by "deactivation works": a credential
/// obtained for an Agent (by its <c>subject</c>) is accepted before and refused after the Agent is deactivated or
/// deleted, within the declared propagation window. Needs the target's <c>credentialProbe</c> configuration.
/// </summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class CredentialProbeChecks : DeactivationCheck
{
    [Check("deactivation.credential.refused-after-deactivation", "A deactivated Agent's credential is refused",
        References = ["draft-abbey-scim-agent-extension-00 Agent schema (active)", "RFC7643 §4.1.1"], Rows = ["AGT-ACTIVE-CREDENTIALS", "RFC7643-4.1.1-ACTIVE"], Tags = ["deactivation", "credential", "agents", "propagation"],
        Requirement = "active false means the agent can no longer authenticate: a token issued to it, accepted before, is refused (401/403, or inactive on introspection) within the declared propagation window after the deactivation.")]
    public async Task RefusedAfterDeactivation()
    {
        var (agentType, agent, probe) = await ProbedAgentAsync();
        await PutActiveOrSkipAsync(agentType, IdOf(agent), active: false);
        await ExpectRefusedAsync(probe, "deactivated");
    }

    [Check("deactivation.credential.refused-after-delete", "A deleted Agent's credential is refused",
        References = ["draft-abbey-scim-agent-extension-00 Agent schema (active)", "RFC7644 §3.6"], Rows = ["AGT-DELETE-CREDENTIALS", "RFC7644-3.6-DELETE-THEN-404"], Tags = ["deactivation", "credential", "agents", "propagation", "delete"],
        Requirement = "A deleted agent can no longer authenticate: a token issued to it, accepted before, is refused within the declared propagation window after the DELETE.")]
    public async Task RefusedAfterDelete()
    {
        var (agentType, agent, probe) = await ProbedAgentAsync();
        var delete = await Scim.DeleteAsync(PathOf(agentType, IdOf(agent)));
        if (delete.Status is < 200 or >= 300)
            throw new PrerequisiteException($"the agent could not be deleted: {delete.Summary} (see lifecycle.delete.status-204)");
        await ExpectRefusedAsync(probe, "deleted");
    }

    /// <summary>An active Agent with a subject, a credential issued for it, and a probe that accepts that credential now.</summary>
    private async Task<(JsonObject AgentType, JsonObject Agent, CredentialProbe Probe)> ProbedAgentAsync()
    {
        var settings = Target.Options.CredentialProbe
            ?? throw new NotApplicableException("the target's configuration has no credentialProbe (targets.json)");
        var agentType = await DeactivatableTypeAsync(ScimUrns.Agent);
        var agent = await CreateActiveAsync(agentType, adjust: body => body["subject"] = Target.Prefix.Name("subject"));
        var subject = (await ReadOrSkipAsync(agentType, IdOf(agent))).StringMember("subject")
            ?? throw new PrerequisiteException("the agent has no subject to obtain a credential for");
        var probe = await CredentialProbe.ObtainAsync(Scim, settings, subject);
        var before = await probe.AcceptedAsync();
        if (!before.Accepted)
            throw new PrerequisiteException($"the credential is not accepted even before deactivation ({before.Shown}); check credentialProbe");
        return (agentType, agent, probe);
    }

    private async Task ExpectRefusedAsync(CredentialProbe probe, string what)
    {
        var window = Target.Options.Deprovisioning?.PropagationWindow ?? TimeSpan.FromSeconds(DeprovisioningPolicy.DefaultPropagationSeconds);
        var (refused, elapsed, last) = await Propagation.UntilAsync(probe.AcceptedAsync, r => !r.Accepted, window, Context.CancellationToken);
        Expect.That(refused, $"the credential of a {what} agent is still accepted",
            $"the credential refused within {Propagation.Seconds(window)}", $"{last.Shown} after {Propagation.Seconds(elapsed)}");
        Context.Observation = $"refused ({last.Shown}) {Propagation.Seconds(elapsed)} after the agent was {what} (window {Propagation.Seconds(window)})";
    }
}
