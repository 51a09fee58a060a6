using Scim.Conformance.Reports.Model;

namespace Scim.Conformance.Suites.Kit;

/// <summary>
/// The known defects of the specifications the checks test, each with a stable ID that a check names in
/// <see cref="CheckAttribute.SpecIssues"/>. A run lists the defects its checks ran into, so a report shows where the
/// text, not the server, leaves room for doubt. Today: draft-abbey-scim-agent-extension-00, whose prose and schema
/// JSON disagree in places (docs/agents.md explains the reading each profile takes).
/// </summary>
public static class SpecIssueCatalog
{
    public const string AgentDraft = "draft-abbey-scim-agent-extension-00";

    public const string ProseOnlyAttributes = "abbey-00.prose-only-attributes";
    public const string SpecificationUrlTypo = "abbey-00.specification-url-typo";
    public const string ReadOnlyVersusProse = "abbey-00.read-only-vs-prose";
    public const string GroupsReferenceTypes = "abbey-00.groups-reference-types";
    public const string InvalidExamples = "abbey-00.invalid-examples";
    public const string ApplicationsSupportedWording = "abbey-00.applications-supported-wording";
    public const string NoUserOrGroupExtension = "abbey-00.no-user-group-extension";
    public const string ActiveDefinedTwice = "abbey-00.active-defined-twice";
    public const string CertificatesCaseExact = "abbey-00.certificates-case-exact";
    public const string ProtocolTypeValues = "abbey-00.protocol-type-values";
    public const string LinkDirectionUnstated = "abbey-00.link-direction-unstated";
    public const string ReferentialIntegrityUnstated = "abbey-00.referential-integrity-unstated";
    public const string DeletionUnstated = "abbey-00.deletion-unstated";
    public const string SingleQuotedFilters = "abbey-00.single-quoted-filters";
    public const string NoDiscoveryCharacteristics = "abbey-00.no-discovery-characteristics";

    private static readonly SpecIssueEntry[] Entries =
    [
        new(ProseOnlyAttributes, "displayName and description exist only in the prose",
            "The Agent prose defines displayName and description, but the Agent schema JSON leaves both out. The suite never "
            + "requires them on an Agent; it only records (MAY) whether the name stands in for a missing displayName."),
        new(SpecificationUrlTypo, "protocols.specifiationUrl is misspelt in the schema JSON",
            "The prose and the example write protocols.specificationUrl; the schema JSON declares \"specifiationUrl\". "
            + "The suite sends and expects the prose spelling."),
        new(ReadOnlyVersusProse, "subject, owners, protocols and parent: readOnly in the JSON, client-set in the prose",
            "The schema JSON marks these four attributes readOnly, while the prose has clients provide them (subject "
            + "explicitly). The default and lenient profiles follow the prose (a client sets them); schema-literal "
            + "follows the JSON (the server ignores them and declares them readOnly)."),
        new(GroupsReferenceTypes, "groups.$ref may point at Users",
            "Agent groups.$ref declares referenceTypes [\"User\", \"Group\"], although an agent's groups can only be Groups."),
        new(InvalidExamples, "The full Agent example is not valid JSON",
            "The example has unbalanced quotes (\"type: \\\"permission\\\"\", \"protocols: [\"), an applications value with "
            + "a type the schema does not define, a relative owners $ref and ids reused across unrelated links. The "
            + "suite builds its own payloads instead."),
        new(ApplicationsSupportedWording, "agenticApplicationsSupported is described as the Agent flag",
            "The ServiceProviderConfig table describes agenticApplicationsSupported as saying whether the agent resource "
            + "type is supported: a copy of the line above. The suite reads it as the AgenticApplication flag."),
        new(NoUserOrGroupExtension, "The announced User and Group extensions are missing",
            "The abstract says the draft extends the User and Group core objects, yet only the ServiceProviderConfig is "
            + "extended. Whether Agents may be Group members is therefore not written down; the suite assumes they may."),
        new(ActiveDefinedTwice, "active is defined twice",
            "The Agent prose defines active once as \"can authenticate\" and once as \"running or suspended\". The suite "
            + "only checks that the value round-trips, which both readings share."),
        new(CertificatesCaseExact, "x509Certificates carries caseExact on a complex attribute",
            "The schema JSON puts caseExact on the complex x509Certificates itself, where RFC 7643 gives it no meaning."),
        new(ProtocolTypeValues, "protocols.type has canonical values only in the prose",
            "The prose names A2A, OpenAPI and MCP-Server; the schema JSON lists no canonicalValues."),
        new(LinkDirectionUnstated, "How Agent.applications is kept is not said",
            "AgenticApplication.agents is readWrite and Agent.applications readOnly, so the link is written on the "
            + "application; the draft never says that the agent's side is derived from it. The suite expects it to be (SHOULD)."),
        new(ReferentialIntegrityUnstated, "What owners and parent may point at is not enforced by any sentence",
            "owners names \"User or Group objects\" and parent \"the parent Agent\", but nothing says a server refuses "
            + "ids that are neither, nor that hierarchies have no cycles. The suite grades these SHOULD."),
        new(DeletionUnstated, "Nothing on deletion",
            "The draft says nothing about what happens to an application's agents, to child agents or to owners when "
            + "the resource they point at is deleted."),
        new(SingleQuotedFilters, "The filter examples use single quotes",
            "The examples write name eq 'Helpdesk bot', which RFC 7644's grammar does not allow; the suite sends the "
            + "double-quoted form."),
        new(NoDiscoveryCharacteristics, "The agentExtension sub-attributes have no characteristics",
            "agentExtension.supported, agentsSupported and agenticApplicationsSupported are given a type only, and no "
            + "example of the block exists. The suite reads them as readOnly booleans."),
    ];

    private sealed record SpecIssueEntry(string Id, string Title, string Description, string Document = AgentDraft);

    public static IReadOnlyList<string> Ids { get; } = [.. Entries.Select(entry => entry.Id)];

    public static bool IsKnown(string id) => Entries.Any(entry => entry.Id == id);

    /// <summary>The defects touched by checks that reached a verdict (NotApplicable, Skipped and Error checks did not
    /// run into anything), in catalog order, each with those checks.</summary>
    public static IReadOnlyList<SpecIssue> RanInto(IReadOnlyList<CheckResult> checks)
    {
        var ran = checks.Where(check => check.Outcome is Outcome.Pass or Outcome.Fail or Outcome.Warn or Outcome.Info).ToList();
        return [.. Entries
            .Select(entry => new SpecIssue(entry.Id, entry.Document, entry.Title, entry.Description,
                [.. ran.Where(check => check.SpecIssues.Contains(entry.Id)).Select(check => check.Id)]))
            .Where(issue => issue.Checks.Count > 0)];
    }
}
