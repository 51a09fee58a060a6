using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Suites.Requirements;

namespace Scim.Conformance.Runner.Commands;

/// <summary>`coverage`: writes docs/coverage/ from the requirements registry and the catalog; no server is touched.</summary>
public static class CoverageCommand
{
    public static int Execute(string directory, TextWriter output, TextWriter error)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var files = CoverageDocuments.Render(CheckCatalog.All);
            // Pages of documents no longer in the registry would claim coverage nobody checks: remove them.
            foreach (var stale in Directory.EnumerateFiles(directory, "*.md").Where(f => !files.ContainsKey(Path.GetFileName(f))))
                File.Delete(stale);
            foreach (var (name, content) in files)
                File.WriteAllText(Path.Combine(directory, name), content);
            output.WriteLine($"wrote {files.Count} file(s) to {directory}");
            return ExitCodes.Conforms;
        }
        catch (IOException e)
        {
            error.WriteLine($"error: cannot write {directory}: {e.Message}");
            return ExitCodes.UsageOrConfiguration;
        }
        catch (UnauthorizedAccessException e)
        {
            error.WriteLine($"error: cannot write {directory}: {e.Message}");
            return ExitCodes.UsageOrConfiguration;
        }
    }
}
