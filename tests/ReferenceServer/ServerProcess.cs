using System.Diagnostics;
using Xunit;

namespace Scim.Conformance.Tests.ReferenceServer;

/// <summary>Runs the built reference server as its own process (<c>dotnet Scim.Conformance.ReferenceServer.dll …</c>).</summary>
public static class ServerProcess
{
    /// <summary>The server assembly next to the tests; its runtime configuration is copied with it.</summary>
    public static string DllPath { get; } = Path.Combine(AppContext.BaseDirectory, "Scim.Conformance.ReferenceServer.dll");

    public sealed record Result(int ExitCode, string StdOut, string StdErr)
    {
        public string[] StdOutLines => StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        public string[] StdErrLines => StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>Runs the server to completion (for options that exit by themselves).</summary>
    public static async Task<Result> RunAsync(params string[] arguments)
    {
        using var process = Start(arguments);
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return new Result(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts the server; the caller reads its output and stops it (by this process object, never by name).</summary>
    public static Process Start(params string[] arguments)
    {
        Assert.True(File.Exists(DllPath), $"the reference server is not built at {DllPath}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(DllPath);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        return Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
    }
}
