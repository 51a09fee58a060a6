using Scim.Conformance.Tests.Support;
using Xunit;

namespace Scim.Conformance.Tests.BetterAuth;

/// <summary>Better Auth with its SCIM plugin, started once for the test class by the fixture's own scripts
/// (fixtures/betterauth/start.sh installs its pinned packages with npm ci), and stopped by its process id.</summary>
public sealed class BetterAuthServer : IAsyncLifetime
{
    // The plugin refuses a token with whitespace; a GUID in "N" form has none.
    public string Token { get; } = "betterauth-" + Guid.NewGuid().ToString("N");
    public Uri BaseUrl { get; private set; } = null!;
    public string BaselinePath { get; } = RepositoryRoot.File("fixtures", "betterauth", "baseline.json");
    private string? _pid;

    public async ValueTask InitializeAsync()
    {
        // Node is part of the machine image and .ci/run installs it when missing; without it Better Auth cannot run.
        if (!OnPath("node"))
            Assert.Skip("node is not installed; Better Auth needs Node.js (.ci/run installs it)");
        var start = await ExternalTool.RunAsync("bash", [RepositoryRoot.File("fixtures", "betterauth", "start.sh")],
            RepositoryRoot.File("fixtures", "betterauth"), new Dictionary<string, string> { ["BETTER_AUTH_SCIM_TOKEN"] = Token });
        if (start.ExitCode != 0)
            throw new InvalidOperationException($"Better Auth did not start (exit {start.ExitCode}): {start.StdErr}");
        var values = start.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        _pid = values["BETTER_AUTH_PID"];
        BaseUrl = new Uri(values["BETTER_AUTH_BASE_URL"]);
    }

    public async ValueTask DisposeAsync()
    {
        if (_pid is not null)
            await ExternalTool.RunAsync("bash", [RepositoryRoot.File("fixtures", "betterauth", "stop.sh"), _pid], RepositoryRoot.Path);
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(dir => File.Exists(Path.Combine(dir, program)));
}
