using System.Text;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Requirements;

/// <summary>The files of <c>docs/coverage/</c>, generated from the registry and the checks' metadata: one page per
/// document with every requirement, the level its text states and the level it is graded at, the checks that judge
/// it, and a status (<c>covered</c>, <c>partial</c>, <c>open</c>). A test keeps the committed files equal to this
/// output, so coverage can never be claimed by hand.</summary>
public static class CoverageDocuments
{
    public const string IndexFile = "README.md";

    /// <summary>File name → content, for the registry and the given catalog.</summary>
    public static IReadOnlyDictionary<string, string> Render(IReadOnlyList<CheckDescriptor> catalog)
    {
        var judgedBy = catalog
            .SelectMany(c => c.CatalogRows.Select(id => (id, c.Id)))
            .GroupBy(p => p.id)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Item2).Order(StringComparer.Ordinal).ToList());
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var index = new StringBuilder()
            .Append("# Coverage of the requirements\n\n")
            .Append("Generated from `suites/Requirements/requirements.json` (the requirements), `suites/Requirements/coverage.json` ")
            .Append("(notes) and the checks' `Rows`; do not edit by hand. Regenerate with ")
            .Append("`dotnet run --project runner -- coverage --out docs/coverage`; a test fails when these files are stale.\n\n")
            .Append("A requirement is graded at the level its text states when the text uses an upper-case RFC 2119 keyword. A lower-case ")
            .Append("keyword or a declarative statement (\"the server responds with …\") is graded SHOULD; where the text is ambiguous or ")
            .Append("contradicts itself, a violation is recorded as Info with the reason (see the README, \"How verdicts are graded\").\n\n")
            .Append("Status: `covered` (the checks listed judge it), `partial` (the note says what is left out), `open` (no check ")
            .Append("judges it yet; the note says why where a reason is known).\n\n")
            .Append("| Document | Requirements | Covered | Partial | Open |\n|---|---|---|---|---|\n");

        foreach (var document in RequirementRegistry.All.GroupBy(r => r.Document))
        {
            var rows = document.Select(r => (Requirement: r, Checks: judgedBy.GetValueOrDefault(r.Id) ?? [], Status: StatusOf(r, judgedBy))).ToList();
            var file = FileNameOf(document.Key);
            var title = RequirementRegistry.Documents.TryGetValue(document.Key, out var d) ? d.Title : document.Key;
            var page = new StringBuilder()
                .Append("# Coverage: ").Append(document.Key).Append("\n\n")
                .Append(title).Append(d?.Uri is { } uri ? $" ({uri})" : "").Append(". Generated; see [README.md](README.md).\n\n")
                .Append("| Requirement | § | Stated | Graded | Status | Checks | Requirement, in our words | Note |\n")
                .Append("|---|---|---|---|---|---|---|---|\n");
            foreach (var (r, checks, status) in rows)
            {
                page.Append("| ").Append(r.Id).Append(" | ").Append(Cell(r.Section)).Append(" | ")
                    .Append(r.Level.Keyword()).Append(r.Wording == RequirementWording.Keyword ? "" : $" ({r.Wording.ToString().ToLowerInvariant()})")
                    .Append(" | ").Append(r.GradedLevel.Keyword()).Append(" | ").Append(status).Append(" | ")
                    .Append(string.Join(", ", checks)).Append(" | ").Append(Cell(r.Text)).Append(" | ")
                    .Append(Cell(NoteOf(r))).Append(" |\n");
            }
            files[file] = page.ToString();
            index.Append("| [").Append(document.Key).Append("](").Append(file).Append(") | ").Append(rows.Count).Append(" | ")
                .Append(rows.Count(x => x.Status == "covered")).Append(" | ").Append(rows.Count(x => x.Status == "partial")).Append(" | ")
                .Append(rows.Count(x => x.Status == "open")).Append(" |\n");
        }
        files[IndexFile] = index.ToString();
        return files;
    }

    /// <summary>Covered when a check claims the requirement, unless the notes say only partly; open when none does.</summary>
    public static string StatusOf(Requirement r, IReadOnlyDictionary<string, List<string>> judgedBy) =>
        !judgedBy.ContainsKey(r.Id) ? "open" : r.Coverage?.Status == "partial" ? "partial" : "covered";

    private static string NoteOf(Requirement r)
    {
        var notes = new List<string>();
        if (r.Ambiguity is { } a)
            notes.Add($"{(r.Wording == RequirementWording.Contradictory ? "Contradictory" : "Ambiguous")}: {a.Reason} Allowed: {string.Join("; ", a.Allows)}.");
        if (r.Coverage is { Note.Length: > 0 } c)
            notes.Add(c.Note);
        return string.Join(" ", notes);
    }

    private static string FileNameOf(string document) => document.ToLowerInvariant().Replace(' ', '-') + ".md";

    private static string Cell(string text) => text.Replace("|", "\\|").Replace("\r", " ").Replace("\n", " ");
}
