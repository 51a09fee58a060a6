using System.CommandLine;
using Scim.Conformance.Runner;
using Scim.Conformance.Runner.Commands;
using Scim.Conformance.Runner.Terminal;

// The command line of design.md: `run` (the default) and `list`. A usage error is one line and exit 2.
var target = new Option<string?>("--target") { Description = "Name of a target in the configuration file" };
var config = new Option<string?>("--config") { Description = "The targets file (default: targets.json in the current directory)" };
var baseUrl = new Option<string?>("--base-url") { Description = "An ad-hoc target: the SCIM base URL, e.g. https://scim.example.com/v2" };
var tokenEnv = new Option<string?>("--token-env") { Description = "With --base-url: the environment variable holding the bearer token" };
var fault = new Option<string[]>("--fault") { Description = "Embedded reference server only: switch on a named fault (repeatable)" };
var include = new Option<string[]>("--include") { Description = "Run only these checks: IDs, globs (discovery.spc.*), areas, tag:X, level:must|should|may, req:RFC7644-3.5.2*" };
var exclude = new Option<string[]>("--exclude") { Description = "Leave out these checks (same patterns as --include)" };
var profile = new Option<string?>("--profile") { Description = "strict (default), interop, lenient or schema-literal" };
var output = new Option<string>("--out") { Description = "Where the reports go", DefaultValueFactory = _ => "conformance-report" };
var failOn = new Option<string>("--fail-on") { Description = "must (default): exit 1 on Fail; should: on Fail or Warn; never", DefaultValueFactory = _ => "must" };
var concurrency = new Option<int?>("--concurrency") { Description = "How many checks run at once (default 8)" };
var latency = new Option<int?>("--latency-ms") { Description = "Embedded reference server only: delay every response (benchmarks)" };
var timeout = new Option<double?>("--timeout") { Description = "Seconds to wait for each response (default 30)" };
var baseline = new Option<string?>("--baseline") { Description = "Compare with a baseline of known deviations: exit 1 only for differences" };
var caBundle = new Option<string?>("--ca-bundle") { Description = "A PEM file of certificate authorities to trust besides the system's (a target's own CA)" };
var insecure = new Option<bool>("--insecure-skip-tls-verify") { Description = "Accept any server certificate: self-signed test servers only; every report says so" };
var proxy = new Option<string?>("--proxy") { Description = "An HTTP proxy for every request to the target, e.g. http://proxy.example.com:3128" };
var from = new Option<string>("--from") { Description = "The result.json to build the baseline from", Required = true };
var baselineOut = new Option<string>("--out") { Description = "The baseline file to write", Required = true };
var previous = new Option<string?>("--previous") { Description = "An earlier baseline whose reasons are kept for unchanged entries" };
var describe = new Option<string?>("--describe") { Description = "What the baseline describes, e.g. \"SCIMMY 1.3.5\"" };
var maxRps = new Option<double?>("--max-rps") { Description = "At most this many requests per second to the target" };
var runTimeout = new Option<double?>("--run-timeout") { Description = "Seconds the whole run may take; then it stops cleanly (cleanup still runs) and exits 3" };
var readOnly = new Option<bool>("--read-only") { Description = "Run only the checks that change nothing (for production tenants); no write is ever sent" };
var chaos = new Option<string?>("--chaos") { Description = "Embedded reference server only: a hostile transport (slow, truncated, huge, invalid-json, ...)" };
var prefix = new Option<string>("--prefix") { Description = "Sweep only resources named with this prefix (default scimct-: every run's leftovers)", DefaultValueFactory = _ => "scimct-" };
var yes = new Option<bool>("--yes") { Description = "Delete without asking" };
var noConfirm = new Option<bool>("--no-confirm") { Description = "Report violations as the concurrent run found them, without running each once more alone to confirm it" };
var format = new Option<string>("--format") { Description = "text or json", DefaultValueFactory = _ => "text" };

var run = new Command("run", "Run the checks against a target and write the reports (the default command)");
foreach (var option in new Option[] { target, config, baseUrl, tokenEnv, fault, include, exclude, profile, output, failOn, concurrency, timeout, baseline, latency, maxRps, runTimeout, readOnly, chaos, caBundle, insecure, proxy, noConfirm })
    run.Options.Add(option);
