using Scim.Conformance.Runner.Configuration;
using Scim.Conformance.Runner.Execution;
using Scim.Conformance.Runner.Terminal;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Runner.Commands;

/// <summary>`sweep`: finds what earlier runs left behind on a target — every resource, of every type the target
/// serves, whose naming attribute starts with the prefix — lists it, and deletes it only after a "y" at the prompt or
/// with <c>--yes</c>. Nothing without the prefix is ever deleted. Exit 0 when nothing is left (or nothing was to be
/// deleted), 2 for bad usage, 3 when the target is unreachable or something could not be looked at or deleted.</summary>
public static class SweepCommand
{
    public sealed record Arguments
    {
        public string? Target { get; init; }
        public string? Config { get; init; }
        public string? BaseUrl { get; init; }
        public string? TokenEnv { get; init; }
        public double? TimeoutSeconds { get; init; }
        public string? CaBundle { get; init; }
        public bool InsecureSkipTlsVerify { get; init; }
        public string? Proxy { get; init; }
        public string Prefix { get; init; } = PrefixSweep.Marker;
        public bool Yes { get; init; }
    }

    /// <param name="confirmation">Where the answer to the prompt is read; null when no one can answer (input redirected).</param>
    public static async Task<int> ExecuteAsync(Arguments a, TextWriter output, TextWriter error, TextReader? confirmation, CancellationToken cancellationToken)
    {
        RunSettings settings;
        try
        {
            if (a.Target is null && a.BaseUrl is null)
                throw new ConfigurationException("sweep needs a target: --target NAME or --base-url URL");
            if (!PrefixSweep.IsAcceptablePrefix(a.Prefix))
                throw new ConfigurationException($"--prefix '{a.Prefix}' must start with '{PrefixSweep.Marker}' (the mark of this tool's runs) and hold only letters, digits and '-'");
            settings = RunCommand.Resolve(new RunCommand.Arguments
            {
                Target = a.Target,
                Config = a.Config,
                BaseUrl = a.BaseUrl,
                TokenEnv = a.TokenEnv,
                TimeoutSeconds = a.TimeoutSeconds,
                CaBundle = a.CaBundle,
                InsecureSkipTlsVerify = a.InsecureSkipTlsVerify,
                Proxy = a.Proxy,
            }, CheckCatalog.All);
        }
        catch (ConfigurationException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.UsageOrConfiguration;
        }

        using var session = new TargetSession(new TargetSessionOptions
        {
            Name = settings.TargetName,
            BaseUrl = settings.BaseUrl!,
            Authentication = settings.Identity?.Authentication,
            ClientCertificate = settings.Identity?.ClientCertificate,
            Connection = settings.Connection,
            RequestTimeout = settings.RequestTimeout,
            MaxRequestsPerSecond = settings.MaxRequestsPerSecond,
        });
        // The target's answers (resource names, problems) are printed from here on: through the session's mask.
        output = new MaskingWriter(output, session.Redactor.Text);
        error = new MaskingWriter(error, session.Redactor.Text);
        try
        {
            await TargetProbe.EnsureReachableAsync(session, cancellationToken);
            var sweep = new PrefixSweep(session, cancellationToken);
            await output.WriteLineAsync($"Looking on '{session.Name}' ({session.BaseUrl}) for resources named with the prefix '{a.Prefix}'…");
            var leftovers = await sweep.FindAsync(a.Prefix);
            foreach (var problem in sweep.Problems)
                await error.WriteLineAsync($"warning: {problem}");
            if (leftovers.Count == 0)
            {
                await output.WriteLineAsync("Nothing to sweep.");
                return sweep.Problems.Count == 0 ? ExitCodes.Conforms : ExitCodes.TargetUnreachableOrHarnessError;
            }

            var width = leftovers.Max(l => l.ResourceType.Length);
            foreach (var leftover in leftovers)
                await output.WriteLineAsync($"  {leftover.ResourceType.PadRight(width)}  {leftover.NamingAttribute}={leftover.Name}  ({leftover.Location})");
            await output.WriteLineAsync($"{leftovers.Count} resource(s) carry the prefix.");
            if (!a.Yes && !await ConfirmedAsync(leftovers.Count, output, confirmation))
            {
                await output.WriteLineAsync("Nothing deleted" + (confirmation is null ? ": run again with --yes to delete them." : "."));
                return ExitCodes.Conforms;
            }

            var failures = await sweep.DeleteAsync(leftovers, a.Prefix);
            foreach (var failure in failures)
                await error.WriteLineAsync($"error: could not delete {failure}");
            await output.WriteLineAsync($"Deleted {leftovers.Count - failures.Count} of {leftovers.Count}.");
            return failures.Count == 0 && sweep.Problems.Count == 0 ? ExitCodes.Conforms : ExitCodes.TargetUnreachableOrHarnessError;
        }
        catch (TargetUnreachableException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.TargetUnreachableOrHarnessError;
        }
        catch (Exception e) when (e is HarnessException or PrerequisiteException)
        {
            await error.WriteLineAsync($"error: the sweep could not finish: {e.Message}");
            return ExitCodes.TargetUnreachableOrHarnessError;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("error: the sweep was interrupted");
            return ExitCodes.TargetUnreachableOrHarnessError;
        }
        catch (Exception e)
        {
            await error.WriteLineAsync($"error: the sweep failed: {Terminal.UnexpectedFailure.Describe(e)}");
            return ExitCodes.TargetUnreachableOrHarnessError;
        }
    }

    private static async Task<bool> ConfirmedAsync(int count, TextWriter output, TextReader? confirmation)
    {
        if (confirmation is null)
            return false;
        await output.WriteAsync($"Delete these {count} resource(s)? [y/N] ");
        await output.FlushAsync();
        var answer = (await confirmation.ReadLineAsync())?.Trim();
        return string.Equals(answer, "y", StringComparison.OrdinalIgnoreCase) || string.Equals(answer, "yes", StringComparison.OrdinalIgnoreCase);
    }
}
