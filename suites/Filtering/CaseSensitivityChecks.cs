using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Filtering;

/// <summary>RFC 7644 §3.4.2.2 and RFC 7643 §2.2, §3.1: letter case in filters. Attribute names and operators are
/// case-insensitive; values compare case-insensitively or exactly according to the attribute's <c>caseExact</c>.</summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class CaseSensitivityChecks : FilterCheck
{
    [Check("filter.attribute-names-case-insensitive", "Attribute names in a filter ignore letter case",
        References = ["RFC7644 §3.4.2.2", "RFC7643 §2.1"], Rows = ["RFC7644-3.4.2.2-ATTR-CASE"], Tags = ["filter", "case"],
        Requirement = "\"Attribute names and attribute operators used in filters are case insensitive\": `USERNAME eq`, `Title eq` and `usertype eq` find the same users as the schema's own spelling.")]
    public async Task AttributeNames()
    {
        var cohort = await TrioAsync(await UserTypeAsync());
        var problems = new List<string>();
        foreach (var (expression, expected) in new (string, string[])[]
                 {
                     ($"USERNAME eq {Quote(cohort.UserName("bjensen"))}", ["bjensen"]),
                     ("Title eq \"Tour Guide\"", ["bjensen"]),
                     ("usertype eq \"Intern\"", ["alice"]),
                 })
        {
            var found = await FindAsync(cohort, expression);
            if (!found.Is(expected))
                problems.Add(found.Problem(Only(expected)));
        }
        Expect.NoProblems(problems, "an attribute name spelled in another letter case was not recognised",
            "the same users as with the schema's spelling (userName, title, userType)");
    }

    [Check("filter.operators-case-insensitive", "Operators in a filter ignore letter case",
        References = ["RFC7644 §3.4.2.2"], Rows = ["RFC7644-3.4.2.2-OP-CASE"], Tags = ["filter", "case"],
        Requirement = "Attribute and logical operators are case-insensitive: `title EQ`, `title Pr`, `… OR … Sw …` and `NOT (…)` give the same results as in lower case.")]
    public async Task Operators()
    {
        var cohort = await TrioAsync(await UserTypeAsync());
        var problems = new List<string>();
        foreach (var (expression, expected) in new (string, string[])[]
                 {
                     ("title EQ \"Tour Guide\"", ["bjensen"]),
                     ("title Pr", ["bjensen", "carol"]),
                     ("userType eq \"Intern\" OR title Sw \"Zet\"", ["alice", "carol"]),
                     ("NOT (title pr) And userType Eq \"Intern\"", ["alice"]),
                 })
        {
            // Only the `OR` expression needs parentheses after the confinement; the others go without, so that
            // nested parentheses (filter.grouping's concern) do not decide this check.
            var found = expression.Contains(" OR ", StringComparison.Ordinal) ? await FindAsync(cohort, expression) : await FindAndAsync(cohort, expression);
            if (!found.Is(expected))
                problems.Add(found.Problem(Only(expected)));
        }
        Expect.NoProblems(problems, "an operator spelled in upper or mixed case was not recognised",
            "the same users as with the operators in lower case");
    }

    [Check("filter.case-exact-false", "Values of caseExact-false attributes compare ignoring case",
        References = ["RFC7644 §3.4.2.2", "RFC7643 §7"], Rows = ["RFC7644-3.4.2.2-CASEEXACT-FALSE"], Tags = ["filter", "case"],
        Requirement = "For an attribute whose schema says `caseExact` false (userName, title in the User schema), string comparisons ignore case: `userName eq` the name with its letter case flipped, `userName sw` a flipped prefix and `title eq \"tOUR gUIDE\"` find the user.")]
    public async Task CaseExactFalse()
    {
        var userType = await UserTypeAsync();
        var cohort = await TrioAsync(userType);
        var expressions = new List<string>();
        if (await DeclaredAsync(userType, "userName") is { } userName && IsCaseInsensitive(userName))
        {
            expressions.Add($"userName eq {Quote(FlipCase(cohort.UserName("bjensen")))}");
            expressions.Add($"userName sw {Quote(FlipCase(cohort.UserName("bj")))}");
        }
        if (await DeclaredAsync(userType, "title") is { } title && IsCaseInsensitive(title))
            expressions.Add($"title eq {Quote(FlipCase("Tour Guide"))}");
        if (expressions.Count == 0)
            throw new NotApplicableException("the User schema declares neither userName nor title with caseExact false");
        var problems = new List<string>();
        foreach (var expression in expressions)
        {
            var found = await FindAsync(cohort, expression);
            if (!found.Is("bjensen"))
                problems.Add(found.Problem("bjensen only"));
        }
        Expect.NoProblems(problems, "a comparison on a caseExact-false attribute did not ignore letter case",
            "bjensen found whatever the letter case of the operand");
    }

    [Check("filter.case-exact-true", "Values of caseExact attributes (id, externalId) compare exactly",
        References = ["RFC7644 §3.4.2.2", "RFC7643 §3.1"], Rows = ["RFC7644-3.4.2.2-CASEEXACT-TRUE", "RFC7643-3.1-ID-CASEEXACT"], Tags = ["filter", "case", "id", "externalId"],
        Requirement = "`id` and `externalId` are caseExact (RFC 7643 §3.1), so a filter compares them exactly: `externalId eq` the exact value and `id eq` the exact id find the user, while the same values with their letter case flipped find nobody. The id part runs only when the id contains letters.")]
    public async Task CaseExactTrue()
    {
        var userType = await UserTypeAsync();
        var cohort = await Resources.CreateUserCohortAsync(userType,
            ("bjensen", b => b["externalId"] = $"Ext-{UserNameOf(b)}-A1"), ("alice", b => b["externalId"] = $"Ext-{UserNameOf(b)}-B2"));
        var bjensen = cohort.Members.First(m => m.StringMember("id") == cohort.IdOf("bjensen"));
        var cases = new List<(string Expression, string[] Expected, string Why)>();
        if (bjensen.StringMember("externalId") is { } externalId)
        {
            cases.Add(($"externalId eq {Quote(externalId)}", ["bjensen"], "the exact value"));
            cases.Add(($"externalId eq {Quote(FlipCase(externalId))}", [], "the value with its letter case flipped"));
        }
        var id = cohort.IdOf("bjensen");
        if (FlipCase(id) != id)
        {
            cases.Add(($"id eq {Quote(id)}", ["bjensen"], "the exact id"));
            cases.Add(($"id eq {Quote(FlipCase(id))}", [], "the id with its letter case flipped"));
        }
        if (cases.Count == 0)
            throw new NotApplicableException($"the created user kept no externalId and its id \"{id}\" has no letters to flip");
        var problems = new List<string>();
        foreach (var (expression, expected, why) in cases)
        {
            var found = await FindAsync(cohort, expression);
            if (!found.Is(expected))
                problems.Add(found.Problem($"{Only(expected)} ({why})"));
        }
        Expect.NoProblems(problems, "a comparison on a caseExact attribute did not respect letter case",
            "the exact value finds bjensen; the value in another letter case finds nobody");
    }
}
