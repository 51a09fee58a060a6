using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Filtering;

/// <summary>RFC 7644 §3.4.2.2 (Figure 1, the filter ABNF) and §3.12: comparison values are JSON literals, and a
/// filter outside the grammar — an unknown operator, a missing value, unbalanced parentheses, trailing tokens — is
/// refused with 400 invalidFilter: never evaluated as something else, never a server error.</summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class FilterSyntaxChecks : FilterCheck
{
    [Check("filter.json-literals", "Comparison values are JSON literals; an unquoted string is refused",
        References = ["RFC7644 §3.4.2.2", "RFC7644 §3.12"], Rows = ["RFC7644-3.4.2.2-COMPVALUE-JSON"], Tags = ["filter", "syntax"],
        Requirement = "A comparison value is `false`, `null`, `true`, a number or a quoted string (Figure 1): `active eq true` (unquoted, when the schema has `active`) is understood, and `title eq Zeta` — an unquoted word — is refused with 400 invalidFilter rather than read as a string.")]
    public async Task JsonLiterals()
    {
        var userType = await UserTypeAsync();
        var active = await DeclaredAsync(userType, "active");
        var withActive = active?.StringMember("type") == "boolean";
        var cohort = await TrioAsync(userType, (tail, b) =>
        {
            if (withActive)
                b["active"] = tail != "alice";
        });
        var problems = new List<string>();
        if (withActive)
        {
            var literal = await FindAsync(cohort, "active eq true");
            if (!literal.Is("bjensen", "carol"))
                problems.Add(literal.Problem("bjensen and carol (alice is inactive)"));
        }
        var unquoted = await FindAsync(cohort, "title eq Zeta");
        if (!unquoted.IsInvalidFilter)
            problems.Add($"`{unquoted.Expression}` → {unquoted.Summary}, expected HTTP 400 with scimType invalidFilter (Zeta is not a JSON literal)");
        Expect.NoProblems(problems, "comparison values were not read as JSON literals",
            withActive ? "`active eq true` → bjensen and carol; `title eq Zeta` → 400 invalidFilter" : "`title eq Zeta` → 400 invalidFilter");
    }

    [Check("filter.unknown-operator-400", "An unknown operator is refused with invalidFilter",
        References = ["RFC7644 §3.4.2.2", "RFC7644 §3.12"], Rows = ["RFC7644-3.4.2.2-UNKNOWN-OP-400"], Tags = ["filter", "syntax", "errors"],
        Requirement = "A filter with an operator outside Table 3 (`title regex \"Tour\"`, `title like \"Tour\"`) is refused with 400 and scimType invalidFilter — not evaluated as if the comparison were true or absent, and not a server error.")]
    public async Task UnknownOperator()
    {
        var cohort = await TrioAsync(await UserTypeAsync());
        var problems = new List<string>();
        foreach (var expression in new[] { "title regex \"Tour\"", "title like \"Tour\"" })
        {
            var found = await FindAsync(cohort, expression);
            if (!found.IsInvalidFilter)
                problems.Add($"`{expression}` → {found.Summary}");
        }
        Expect.NoProblems(problems, "a filter with an unknown operator was not refused with invalidFilter",
            "HTTP 400 with scimType invalidFilter for each");
    }

    [Check("filter.syntax-400", "A filter that breaks the grammar is refused with invalidFilter",
        References = ["RFC7644 §3.4.2.2", "RFC7644 §3.12"], Rows = ["RFC7644-3.4.2.2-SYNTAX-400"], Tags = ["filter", "syntax", "errors"],
        Requirement = "A filter that does not comply with Figure 1 — a missing comparison value, an unclosed parenthesis, a dangling `and`, an unknown word after a complete expression — is refused with 400 and scimType invalidFilter: never 200 with the broken part ignored, never 5xx.")]
    public async Task Syntax()
    {
        var cohort = await TrioAsync(await UserTypeAsync());
        var complete = cohort.Confine("title eq \"Tour Guide\"");
        var problems = new List<string>();
        foreach (var (what, filter) in new[]
                 {
                     ("a missing comparison value", $"{cohort.Filter} and (title eq)"),
                     ("an unclosed parenthesis", $"{cohort.Filter} and ((title eq \"Tour Guide\")"),
                     ("a dangling `and`", $"{complete} and"),
                     ("an unknown word after a complete expression", $"{complete} xor title pr"),
                 })
        {
            var found = await FindRawAsync(cohort, filter, filter);
            if (!found.IsInvalidFilter)
                problems.Add($"{what}: `{filter}` → {found.Summary}");
        }
        Expect.NoProblems(problems, "a filter outside the grammar was not refused with invalidFilter",
            "HTTP 400 with scimType invalidFilter for each malformed filter");
    }
}
