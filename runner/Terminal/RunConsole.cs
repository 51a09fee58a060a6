using Scim.Conformance.Reports.Model;
using Spectre.Console;

namespace Scim.Conformance.Runner.Terminal;

/// <summary>What a person watching the run sees: a line per check that did not pass, as it finishes, and a
/// summary at the end. Never a secret: once the session is known, every piece of text printed passes through its
/// mask first (before a reason is shortened), and URLs are printed masked.</summary>
public sealed class RunConsole(IAnsiConsole console)
{
    private readonly Lock _lock = new();
    private int _done;
    private volatile Func<string, string> _mask = text => text;

    /// <summary>Masks every line printed from now on (the session's redactor, once the session exists).</summary>
    public void UseMask(Func<string, string> mask) => _mask = mask;

    // Masked, then escaped for Spectre's markup: the one way server or user text reaches the console.
    private string Safe(string text) => Markup.Escape(_mask(text));

    public static RunConsole Create()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        // Redirected output (CI logs, pipes) must not be wrapped at an imaginary 80 columns.
        if (Console.IsOutputRedirected)
            console.Profile.Width = 400;
        return new RunConsole(console);
    }

    public void Starting(TargetInfo target, int total, string profile)
    {
        console.MarkupLine($"[bold]scim-conformance[/] {Markup.Escape(ToolVersion.Version)} → [bold]{Safe(target.Name)}[/] " +
            $"{Safe(target.BaseUrl)} ({total} checks, profile {Safe(profile)})");
        if (target.TlsUnverified)
            console.MarkupLine($"[red bold]warning:[/] {Markup.Escape(TlsVerificationModes.DisabledWarning)}");
    }

    public void CheckFinished(CheckResult result, int total)
    {
        lock (_lock)
        {
            _done++;
            if (result.Outcome is Outcome.Pass or Outcome.Skipped or Outcome.NotApplicable)
                return;
            var reason = result.Reason is null ? "" : " — " + Markup.Escape(Shorten(_mask(result.Reason)));
            console.MarkupLine($"[grey]{_done,4}/{total}[/] {Badge(result.Outcome)} {Safe(result.Id)}{reason}");
        }
    }

    /// <summary>Names every check whose outcome differs from the baseline, and baseline entries with no check.</summary>
    public void BaselineDifferences(ResultDocument document)
    {
        if (document.Baseline is not { } baseline)
            return;
        var byId = document.Checks.ToDictionary(c => c.Id);
        foreach (var (label, ids) in new[] { ("NEW FAILURE", baseline.NewFailures), ("NOW PASSES", baseline.NowPassing), ("CHANGED", baseline.Changed) })
        {
            foreach (var id in ids)
            {
                var check = byId[id];
                console.MarkupLine($"[bold]{label}[/] {Safe(id)}: baseline expects {check.Baseline?.ExpectedOutcome}, got {check.Outcome}" +
                    (check.Reason is null ? "" : $" — {Markup.Escape(Shorten(_mask(check.Reason)))}"));
            }
        }
        foreach (var id in baseline.UnknownChecks)
            console.MarkupLine($"[bold]UNKNOWN CHECK[/] {Safe(id)}: in the baseline, not in the catalog");
        var differences = baseline.NewFailures.Count + baseline.NowPassing.Count + baseline.Changed.Count + baseline.UnknownChecks.Count;
        console.MarkupLine(differences == 0
            ? $"matches the baseline {Safe(baseline.File)}"
            : $"[bold]{differences} difference(s)[/] from the baseline {Safe(baseline.File)}");
    }

    public void Finished(ResultDocument document, string outputDirectory)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("Outcome").AddColumn(new TableColumn("Checks").RightAligned());
        foreach (var outcome in Enum.GetValues<Outcome>())
            table.AddRow(Badge(outcome), document.Summary.Count(outcome).ToString());
        console.Write(table);
        var seconds = (document.FinishedAt - document.StartedAt).TotalSeconds;
        console.MarkupLine($"{document.Summary.Total} checks in {seconds:0.0} s; reports in [bold]{Safe(outputDirectory)}[/]");
    }

    /// <summary>A plain line of information (run prefix, interruption, cleanup).</summary>
    public void Note(string line)
    {
        lock (_lock)
            console.MarkupLine(Safe(line));
    }

    /// <summary>One line on standard error, unwrapped whatever its length.</summary>
    public void Error(string line) => Console.Error.WriteLine($"error: {_mask(line)}");

    private static string Badge(Outcome outcome) => outcome switch
    {
        Outcome.Pass => "[green]PASS[/]",
        Outcome.Fail => "[red bold]FAIL[/]",
        Outcome.Warn => "[yellow]WARN[/]",
        Outcome.Info => "[blue]INFO[/]",
        Outcome.NotApplicable => "[grey]N/A[/]",
        Outcome.Skipped => "[grey]SKIP[/]",
        _ => "[magenta bold]ERROR[/]",
    };

    private static string Shorten(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= 160 ? line : line[..160] + "…";
    }
}
