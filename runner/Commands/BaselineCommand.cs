using Scim.Conformance.Reports.Model;
using Scim.Conformance.Runner.Baselines;
using Scim.Conformance.Runner.Configuration;

namespace Scim.Conformance.Runner.Commands;

/// <summary>`baseline`: writes a baseline from a run's result.json. Reasons of unchanged entries are kept from
/// --previous; a new expected Fail or Warn is written with an UNREVIEWED reason and the command exits 2, because a
/// baseline is refused until a person has named the requirement each expected failure violates.</summary>
public static class BaselineCommand
{
    public static int Execute(string from, string output, string? previous, string? target, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            ResultDocument document;
            try
            {
                document = ResultJson.Deserialize(File.ReadAllText(from));
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                throw new ConfigurationException($"{from}: {e.Message}");
            }
            var old = previous is null ? null : LoadLenient(previous);
            var baseline = BaselineComparer.FromResult(document, old, target);
            baseline.Save(output);
            var unexplained = baseline.UnexplainedEntries();
            stdout.WriteLine($"wrote {output}: {baseline.Checks.Count} expected non-Pass outcome(s)");
            if (unexplained.Count == 0)
                return ExitCodes.Conforms;
            stderr.WriteLine($"error: {unexplained.Count} expected Fail/Warn entr{(unexplained.Count == 1 ? "y needs" : "ies need")} a reviewed reason naming the violated requirement before {output} can be used: {string.Join(", ", unexplained)}");
            return ExitCodes.UsageOrConfiguration;
        }
        catch (ConfigurationException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.UsageOrConfiguration;
        }
    }

    // Updating a baseline must work even when the old one still has unreviewed entries: only reasons are read.
    private static BaselineFile LoadLenient(string path)
    {
        try
        {
            return BaselineFile.Load(path);
        }
        catch (ConfigurationException e) when (e.Message.Contains("no reason naming", StringComparison.Ordinal))
        {
            return System.Text.Json.JsonSerializer.Deserialize<BaselineFile>(File.ReadAllText(path), BaselineFile.SerializerOptions)!;
        }
    }
}
