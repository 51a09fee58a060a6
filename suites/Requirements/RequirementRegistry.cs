using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Scim.Conformance.Reports.Model;

namespace Scim.Conformance.Suites.Requirements;

/// <summary>Every requirement the suite judges, read from the embedded <c>requirements.json</c> (the requirements)
/// and <c>coverage.json</c> (what the coverage files say of a requirement that no check, or no check fully, judges).
/// A check names the requirements it judges in its <c>Rows</c>; its level is its first requirement's graded level,
/// so a level is never a check's own opinion but what the cited text says.</summary>
public static class RequirementRegistry
{
    private static readonly Lazy<Registry> Loaded = new(Load);

    /// <summary>Every requirement, in the registry's order.</summary>
    public static IReadOnlyList<Requirement> All => Loaded.Value.Requirements;

    /// <summary>The documents the requirements come from: name → (title, URI).</summary>
    public static IReadOnlyDictionary<string, RequirementDocument> Documents => Loaded.Value.Documents;

    public static Requirement? Find(string id) => Loaded.Value.ById.GetValueOrDefault(id);

    /// <summary>Whether a requirement ID matches a pattern of <c>--include req:…</c>: an ID or a glob (<c>RFC7644-3.5.2*</c>).</summary>
    public static bool Matches(string pattern, string id) =>
        new Regex("^" + Regex.Escape(pattern).Replace("\\*", ".*").Replace("\\?", ".") + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant).IsMatch(id);

    private sealed record Registry(IReadOnlyList<Requirement> Requirements, FrozenDictionary<string, Requirement> ById,
        IReadOnlyDictionary<string, RequirementDocument> Documents);

    private static Registry Load()
    {
        var root = ReadResource("requirements.json");
        var coverage = ReadResource("coverage.json");
        var documents = (root["documents"] as JsonObject ?? [])
            .ToDictionary(d => d.Key, d => new RequirementDocument(d.Value?["title"]?.GetValue<string>() ?? d.Key, d.Value?["uri"]?.GetValue<string>()));
        var requirements = new List<Requirement>();
        var problems = new List<string>();
        foreach (var entry in (root["requirements"] as JsonArray ?? []).OfType<JsonObject>())
        {
            try
            {
                var id = Text(entry, "id");
                requirements.Add(new Requirement
                {
                    Id = id,
                    Document = Text(entry, "document"),
                    Section = Text(entry, "section"),
                    Level = ParseLevel(Text(entry, "level")),
                    Wording = Enum.Parse<RequirementWording>(Text(entry, "wording"), ignoreCase: true),
                    Text = Text(entry, "text"),
                    Ambiguity = entry["ambiguity"] is JsonObject a
                        ? new RequirementAmbiguity(Text(a, "reason"), (a["allows"] as JsonArray ?? []).Select(v => v!.GetValue<string>()).ToList())
                        : null,
                    Coverage = coverage[id] is JsonObject c
                        ? new RequirementCoverage(c["status"]?.GetValue<string>() ?? "covered", c["note"]?.GetValue<string>() ?? "")
                        : null,
                });
            }
            catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
            {
                problems.Add($"{entry["id"]}: {e.Message}");
            }
        }
        var duplicates = requirements.GroupBy(r => r.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        problems.AddRange(duplicates.Select(d => $"{d}: listed twice"));
        if (problems.Count > 0)
            throw new InvalidOperationException($"requirements.json is not valid: {string.Join("; ", problems)}");
        return new Registry(requirements, requirements.ToFrozenDictionary(r => r.Id), documents);
    }

    private static JsonObject ReadResource(string name)
    {
        var assembly = typeof(RequirementRegistry).Assembly;
        using var stream = assembly.GetManifestResourceStream($"Scim.Conformance.Suites.Requirements.{name}")
            ?? throw new InvalidOperationException($"the embedded resource {name} is missing from {assembly.GetName().Name}");
        return JsonNode.Parse(stream, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false }) as JsonObject
            ?? throw new InvalidOperationException($"{name} is not a JSON object");
    }

    private static string Text(JsonObject entry, string member) =>
        entry[member] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0
            ? s
            : throw new FormatException($"`{member}` is missing or not a non-empty string");

    private static RequirementLevel ParseLevel(string level) => level.ToUpperInvariant() switch
    {
        "MUST" => RequirementLevel.Must,
        "SHOULD" => RequirementLevel.Should,
        "MAY" => RequirementLevel.May,
        _ => throw new FormatException($"level '{level}' is not MUST, SHOULD or MAY"),
    };
}

/// <summary>A specification the registry cites.</summary>
public sealed record RequirementDocument(string Title, string? Uri);
