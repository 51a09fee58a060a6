namespace Scim.Conformance.Suites.Kit;

/// <summary>
/// Which text of draft-abbey-scim-agent-extension-00 a check believes where the prose and the schema JSON disagree
/// (SpecIssueCatalog.ReadOnlyVersusProse, ProseOnlyAttributes). The profile picks it: <c>schema-literal</c> follows
/// the JSON; every other profile follows the prose, because the draft declares its schema JSON an example
/// ("individual values and schema may change", AGT-N17) while its MUST sentences are in the prose.
/// </summary>
public enum AgentDraftReading
{
    /// <summary>subject, owners, protocols and parent are provisioned by clients; displayName and description exist.</summary>
    Prose,

    /// <summary>subject, owners, protocols and parent are readOnly; the Agent has no displayName nor description.</summary>
    SchemaLiteral,
}

public static class AgentDraftReadings
{
    public static AgentDraftReading For(string profile) =>
        profile == Profiles.SchemaLiteral ? AgentDraftReading.SchemaLiteral : AgentDraftReading.Prose;
}
