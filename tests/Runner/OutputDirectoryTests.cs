using Scim.Conformance.Runner;
using Scim.Conformance.Runner.Configuration;
using Scim.Conformance.Tests.Support;
using Xunit;

namespace Scim.Conformance.Tests.Runner;

/// <summary>A --out that cannot hold the reports is refused before anything runs (exit 2, one line), rather than
/// after an hour of checks with a stack trace.</summary>
public sealed class OutputDirectoryTests : IDisposable
{
    private readonly TempDirectory _dir = new("scim-out-");

    private async Task AssertRefusedAsync(string @out, string expected)
    {
        var result = await RunnerProcess.RunAsync(_dir.Path, new Dictionary<string, string>(), "run", "--out", @out);

        Assert.Equal(ExitCodes.UsageOrConfiguration, result.ExitCode);
        var line = Assert.Single(RunnerProcess.Lines(result));
        Assert.StartsWith("error: --out", line);
        Assert.Contains(expected, line);
        // Nothing ran: the run prefix is announced only once the target was reached.
        Assert.DoesNotContain("run prefix", result.StdOut);
    }

    [Fact]
    public async Task A_path_that_is_a_file_is_refused_before_anything_runs()
    {
        await File.WriteAllTextAsync(_dir.File("taken"), "", TestContext.Current.CancellationToken);
        await AssertRefusedAsync("taken", "is a file, not a directory");
    }

    [Fact]
    public async Task A_path_under_a_file_is_refused_naming_the_file()
    {
        await File.WriteAllTextAsync(_dir.File("taken"), "", TestContext.Current.CancellationToken);
        await AssertRefusedAsync(Path.Combine("taken", "reports"), $"lies under '{_dir.File("taken")}', which is a file");
    }

    [Fact]
    public async Task A_symlink_loop_is_refused_as_one()
    {
        File.CreateSymbolicLink(_dir.File("loop-a"), _dir.File("loop-b"));
        File.CreateSymbolicLink(_dir.File("loop-b"), _dir.File("loop-a"));
        await AssertRefusedAsync("loop-a", "symbolic link that leads back to itself");
        await AssertRefusedAsync(Path.Combine("loop-b", "reports"), "lies under");
    }

    [Fact]
    public async Task A_directory_nothing_can_be_written_to_is_refused()
    {
        // Not a chmod'ed directory: tests may run as root, who writes anywhere; /proc refuses everyone.
        Assert.SkipUnless(Directory.Exists("/proc/self"), "needs Linux /proc");
        await AssertRefusedAsync("/proc/self/scim-reports", "cannot hold the reports");
    }

    [Fact]
    public void A_usable_directory_is_created_and_the_probe_leaves_nothing_behind()
    {
        var full = OutputDirectory.Prepare(Path.Combine(_dir.Path, "new", "reports"));

        Assert.True(Directory.Exists(full));
        Assert.Empty(Directory.EnumerateFileSystemEntries(full));
    }

    public void Dispose() => _dir.Dispose();
}
