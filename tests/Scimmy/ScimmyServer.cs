using Scim.Conformance.Tests.Support;
using Xunit;

namespace Scim.Conformance.Tests.Scimmy;

/// <summary>SCIMMY — an independently written SCIM server — started once for the test class by the fixture's own
/// scripts (fixtures/scimmy/start.sh installs its pinned packages), and stopped by its process id.</summary>
public sealed class ScimmyServer : IAsyncLifetime
{
    public string Token { get; } = "scimmy-" + Guid.NewGuid().ToString("N");
    public Uri BaseUrl { get; private set; } = null!;
    public string BaselinePath { get; } = RepositoryRoot.File("fixtures", "scimmy", "baseline.json");
    private string? _pid;

    public async ValueTask InitializeAsync()
    {
        // Node is part of the machine image and .ci/run installs it when missing; without it SCIMMY cannot run at all.
        if (!OnPath("node"))
            Assert.Skip("node is not installed; SCIMMY needs Node.js (.ci/run installs it)");
        var start = await ExternalTool.RunAsync("bash", [RepositoryRoot.File("fixtures", "scimmy", "start.sh")],
            RepositoryRoot.File("fixtures", "scimmy"), new Dictionary<string, string> { ["SCIMMY_TOKEN"] = Token });
        if (start.ExitCode != 0)
            throw new InvalidOperationException($"SCIMMY did not start (exit {start.ExitCode}): {start.StdErr}");
        var values = start.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        _pid = values["SCIMMY_PID"];
        BaseUrl = new Uri(values["SCIMMY_BASE_URL"]);
    }

    public async ValueTask DisposeAsync()
    {
        if (_pid is not null)
            await ExternalTool.RunAsync("bash", [RepositoryRoot.File("fixtures", "scimmy", "stop.sh"), _pid], RepositoryRoot.Path);
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(dir => File.Exists(Path.Combine(dir, program)));
}
