using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Runner.Configuration;

namespace Scim.Conformance.Runner.Baselines;

/// <summary>A baseline: the outcomes a given server is known to produce, so a run can fail only on differences
/// (regressions, fixes, changes) instead of on deviations everyone already knows about. Checks that are expected
/// to pass are not listed. Every expected Fail or Warn carries a reason that names the requirement the server
/// violates; a baseline with an empty or placeholder reason is refused, because an unexplained expected failure
/// is just a hidden failure.</summary>
public sealed partial record BaselineFile
{
    public const string UnreviewedMarker = "UNREVIEWED";

    [JsonPropertyName("$comment")]
    public string? Comment { get; init; }
    /// <summary>What the baseline describes, e.g. "SCIMMY 1.3.5 with scimmy-routers 1.3.2".</summary>
    public string? Target { get; init; }
    public string Profile { get; init; } = Suites.Kit.Profiles.Strict;
    /// <summary>Check ID → expected non-Pass outcome.</summary>
    public Dictionary<string, BaselineEntry> Checks { get; init; } = new(StringComparer.Ordinal);

    public sealed record BaselineEntry
    {
        public required Outcome Outcome { get; init; }
        public string? Reason { get; init; }
    }

    internal static JsonSerializerOptions SerializerOptions => Json;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    [GeneratedRegex(@"\b(RFC ?\d{4}|draft-[a-z0-9-]+|AGT-N\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex NamesARequirement();

    [GeneratedRegex(@"^\s*$|\b(TODO|TBD|FIXME|CHANGE ?ME|UNREVIEWED|placeholder|lorem ipsum)\b|^\W*(reason|n/?a|none|-+|\.+)\W*$", RegexOptions.IgnoreCase)]
    private static partial Regex Placeholder();

    /// <summary>Loads and validates a baseline; every problem is one <see cref="ConfigurationException"/> line.</summary>
    public static BaselineFile Load(string path)
    {
        BaselineFile? baseline;
        try
        {
            baseline = JsonSerializer.Deserialize<BaselineFile>(File.ReadAllText(path), Json);
        }
        catch (FileNotFoundException)
        {
            throw new ConfigurationException($"{path}: baseline file not found");
        }
        catch (DirectoryNotFoundException)
        {
            throw new ConfigurationException($"{path}: baseline file not found");
        }
        catch (JsonException e)
        {
            throw new ConfigurationException($"{path}: not a valid baseline ({e.Message.Split('\n')[0]})");
        }
        if (baseline is null)
            throw new ConfigurationException($"{path}: not a valid baseline (null)");
        var unexplained = baseline.UnexplainedEntries();
        if (unexplained.Count > 0)
            throw new ConfigurationException(
                $"{path}: {unexplained.Count} expected Fail/Warn entr{(unexplained.Count == 1 ? "y has" : "ies have")} no reason naming the violated requirement: {string.Join(", ", unexplained)}");
        return baseline with { Checks = new Dictionary<string, BaselineEntry>(baseline.Checks, StringComparer.Ordinal) };
    }

    /// <summary>IDs of expected Fail/Warn entries whose reason is empty, a placeholder, or names no requirement.</summary>
    public IReadOnlyList<string> UnexplainedEntries() =>
        Checks.Where(c => c.Value.Outcome is Outcome.Fail or Outcome.Warn && !IsReviewedReason(c.Value.Reason))
            .Select(c => c.Key).OrderBy(id => id, StringComparer.Ordinal).ToList();

    public static bool IsReviewedReason(string? reason) =>
        reason is { Length: >= 20 } && !Placeholder().IsMatch(reason) && NamesARequirement().IsMatch(reason);

    public void Save(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
            Directory.CreateDirectory(directory);
        var ordered = this with { Checks = Checks.OrderBy(c => c.Key, StringComparer.Ordinal).ToDictionary(c => c.Key, c => c.Value) };
        File.WriteAllText(path, JsonSerializer.Serialize(ordered, Json) + "\n");
    }
}
