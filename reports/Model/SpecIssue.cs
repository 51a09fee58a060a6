namespace Scim.Conformance.Reports.Model;

/// <summary>A defect of a specification (a contradiction, an omission, a typo) that checks of the run ran into: the
/// vendor reading the report sees where the text, not their server, leaves the verdict open.</summary>
/// <param name="Id">Stable ID, e.g. <c>abbey-00.read-only-vs-prose</c>.</param>
/// <param name="Document">The specification, e.g. <c>draft-abbey-scim-agent-extension-00</c>.</param>
/// <param name="Title">The defect in a few words.</param>
/// <param name="Description">What the text says, why it is a problem, and the reading the suite takes.</param>
/// <param name="Checks">IDs of the checks of this run that touch it and reached a verdict.</param>
public sealed record SpecIssue(string Id, string Document, string Title, string Description, IReadOnlyList<string> Checks);