run.SetAction((parse, cancellationToken) => RunCommand.ExecuteAsync(new RunCommand.Arguments
{
    Target = parse.GetValue(target),
    Config = parse.GetValue(config),
    BaseUrl = parse.GetValue(baseUrl),
    TokenEnv = parse.GetValue(tokenEnv),
    Faults = parse.GetValue(fault) ?? [],
    Include = parse.GetValue(include) ?? [],
    Exclude = parse.GetValue(exclude) ?? [],
    Profile = parse.GetValue(profile),
    Out = parse.GetValue(output)!,
    FailOn = parse.GetValue(failOn)!,
    Concurrency = parse.GetValue(concurrency),
    TimeoutSeconds = parse.GetValue(timeout),
    Baseline = parse.GetValue(baseline),
    LatencyMs = parse.GetValue(latency),
    MaxRps = parse.GetValue(maxRps),
    RunTimeoutSeconds = parse.GetValue(runTimeout),
    ReadOnly = parse.GetValue(readOnly),
    Chaos = parse.GetValue(chaos),
    CaBundle = parse.GetValue(caBundle),
    InsecureSkipTlsVerify = parse.GetValue(insecure),
    Proxy = parse.GetValue(proxy),
    NoConfirm = parse.GetValue(noConfirm),
}, RunConsole.Create(), cancellationToken));

var sweep = new Command("sweep", "Find what earlier runs left on a target (by the run prefix), list it, and delete it after confirmation or with --yes");
foreach (var option in new Option[] { target, config, baseUrl, tokenEnv, timeout, prefix, yes, caBundle, insecure, proxy })
    sweep.Options.Add(option);
sweep.SetAction((parse, cancellationToken) => SweepCommand.ExecuteAsync(new SweepCommand.Arguments
{
    Target = parse.GetValue(target),
    Config = parse.GetValue(config),
    BaseUrl = parse.GetValue(baseUrl),
    TokenEnv = parse.GetValue(tokenEnv),
    TimeoutSeconds = parse.GetValue(timeout),
    CaBundle = parse.GetValue(caBundle),
    InsecureSkipTlsVerify = parse.GetValue(insecure),
    Proxy = parse.GetValue(proxy),
    Prefix = parse.GetValue(prefix)!,
    Yes = parse.GetValue(yes),
}, Console.Out, Console.Error, Console.IsInputRedirected ? null : Console.In, cancellationToken));

var list = new Command("list", "Print the catalog of checks without touching any server");
foreach (var option in new Option[] { format, include, exclude })
    list.Options.Add(option);
list.SetAction(parse => ListCommand.Execute(parse.GetValue(format)!, parse.GetValue(include) ?? [], parse.GetValue(exclude) ?? [], Console.Out, Console.Error));

var coverageOut = new Option<string>("--out") { Description = "The folder to write the coverage pages to", DefaultValueFactory = _ => "docs/coverage" };
var coverage = new Command("coverage", "Write the coverage pages (every requirement, its level and the checks that judge it) from the requirements registry");
coverage.Options.Add(coverageOut);
coverage.SetAction(parse => CoverageCommand.Execute(parse.GetValue(coverageOut)!, Console.Out, Console.Error));

var baselineCommand = new Command("baseline", "Write a baseline of expected outcomes from a result.json");
foreach (var option in new Option[] { from, baselineOut, previous, describe })
    baselineCommand.Options.Add(option);
baselineCommand.SetAction(parse => BaselineCommand.Execute(parse.GetValue(from)!, parse.GetValue(baselineOut)!, parse.GetValue(previous),
    parse.GetValue(describe), Console.Out, Console.Error));

var root = new RootCommand("SCIM conformance suite: tells, with evidence, whether a SCIM server does what RFC 7643/7644, RFC 9865 and the agent extension require.");
root.Subcommands.Add(run);
root.Subcommands.Add(list);
root.Subcommands.Add(baselineCommand);
root.Subcommands.Add(sweep);
root.Subcommands.Add(coverage);

// `run` is the default: no arguments, or options without a command, mean `run …`.
var effective = args.Length == 0 || (args[0].StartsWith('-') && args[0] is not ("-h" or "--help" or "-?" or "--version")) ? ["run", .. args] : args;
var parsed = root.Parse(effective);
if (parsed.Errors.Count > 0)
{
    // A stray argument is echoed: if it was a URL, its password and query stay off the console.
    Console.Error.WriteLine($"error: {Scim.Conformance.Suites.Kit.UrlSecrets.Masked(parsed.Errors[0].Message)} (see --help)");
    return ExitCodes.UsageOrConfiguration;
}
// `run` handles Ctrl-C and SIGTERM itself (stop, clean up, write the reports); the library's handler would end the
// process two seconds after the signal, cleanup or not. The library's exception handler prints a stack trace and
// exits 1 (the code for conformance failures): anything a command did not catch ends here instead, as one line and 3.
try
{
    return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false });
}
catch (Exception e)
{
    Console.Error.WriteLine($"error: {parsed.CommandResult.Command.Name} failed: {UnexpectedFailure.Describe(e)}");
    return ExitCodes.TargetUnreachableOrHarnessError;
}
