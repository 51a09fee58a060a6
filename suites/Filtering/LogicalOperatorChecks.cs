using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Filtering;

/// <summary>RFC 7644 §3.4.2.2, Table 4 and Figure 1: the logical operators and, or and not, grouping with
/// parentheses, and the precedence of and over or.</summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class LogicalOperatorChecks : FilterCheck
{
    [Check("filter.logic.and", "and requires both sides to be true",
        References = ["RFC7644 §3.4.2.2"], Rows = ["RFC7644-3.4.2.2-LOGIC-AND"], Tags = ["filter", "logical"],
        Requirement = "`and` is true only when both expressions are: `title pr and userType eq \"Employee\"` matches the titled Employee, not the titled non-Employee nor the Employee without a title.")]
    public async Task And()
    {
        var cohort = await TrioAsync(await UserTypeAsync(), ("dave", b => { b.Remove("title"); b["userType"] = "Employee"; }));
        await ExpectExactlyAsync(cohort, "title pr and userType eq \"Employee\"", "`and` did not require both expressions to be true",
            "carol has a title but is no Employee, dave is an Employee without a title", "bjensen");
    }

    [Check("filter.logic.or", "or requires either side to be true",
        References = ["RFC7644 §3.4.2.2"], Rows = ["RFC7644-3.4.2.2-LOGIC-OR"], Tags = ["filter", "logical"],
        Requirement = "`or` is true when either expression is: `userType eq \"Intern\" or title eq \"Zeta\"` matches the Intern and the user titled Zeta, although neither satisfies both.")]
    public async Task Or()
    {
        var cohort = await TrioAsync(await UserTypeAsync());
        await ExpectExactlyAsync(cohort, "userType eq \"Intern\" or title eq \"Zeta\"", "`or` did not match the users satisfying either expression",
            "alice is the Intern, carol is titled Zeta", "alice", "carol");
    }

    [Check("filter.logic.not", "not negates the expression in its parentheses",
        References = ["RFC7644 §3.4.2.2"], Rows = ["RFC7644-3.4.2.2-LOGIC-NOT"], Tags = ["filter", "logical"],
        Requirement = "`not (expression)` is true when the expression is false: `not (title pr)` matches exactly the user without a title, and `not (userType eq \"Employee\")` matches the Intern and never the Employee. Whether it matches a user without a userType is unspecified (catalog §17 item 15), so both readings pass.")]
    public async Task Not()
    {
        var cohort = await TrioAsync(await UserTypeAsync());
        var problems = new List<string>();
        var untitled = await FindAndAsync(cohort, "not (title pr)");
        if (!untitled.Is("alice"))
            problems.Add(untitled.Problem("alice only (the only user without a title)"));
        var nonEmployee = await FindAndAsync(cohort, "not (userType eq \"Employee\")");
        if (!nonEmployee.Is("alice") && !nonEmployee.Is("alice", "carol"))
            problems.Add(nonEmployee.Problem("alice (with or without carol, who has no userType), never bjensen"));
        Expect.NoProblems(problems, "`not` did not return the users for which the inner expression is false",
            "`not (title pr)` → alice only; `not (userType eq \"Employee\")` → alice, carol optional");
    }

    [Check("filter.grouping", "Parentheses group expressions and override precedence",
        References = ["RFC7644 §3.4.2.2"], Rows = ["RFC7644-3.4.2.2-GROUPING"], Tags = ["filter", "logical"],
        Requirement = "Parentheses group sub-expressions, and groups nest (Figure 1: `\"(\" valFilter \")\"` inside a valFilter): `(userType eq \"Intern\" or userType eq \"Employee\") and title pr` is true only for the titled Employee — without the parentheses the Intern would match too — whether it stands at the top level of the filter or inside a further pair of parentheses.")]
    public async Task Grouping()
    {
        var cohort = await TrioAsync(await UserTypeAsync());
        const string expression = "(userType eq \"Intern\" or userType eq \"Employee\") and title pr";
        var problems = new List<string>();
        // Top level: userName sw "…-" and (A or B) and C. Nested: userName sw "…-" and ((A or B) and C).
        var flat = await FindAndAsync(cohort, expression);
        if (!flat.Is("bjensen"))
            problems.Add(flat.Problem("bjensen only"));
        var nested = await FindAsync(cohort, expression);
        if (!nested.Is("bjensen"))
            problems.Add($"nested in a further pair of parentheses, {nested.Problem("bjensen only")}");
        Expect.NoProblems(problems, "the parentheses did not group the `or` before the `and`",
            "bjensen only: alice is an Intern without a title, and only a reading without the parentheses would match her");
    }

    [Check("filter.precedence", "and binds more tightly than or",
        References = ["RFC7644 §3.4.2.2"], Rows = ["RFC7644-3.4.2.2-PRECEDENCE"], Tags = ["filter", "logical"],
        Requirement = "Without parentheses, `and` is evaluated before `or`: `userType eq \"Intern\" or userType eq \"Employee\" and title eq \"Zeta\"` reads as Intern or (Employee and Zeta) and matches the Intern only; read left to right it would match nobody.")]
    public async Task Precedence()
    {
        var cohort = await TrioAsync(await UserTypeAsync());
        await ExpectExactlyAsync(cohort, "userType eq \"Intern\" or userType eq \"Employee\" and title eq \"Zeta\"",
            "`and` did not take precedence over `or`",
            "it reads as Intern or (Employee and Zeta); no Employee is titled Zeta", "alice");
    }
}
