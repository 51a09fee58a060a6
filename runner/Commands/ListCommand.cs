using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Scim.Conformance.Runner.Configuration;
using Scim.Conformance.Runner.Execution;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Runner.Commands;

/// <summary>`list`: the catalog, from the checks' metadata alone; no server is touched.</summary>
public static class ListCommand
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public sealed record Entry(string Id, string Title, string Area, string Level, IReadOnlyList<string> References,
        IReadOnlyList<string> CatalogRows, IReadOnlyList<string> Tags, string Requirement, IReadOnlyList<string> Prerequisites, bool Writes,
        IReadOnlyList<RequirementEntry> Requirements, string? AppliesTo = null);

    /// <summary>A requirement a check judges: where, the level its text states, how, and the level it is graded at.</summary>
    public sealed record RequirementEntry(string Id, string Document, string Section, string Level, string Wording, string GradedLevel,
        string Text, string? Grading);

    public static int Execute(string format, IReadOnlyList<string> include, IReadOnlyList<string> exclude, TextWriter output, TextWriter error)
    {
        IReadOnlyList<CheckDescriptor> checks;
        try
        {
            checks = new Selection(include, exclude, CheckCatalog.All).Selected(CheckCatalog.All);
        }
        catch (ConfigurationException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.UsageOrConfiguration;
        }

        switch (format.ToLowerInvariant())
        {
            case "json":
                var entries = checks.Select(c => new Entry(c.Id, c.Title, c.Area, c.Level.ToString().ToUpperInvariant(), c.References,
                    c.CatalogRows, c.Tags, c.Requirement, c.Prerequisites, c.Effect != TargetEffect.ReadsOnly,
                    [.. c.Requirements.Select(r => new RequirementEntry(r.Id, r.Document, r.Section, r.Level.Keyword(), r.Wording.ToString().ToLowerInvariant(),
                        r.GradedLevel.Keyword(), r.Text, r.GradingNote))], c.AppliesTo));
                output.WriteLine(JsonSerializer.Serialize(entries, Json));
                return ExitCodes.Conforms;
            case "text":
                foreach (var c in checks)
                    output.WriteLine($"{c.Id,-55} {c.Level.ToString().ToUpperInvariant(),-6} {string.Join(",", c.CatalogRows),-40} {c.Title}");
                output.WriteLine($"{checks.Count} checks");
                return ExitCodes.Conforms;
            default:
                error.WriteLine($"error: --format takes text or json, not '{format}'");
                return ExitCodes.UsageOrConfiguration;
        }
    }
}
