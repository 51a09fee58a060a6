using Scim.Conformance.Reports.Model;

namespace Scim.Conformance.Reports.Renderers;

/// <summary>The one-line answer a reader wants first: does the server conform? Shared by the HTML report and the
/// Markdown summary so both say the same thing. It judges at MUST level, as the RFCs do; the runner's
/// <c>--fail-on</c> policy decides the exit code separately.</summary>
public sealed record RunVerdict(RunVerdict.Kind Result, string Headline)
{
    public enum Kind
    {
        Conforms,
        ConformsWithWarnings,
        DoesNotConform,
        Inconclusive,
    }

    public static RunVerdict Of(Summary summary)
    {
        int fail = summary.Count(Outcome.Fail), error = summary.Count(Outcome.Error), warn = summary.Count(Outcome.Warn);
        int judged = fail + warn + summary.Count(Outcome.Pass) + summary.Count(Outcome.Info);

        if (fail > 0)
            return new(Kind.DoesNotConform, $"Does not conform: {Plural(fail, "MUST requirement")} violated"
                + (error > 0 ? $", {Plural(error, "check")} without a verdict" : "")
                + (warn > 0 ? $", {Plural(warn, "SHOULD recommendation")} not followed" : ""));
        if (error > 0)
            return new(Kind.Inconclusive, $"Inconclusive: no MUST violation found, but {Plural(error, "check")} "
                + "could not reach a verdict (harness or network error)");
        if (judged == 0)
            return new(Kind.Inconclusive, "Inconclusive: no check was judged (all were skipped or not applicable)");
        if (warn > 0)
            return new(Kind.ConformsWithWarnings,
                $"Conforms, with {Plural(warn, "SHOULD recommendation")} not followed");
        return new(Kind.Conforms, "Conforms: every applicable requirement is met");
    }

    public static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
