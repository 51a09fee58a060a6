using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Requirements;

namespace Scim.Conformance.Suites.Kit;

/// <summary>Profiles change the level a check is graded at without changing the check: <c>strict</c> is the
/// specifications as written. Later profiles (<c>interop</c>, and <c>lenient</c> vs <c>schema-literal</c> for the
/// agent draft's contradictions) add rows here.</summary>
public static class Profiles
{
    public const string Strict = "strict";
    public const string Interop = "interop";
    public const string Lenient = "lenient";
    public const string SchemaLiteral = "schema-literal";

    public static IReadOnlyList<string> Names { get; } = [Strict, Interop, Lenient, SchemaLiteral];

    /// <summary>Check ID → level, per profile; a check not listed keeps its own level.</summary>
    private static readonly Dictionary<string, Dictionary<string, RequirementLevel>> Overrides = new()
    {
        [Strict] = new(),
        [Interop] = new()
        {
            // PATCH as identity providers send it (suites/Interop/PatchDialectChecks.cs, docs/interop.md): optional under
            // the RFC, but refusing it breaks provisioning from that provider.
            ["interop.patch.capitalised-op"] = RequirementLevel.Must,
            ["interop.patch.string-booleans"] = RequirementLevel.Must,
            ["interop.patch.dotted-keys"] = RequirementLevel.Must,
            ["interop.patch.urn-keys"] = RequirementLevel.Must,
            ["interop.patch.member-remove-by-value"] = RequirementLevel.Must,
            ["interop.patch.member-remove-by-filter"] = RequirementLevel.Must,
            ["interop.patch.path-less-active"] = RequirementLevel.Must,
        },
        // Agent draft: the links and references the draft never states (SpecIssueCatalog) are only recorded.
        [Lenient] = new()
        {
            ["agents.link.applications-derived"] = RequirementLevel.May,
            ["agents.agent.owners-resolve"] = RequirementLevel.May,
            ["agents.agent.parent-hierarchy"] = RequirementLevel.May,
            ["agents.group.agent-member"] = RequirementLevel.May,
        },
        // Agent draft: schema-literal changes what the checks expect (AgentDraftReading), not the levels.
        [SchemaLiteral] = new(),
    };

    public static bool IsKnown(string profile) => Overrides.ContainsKey(profile);

    public static RequirementLevel LevelFor(string profile, CheckDescriptor check)
    {
        if (Overrides.TryGetValue(profile, out var table) && table.TryGetValue(check.Id, out var level))
            return level;
        // strict records a violation of an ambiguous or contradictory text as Info. lenient and schema-literal each
        // choose a reading of the agent draft's contradictions (AgentDraftReading), so under them a violation of the
        // chosen reading is graded at the level the draft states.
        return profile is Lenient or SchemaLiteral && check.Requirements.FirstOrDefault() is
            { Document: AgentDraftDocument, Wording: RequirementWording.Contradictory or RequirementWording.Ambiguous } chosen
            ? chosen.Level
            : check.Level;
    }

    private const string AgentDraftDocument = "draft-abbey-scim-agent-extension-00";
}
