using System.Diagnostics;
using Xunit;

namespace Scim.Conformance.Tests.Support;

/// <summary>Runs an external program (Allure, Chromium) with a hard time limit, so that a hung tool fails its test
/// instead of hanging the whole run, and locates tools through environment variables so that tests skip cleanly
/// where a tool is not installed (tests/scripts/install-report-tools.sh installs them and prints the variables).</summary>
public static class ExternalTool
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public sealed record Result(int ExitCode, string StdOut, string StdErr);

    /// <summary>The path an environment variable points at; skips the test when the variable is unset, and fails
    /// it when the variable points at nothing (a broken setup must not pass as "skipped").</summary>
    public static string Require(string variable, string installHint)
    {
        var path = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(path))
            Assert.Skip($"{variable} is not set; {installHint}");
        Assert.True(File.Exists(path), $"{variable}={path} does not exist");
        return path;
    }

    public static async Task<Result> RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        process.StandardInput.Close();
        // Read both streams concurrently: a tool that fills one pipe while we wait on the other would deadlock.
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{Path.GetFileName(fileName)} did not finish within {Timeout.TotalSeconds} s and was killed");
        }
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
