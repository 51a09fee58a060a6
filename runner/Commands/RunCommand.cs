using Scim.Conformance.ReferenceServer;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Reports.Renderers;
using Scim.Conformance.Runner.Baselines;
using Scim.Conformance.Runner.Configuration;
using Scim.Conformance.Runner.Execution;
using Scim.Conformance.Runner.Terminal;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Runner.Commands;

/// <summary>`run`: resolve the target, run the selected checks, write every report, exit by policy.</summary>
public static class RunCommand
{
    public sealed record Arguments
    {
        public string? Target { get; init; }
        public string? Config { get; init; }
        public string? BaseUrl { get; init; }
        public string? TokenEnv { get; init; }
        public IReadOnlyList<string> Faults { get; init; } = [];
        public IReadOnlyList<string> Include { get; init; } = [];
        public IReadOnlyList<string> Exclude { get; init; } = [];
        public string? Profile { get; init; }
        public string Out { get; init; } = "conformance-report";
        public string FailOn { get; init; } = "must";
        public int? Concurrency { get; init; }
        public double? TimeoutSeconds { get; init; }
        public string? Baseline { get; init; }
        public int? LatencyMs { get; init; }
        public double? MaxRps { get; init; }
        public double? RunTimeoutSeconds { get; init; }
        public bool ReadOnly { get; init; }
        public string? Chaos { get; init; }
        public string? CaBundle { get; init; }
        public bool InsecureSkipTlsVerify { get; init; }
        public string? Proxy { get; init; }
        public bool NoConfirm { get; init; }
    }

