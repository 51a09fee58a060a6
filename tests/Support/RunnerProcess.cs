namespace Scim.Conformance.Tests.Support;

/// <summary>Runs the built command-line program as a user would, in its own process.</summary>
public static class RunnerProcess
{
    public static string DllPath { get; } = Find();

    public static Task<ExternalTool.Result> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        ExternalTool.RunAsync("dotnet", [DllPath, .. arguments], workingDirectory, environment);

    /// <summary>Non-empty lines of everything the program printed.</summary>
    public static IReadOnlyList<string> Lines(ExternalTool.Result result) =>
        (result.StdOut + "\n" + result.StdErr).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Find()
    {
        // The runner is referenced by this project, so it is built alongside it; prefer its own output folder,
        // which has its runtime configuration.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Parent!.Name; // bin/<Configuration>/net10.0/
        var own = RepositoryRoot.File("runner", "bin", configuration, "net10.0", "scim-conformance.dll");
        if (File.Exists(own))
            return own;
        var copied = Path.Combine(AppContext.BaseDirectory, "scim-conformance.dll");
        return File.Exists(copied) ? copied : throw new FileNotFoundException("the runner is not built", own);
    }
}
