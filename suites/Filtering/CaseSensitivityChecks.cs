using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Suites.Kit.PerType;

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
        TypeNeeds = [TypeNeed.FilterSupported, TypeNeed.CaseInsensitiveString],
        Requirement = "For an attribute whose schema says `caseExact` false (userName in the User schema, displayName of a Group, name of an Agent or an AgenticApplication), string comparisons ignore case: `eq` and `sw` with the value's letter case flipped find the resource, and only it. Judged on every advertised resource type, on its naming attribute when that is caseExact false, else on its first such string.")]
    public Task CaseExactFalse() => ForEachResourceTypeAsync(async type =>
    {
        var naming = PrefixSweep.NamingAttribute(await DiscoveryAsync(), type.ResourceType);
        var attribute = type.With(TypeNeed.CaseInsensitiveString).Where(a => a.Definition.StringArray("canonicalValues") is not { Count: > 0 })
            .OrderBy(a => a.InCore && string.Equals(a.Name, naming, StringComparison.OrdinalIgnoreCase) ? 0 : 1).FirstOrDefault()
            ?? throw new NotApplicableException($"every caseExact-false string of {type.Name} has canonical values, so the check cannot choose its own");
        // Mixed case, so flipping it changes every letter; the run prefix and a counter keep it unique.
        var value = Target.Prefix.Name("Case-Match");
        var match = await Resources.MinimalAsync(type.ResourceType);
        attribute.SetIn(match, value);
        var matchId = IdOf(await Resources.CreateOrSkipAsync(type.ResourceType, match));
        var decoy = await Resources.MinimalAsync(type.ResourceType);
        attribute.SetIn(decoy, Target.Prefix.Name("Case-Other"));
        var decoyId = IdOf(await Resources.CreateOrSkipAsync(type.ResourceType, decoy));
        var problems = new List<string>();
        foreach (var expression in new[] { $"{attribute.Path} eq {Quote(FlipCase(value))}", $"{attribute.Path} sw {Quote(FlipCase(value))}" })
        {
            var page = await ListAsync(type.ResourceType, FilterQuery(expression));
            // An operator the server refuses (400 invalidFilter, as RFC 7644 §3.12 allows; filter.op.sw judges sw)
            // says nothing about letter case; eq, which every filtering server has, still judges it.
            if (expression.Contains(" sw ", StringComparison.Ordinal) && page.Response.Status == 400)
                continue;
            if (page.Response.Status != 200 || page.Ids.Count != 1 || page.Ids[0] != matchId)
                problems.Add($"`{expression}` → {page.Summary}: ids {ScimJson.List(page.Ids)}{ErrorReplies.DetailHint(page.Response)}");
        }
        Expect.NoProblems(problems, $"a comparison on the caseExact-false {type.Name}.{attribute.Path} did not ignore letter case",
            $"HTTP 200 with exactly {matchId} (whose {attribute.Path} is \"{value}\"; not the decoy {decoyId}), whatever the letter case of the operand");
    });

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