    public static async Task<int> ExecuteAsync(Arguments arguments, RunConsole console, CancellationToken cancellationToken)
    {
        RunSettings settings;
        try
        {
            settings = Resolve(arguments, CheckCatalog.All);
            // Before anything runs: a run that cannot write its reports at the end is lost.
            OutputDirectory.Prepare(settings.OutputDirectory);
        }
        catch (ConfigurationException e)
        {
            console.Error(e.Message);
            return ExitCodes.UsageOrConfiguration;
        }

        EmbeddedTarget? embedded = null;
        // What is known so far, for the reports of a run the harness could not finish.
        var started = DateTimeOffset.UtcNow;
        TargetInfo? known = null;
        string? runPrefix = null;
        // The session's redactor once there is one: reports of a failed run are masked like any other.
        Func<string, string> mask = OutputMask.None;
        var finished = new System.Collections.Concurrent.ConcurrentQueue<CheckResult>();
        using var stop = new RunStop();
        using var interrupts = Interrupts.Register(stop, console);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stop.Token);
        var token = linked.Token;
        try
        {
            if (settings.BaseUrl is null)
                embedded = await EmbeddedTarget.StartAsync(settings.EmbeddedFaults, settings.EmbeddedLatency, cancellationToken: token, chaos: settings.EmbeddedChaos);
            var baseUrl = embedded?.BaseUrl ?? settings.BaseUrl!;

            // Built here rather than by embedded.CreateSession, so that pacing, the in-flight cap and read-only apply
            // to the embedded server too; against it, its two random tokens are the primary and second identities.
            using var session = new TargetSession(new TargetSessionOptions
            {
                Name = settings.TargetName,
                BaseUrl = baseUrl,
                Authentication = embedded is not null
                    ? new Suites.Kit.Authentication.BearerAuthentication(embedded.Token)
                    : settings.Identity?.Authentication,
                ClientCertificate = embedded is not null ? null : settings.Identity?.ClientCertificate,
                SecondIdentity = embedded is not null
                    ? new TargetIdentityOptions { Authentication = new Suites.Kit.Authentication.BearerAuthentication(embedded.SecondToken) }
                    : settings.SecondIdentity,
                Connection = settings.Connection,
                Profile = settings.Profile,
                RequestTimeout = settings.RequestTimeout,
                MaxRequestsPerSecond = settings.MaxRequestsPerSecond,
                MaxConcurrentRequests = settings.Concurrency,
                ReadOnly = settings.ReadOnly,
                // The embedded server declares its own deprovisioning policy and demonstrates Agent credentials.
                Deprovisioning = embedded is not null ? EmbeddedTarget.DeclaredDeprovisioning : settings.Deprovisioning,
                CredentialProbe = embedded?.CredentialProbe ?? settings.CredentialProbe,
                ResourceTemplates = settings.ResourceTemplates,
            });
            // From here on, every console line passes through the session's mask (a server's text is in many of them).
            console.UseMask(session.Redactor.Text);
            var target = new TargetInfo
            {
                Name = settings.TargetName,
                BaseUrl = session.Redactor.Text(baseUrl.ToString()),
                Embedded = embedded is not null,
                Faults = settings.EmbeddedFaults,
                Authentication = session.Primary.Options.Description,
                SecondIdentity = session.Second?.Options.Description,
                TlsVerification = baseUrl.Scheme != Uri.UriSchemeHttps ? null
                    : settings.Connection.InsecureSkipTlsVerify ? TlsVerificationModes.Disabled
                    : settings.Connection.ExtraAuthorities.Count > 0 ? TlsVerificationModes.SystemAndCaBundle
                    : TlsVerificationModes.System,
                ViaProxy = settings.Connection.Proxy is null ? null : true,
            };

            known = target;
            runPrefix = session.Prefix.Value;
            mask = session.Redactor.Text;
            if (settings.RunTimeout is { } runTimeout)
                stop.StopAfter(runTimeout);
            await TargetProbe.EnsureReachableAsync(session, token);
            var catalog = CheckCatalog.All;
            console.Starting(target, catalog.Count, settings.Profile);
            console.Note($"run prefix {session.Prefix.Value}: everything this run creates carries it{(settings.ReadOnly ? "; read-only: only checks that change nothing run" : "")}");
            var run = new ConformanceRun(session, target, settings.Selection, settings.Concurrency, stop, settings.ConfirmVerdicts);
            var document = await run.ExecuteAsync(catalog, r => { finished.Enqueue(r); console.CheckFinished(r, catalog.Count); }, cancellationToken);
            console.Note(ConfirmationSection.Line(document.Confirmation));
            if (RunEndSweep.Needed(session, stop.Reason))
            {
                var why = stop.Reason is { } reason ? $"the run was stopped: {reason}" : "a create or delete of the run was cut off or refused";
                document = document with { Leftovers = await RunEndSweep.RunAsync(session, why, console, RunEndSweep.SweepCommandFor(arguments, session)) };
            }
            if (document.SafetyFindings.Count > 0)
                console.Error($"{document.SafetyFindings.Count} time(s) the server's answers would have led the run outside the base URL or to data it did not create; those requests were not sent (see \"{SafetySection.Heading}\" in report.html)");
            if (settings.Baseline is { } baseline)
            {
                var selected = settings.Selection.Selected(catalog).Select(c => c.Id).ToHashSet();
                document = BaselineComparer.Compare(document, baseline.File, baseline.Path, selected);
                console.BaselineDifferences(document);
            }

            var outputDirectory = Path.GetFullPath(settings.OutputDirectory);
            ReportWriter.WriteAll(document, outputDirectory, session.Redactor.Text);
            console.Finished(document, outputDirectory);
            if (stop.Reason is { } stopped)
            {
                console.Error($"the run did not complete: {stopped}");
                return ExitCodes.TargetUnreachableOrHarnessError;
            }
            return document.Baseline is { } comparison
                ? BaselineComparer.HasDifferences(comparison) ? ExitCodes.ConformanceFailures : ExitCodes.Conforms
                : ExitCodeFor(document, settings.FailOn);
        }
        catch (TargetUnreachableException e)
        {
            console.Error(e.Message);
            // The reports say it too (every selected check an Error with the reason), for a pipeline that reads them;
            // the console keeps its one line.
            WriteFailedRunReports(settings, known, runPrefix, mask, started, finished, $"not run: {e.Message}", console, announce: false);
            return ExitCodes.TargetUnreachableOrHarnessError;
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Stopped before any check ran: nothing was created, so there is nothing to clean up.
            var why = $"the run did not start: {stop.Reason ?? "cancelled"}";
            console.Error(why);
            WriteFailedRunReports(settings, known, runPrefix, mask, started, finished, $"not run: {why}", console, announce: false);
            return ExitCodes.TargetUnreachableOrHarnessError;
        }
        catch (IOException e)
        {
            console.Error($"could not write the reports: {e.Message}");
            return ExitCodes.TargetUnreachableOrHarnessError;
        }
        catch (Exception e)
        {
            // Nothing a server sends should get here (its answers become verdicts); if something does, the run
            // still ends with one line and with reports saying what finished and what did not.
            var failure = UnexpectedFailure.Describe(e);
            console.Error($"the run failed: {failure}");
            WriteFailedRunReports(settings, known, runPrefix, mask, started, finished, $"not finished: the harness failed ({failure})", console, announce: true);
            return ExitCodes.TargetUnreachableOrHarnessError;
        }
        finally
        {
            if (embedded is not null)
                await embedded.DisposeAsync();
        }
    }

    private static void WriteFailedRunReports(
        RunSettings settings, TargetInfo? known, string? runPrefix, Func<string, string> mask, DateTimeOffset started,
        IEnumerable<CheckResult> finished, string reason, RunConsole console, bool announce)
    {
        try
        {
            var target = known ?? new TargetInfo { Name = settings.TargetName, BaseUrl = settings.BaseUrl?.ToString() ?? "", Embedded = settings.BaseUrl is null };
            var document = FailedRunDocument.Build(target, settings.Profile, runPrefix ?? "", started, CheckCatalog.All, settings.Selection, finished, reason);
            var outputDirectory = Path.GetFullPath(settings.OutputDirectory);
            ReportWriter.WriteAll(document, outputDirectory, mask);
            if (announce)
                console.Note($"reports of the unfinished run: {outputDirectory}");
        }
        catch (Exception e)
        {
            console.Error($"could not write the reports either: {UnexpectedFailure.Describe(e)}");
        }
    }

    /// <summary>Conformance failures first (they are the verdict); otherwise harness errors make the run incomplete.</summary>
    public static int ExitCodeFor(ResultDocument document, FailOnPolicy policy)
    {
        if (document.Checks.Any(c => policy.Fails(c.Outcome)))
            return ExitCodes.ConformanceFailures;
        if (document.Checks.Any(c => c.Outcome == Outcome.Error))
            return ExitCodes.TargetUnreachableOrHarnessError;
        return ExitCodes.Conforms;
    }

    /// <summary>Trust and proxy: the command line's options win over the target's; a CA bundle and switching
    /// verification off contradict each other.</summary>
    private static Suites.Kit.Authentication.ConnectionSettings Connection(Arguments a, TargetConfig? config)
    {
        var caBundle = a.CaBundle is not null ? Path.GetFullPath(a.CaBundle) : config?.CaBundle;
        var insecure = a.InsecureSkipTlsVerify || config?.InsecureSkipTlsVerify == true;
        if (insecure && caBundle is not null)
            throw new ConfigurationException("a CA bundle and insecureSkipTlsVerify contradict each other: trust the bundle, or verify nothing");
        IReadOnlyList<System.Security.Cryptography.X509Certificates.X509Certificate2> authorities = [];
        if (caBundle is not null)
        {
            try
            {
                authorities = Suites.Kit.Authentication.ClientCertificates.LoadBundle(caBundle);
            }
            catch (ArgumentException e)
            {
                throw new ConfigurationException(e.Message);
            }
        }
        return new Suites.Kit.Authentication.ConnectionSettings
        {
            ExtraAuthorities = authorities,
            InsecureSkipTlsVerify = insecure,
            Proxy = a.Proxy is not null ? CredentialSections.Proxy(a.Proxy, "--proxy") : config?.Proxy,
        };
    }

    public static RunSettings Resolve(Arguments a, IReadOnlyList<CheckDescriptor> catalog)
    {
        if (a.Target is not null && a.BaseUrl is not null)
            throw new ConfigurationException("give either --target or --base-url, not both");
        if (a.Faults.Count > 0 && (a.Target is not null || a.BaseUrl is not null))
            throw new ConfigurationException("--fault applies to the embedded reference server only; drop --target/--base-url");
        if (a.LatencyMs is not null && (a.Target is not null || a.BaseUrl is not null))
            throw new ConfigurationException("--latency-ms applies to the embedded reference server only; drop --target/--base-url");
        if (a.LatencyMs is < 0 or > 60_000)
            throw new ConfigurationException($"--latency-ms must be between 0 and 60000, not {a.LatencyMs}");
        if (a.TokenEnv is not null && a.BaseUrl is null)
            throw new ConfigurationException("--token-env goes with --base-url (a configured target names its variable in the file)");

        TargetConfig? config = null;
        if (a.Target is not null)
            config = TargetsFile.Load(a.Config ?? TargetsFile.DefaultFileName, a.Target);
        else if (a.Config is not null)
            throw new ConfigurationException("--config goes with --target NAME");

        var baseUrl = a.BaseUrl is not null ? TargetsFile.ParseBaseUrl(a.BaseUrl, "--base-url") : config?.BaseUrl;
        if (baseUrl is null && (a.CaBundle is not null || a.InsecureSkipTlsVerify || a.Proxy is not null))
            throw new ConfigurationException("--ca-bundle, --insecure-skip-tls-verify and --proxy apply to a target reached by URL; add --target or --base-url");
        var identity = a.TokenEnv is not null
            ? new IdentityConfig(new BearerAuthConfig(new SecretReference(a.TokenEnv, null)), null)
            : config?.Identity;
        var primary = identity?.Resolve("the target's");
        var second = config?.SecondIdentity?.Resolve("the second identity's");
        var connection = Connection(a, config);

        var profile = a.Profile ?? config?.Profile ?? Profiles.Strict;
        if (!Profiles.IsKnown(profile))
            throw new ConfigurationException($"unknown profile '{profile}' (known: {string.Join(", ", Profiles.Names)})");
        var concurrency = a.Concurrency ?? config?.Concurrency ?? 8;
        if (concurrency is < 1 or > 256)
            throw new ConfigurationException($"concurrency must be between 1 and 256, not {concurrency}");
        var timeout = a.TimeoutSeconds ?? config?.RequestTimeoutSeconds ?? 30;
        if (timeout is <= 0 or > 3600)
            throw new ConfigurationException($"the request timeout must be between 0 and 3600 seconds, not {timeout}");
        var maxRps = a.MaxRps ?? config?.MaxRps;
        if (maxRps is not null && (maxRps <= 0 || maxRps > 100_000 || double.IsNaN(maxRps.Value)))
            throw new ConfigurationException($"the request rate (--max-rps, maxRps) must be above 0 and at most 100000 per second, not {maxRps}");
        var runTimeout = a.RunTimeoutSeconds ?? config?.RunTimeoutSeconds;
        if (runTimeout is not null && (runTimeout <= 0 || runTimeout > 7 * 24 * 3600 || double.IsNaN(runTimeout.Value)))
            throw new ConfigurationException($"the run timeout (--run-timeout, runTimeoutSeconds) must be above 0 and at most a week in seconds, not {runTimeout}");
        var chaos = ChaosMode.None;
        if (a.Chaos is not null)
        {
            if (a.Target is not null || a.BaseUrl is not null)
                throw new ConfigurationException("--chaos applies to the embedded reference server only; drop --target/--base-url");
            chaos = ChaosModes.Parse(a.Chaos)
                ?? throw new ConfigurationException($"unknown chaos mode '{a.Chaos}' (known: {string.Join(", ", ChaosModes.All.Select(ChaosModes.NameOf))})");
        }
        var readOnly = a.ReadOnly || config?.ReadOnly == true;
        foreach (var fault in a.Faults)
        {
            if (FaultCatalog.Find(fault) is null)
                throw new ConfigurationException($"unknown fault '{fault}' (see `dotnet run --project fixtures/ReferenceServer -- --list-faults`)");
        }

        return new RunSettings
        {
            TargetName = config?.Name ?? (baseUrl is null ? "reference-server" : baseUrl.Host),
            BaseUrl = baseUrl,
            Identity = primary,
            SecondIdentity = second,
            Connection = connection,
            EmbeddedFaults = a.Faults,
            EmbeddedLatency = TimeSpan.FromMilliseconds(a.LatencyMs ?? 0),
            Profile = profile,
            Selection = new Selection(a.Include.Count > 0 ? a.Include : config?.Include ?? [], a.Exclude.Count > 0 ? a.Exclude : config?.Exclude ?? [], catalog, readOnly),
            MaxRequestsPerSecond = maxRps,
            RunTimeout = runTimeout is null ? null : TimeSpan.FromSeconds(runTimeout.Value),
            ReadOnly = readOnly,
            EmbeddedChaos = chaos,
            Concurrency = concurrency,
            RequestTimeout = TimeSpan.FromSeconds(timeout),
            OutputDirectory = a.Out,
            FailOn = FailOnPolicies.Parse(a.FailOn),
            Baseline = a.Baseline is null ? null : (a.Baseline, BaselineFile.Load(a.Baseline)),
            Deprovisioning = config?.Deprovisioning,
            CredentialProbe = config?.CredentialProbe,
            ResourceTemplates = config?.ResourceTemplates,
            ConfirmVerdicts = !a.NoConfirm && config?.ConfirmVerdicts != false,
        };
    }
}
