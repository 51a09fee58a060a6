using System.Globalization;
using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Filtering;

/// <summary>RFC 7644 §3.4.2.2, Table 3: the attribute operators eq, ne, co, sw, ew, pr, gt, ge, lt and le, each on
/// the check's own users, and the refusal of an ordering comparison on a boolean.</summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class ComparisonOperatorChecks : FilterCheck
{
    [Check("filter.op.eq", "eq matches identical values only",
        References = ["RFC7644 §3.4.2.2"], Rows = ["RFC7644-3.4.2.2-OP-EQ"], Tags = ["filter", "operators"],
        Requirement = "`eq` is true when the attribute value and the operand are identical: `title eq \"Tour Guide\"` matches the user titled \"Tour Guide\", not the one titled \"Senior Tour Guide\", which merely contains it.")]
    public async Task Equal()
    {
        var cohort = await TrioAsync(await UserTypeAsync(), ("dave", b => { b["title"] = "Senior Tour Guide"; b["userType"] = "Employee"; }));
        await ExpectExactlyAsync(cohort, "title eq \"Tour Guide\"", "`eq` matched a value that is not identical to the operand",
            "dave's title \"Senior Tour Guide\" contains the operand but is not equal to it", "bjensen");
    }

    [Check("filter.op.ne", "ne matches values that differ from the operand",
        References = ["RFC7644 §3.4.2.2"], Rows = ["RFC7644-3.4.2.2-OP-NE"], Tags = ["filter", "operators"],
        Requirement = "`ne` is true when the value and the operand are not identical: `userType ne \"Employee\"` matches the Intern and never the Employee. Whether a user without a userType matches is unspecified (catalog §17 item 15), so both readings pass.")]
    public async Task NotEqual()
    {
        var cohort = await TrioAsync(await UserTypeAsync());
        var problems = new List<string>();
        foreach (var (expression, holder, other) in new[] { ("userType ne \"Employee\"", "alice", "bjensen"), ("title ne \"Zeta\"", "bjensen", "carol") })
        {
            var found = await FindAsync(cohort, expression);
            // The user without the attribute (carol has no userType, alice no title) may go either way.
            var absent = holder == "alice" ? "carol" : "alice";
            if (!found.Is(holder) && !found.Is(holder, absent))
                problems.Add(found.Problem($"{holder} (with or without {absent}, who lacks the attribute), never {other}"));
        }
        Expect.NoProblems(problems, "`ne` did not return exactly the users whose value differs from the operand",
            "`userType ne \"Employee\"` → alice (carol may be included); `title ne \"Zeta\"` → bjensen (alice may be included)");
    }

    [Check("filter.op.co", "co matches values that contain the operand",
        References = ["RFC7644 §3.4.2.2"], Rows = ["RFC7644-3.4.2.2-OP-CO"], Tags = ["filter", "operators"],
        Requirement = "`co` is true when the operand is a substring of the value anywhere in it: `title co \"our Gui\"` matches \"Tour Guide\", although the value does not start with it.")]
    public async Task Contains()
    {
        var cohort = await TrioAsync(await UserTypeAsync());
        await ExpectExactlyAsync(cohort, "title co \"our Gui\"", "`co` did not return exactly the users whose value contains the operand",
            "\"Tour Guide\" contains \"our Gui\" in its middle; \"Zeta\" does not", "bjensen");
    }

    [Check("filter.op.sw", "sw matches values that start with the operand, including an equal one",
        References = ["RFC7644 §3.4.2.2"], Rows = ["RFC7644-3.4.2.2-OP-SW"], Tags = ["filter", "operators"],
        Requirement = "`sw` is true when the value starts with the operand, and a value identical to the operand starts with it: `title sw \"Tour\"` and `title sw \"Tour Guide\"` both match \"Tour Guide\"; `title sw \"Guide\"` matches nothing.")]
    public async Task StartsWith()
    {
        var cohort = await TrioAsync(await UserTypeAsync());
        // The prefix every check confines its queries with is itself an sw query: a server that refuses sw fails here,
        // once, where sw is the requirement, and every other filter check is NotApplicable for it instead.
        var scope = await FindRawAsync(cohort, cohort.Filter, cohort.Filter);
        Expect.That(!scope.IsInvalidFilter && scope.Status != 400, "the server refuses `sw`, one of the operators RFC 7644 §3.4.2.2 lists for every server that filters",
            "HTTP 200 with alice, bjensen and carol", scope.Problem("alice, bjensen and carol"));
        var problems = new List<string>();
        foreach (var (expression, expected) in new[] { ("title sw \"Tour\"", "bjensen"), ("title sw \"Tour Guide\"", "bjensen"), ("title sw \"Guide\"", null) })
        {
            var found = await FindAsync(cohort, expression);
            string[] names = expected is null ? [] : [expected];
            if (!found.Is(names))
                problems.Add(found.Problem(Only(names)));
        }
        Expect.NoProblems(problems, "`sw` did not return exactly the users whose value starts with the operand",
            "\"Tour Guide\" starts with \"Tour\" and with \"Tour Guide\" itself, not with \"Guide\"");
    }

    [Check("filter.op.ew", "ew matches values that end with the operand",
        References = ["RFC7644 §3.4.2.2"], Rows = ["RFC7644-3.4.2.2-OP-EW"], Tags = ["filter", "operators"],
        Requirement = "`ew` is true when the value ends with the operand, an identical value included: `title ew \"Guide\"` and `title ew \"Tour Guide\"` match \"Tour Guide\"; `title ew \"Tour\"` matches nothing.")]
    public async Task EndsWith()
    {
        var cohort = await TrioAsync(await UserTypeAsync());
        var problems = new List<string>();
        foreach (var (expression, expected) in new[] { ("title ew \"Guide\"", "bjensen"), ("title ew \"Tour Guide\"", "bjensen"), ("title ew \"Tour\"", null) })
        {
            var found = await FindAsync(cohort, expression);
            string[] names = expected is null ? [] : [expected];
            if (!found.Is(names))
                problems.Add(found.Problem(Only(names)));
        }
        Expect.NoProblems(problems, "`ew` did not return exactly the users whose value ends with the operand",
            "\"Tour Guide\" ends with \"Guide\" and with \"Tour Guide\" itself, not with \"Tour\"");
    }

    [Check("filter.op.pr", "pr matches resources that have a value",
        References = ["RFC7644 §3.4.2.2"], Rows = ["RFC7644-3.4.2.2-OP-PR"], Tags = ["filter", "operators"],
        Requirement = "`pr` is true when the attribute has a non-empty, non-null value: `title pr` matches the two users with a title and not the one created without it.")]
    public async Task Present()
    {
        var cohort = await TrioAsync(await UserTypeAsync());
        await ExpectExactlyAsync(cohort, "title pr", "`pr` did not return exactly the users that have the attribute",
            "alice was created without a title", "bjensen", "carol");
    }

    [Check("filter.op.ordering", "gt, ge, lt and le order strings and dateTimes",
        References = ["RFC7644 §3.4.2.2"], Rows = ["RFC7644-3.4.2.2-OP-GT", "RFC7644-3.4.2.2-OP-GE", "RFC7644-3.4.2.2-OP-LT", "RFC7644-3.4.2.2-OP-LE"],
        Tags = ["filter", "operators"],
        Requirement = "`gt`, `ge`, `lt` and `le` compare strings lexicographically and dateTimes chronologically: with titles \"Bus Driver\" < \"Tour Guide\" < \"Zeta\" (the same order in any collation), `title gt \"Tour Guide\"` → carol, `ge` → bjensen and carol, `lt` → dave, `le` → bjensen and dave; `meta.created` compared with instants a day before and after the users were created selects all of them or none (only when the server returns meta.created).")]
    public async Task Ordering()
    {
        var cohort = await TrioAsync(await UserTypeAsync(), ("dave", b => { b["title"] = "Bus Driver"; b["userType"] = "Contractor"; }));
        var cases = new List<(string Expression, string[] Expected)>
        {
            ("title gt \"Tour Guide\"", ["carol"]),
            ("title ge \"Tour Guide\"", ["bjensen", "carol"]),
            ("title lt \"Tour Guide\"", ["dave"]),
            ("title le \"Tour Guide\"", ["bjensen", "dave"]),
        };
        var created = cohort.Members.Select(m => m.Path("meta.created") is { } c && c.IsString()
                && DateTimeOffset.TryParse(c.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : (DateTimeOffset?)null)
            .ToList();
        if (created.All(c => c is not null))
        {
            string[] everyone = ["alice", "bjensen", "carol", "dave"];
            var before = Instant(created.Min()!.Value.AddDays(-1));
            var after = Instant(created.Max()!.Value.AddDays(1));
            cases.Add(($"meta.created gt {before}", everyone));
            cases.Add(($"meta.created lt {before}", []));
            cases.Add(($"meta.created ge {after}", []));
            cases.Add(($"meta.created le {after}", everyone));
        }
        var problems = new List<string>();
        foreach (var (expression, expected) in cases)
        {
            var found = await FindAsync(cohort, expression);
            if (!found.Is(expected))
                problems.Add(found.Problem(Only(expected)));
        }
        Expect.NoProblems(problems, "an ordering operator did not compare values in their order",
            "titles \"Bus Driver\" (dave) < \"Tour Guide\" (bjensen) < \"Zeta\" (carol), alice without a title; meta.created between the two instants for every user");
    }

    [Check("filter.ordering-on-boolean-400", "gt, ge, lt and le on a boolean or binary attribute are refused with invalidFilter",
        References = ["RFC7644 §3.4.2.2", "RFC7644 §3.12"], Rows = ["RFC7644-3.4.2.2-ORDER-BOOL-400"], Tags = ["filter", "operators", "errors"],
        Requirement = "For `gt`, `ge`, `lt` and `le`, \"Boolean and Binary attributes SHALL cause a failed response (HTTP status code 400) with a scimType of invalidFilter\": `active gt false` and `active le true` are refused, not evaluated, and so is `gt` on the first binary attribute the User schema declares (e.g. x509Certificates.value).")]
    public async Task OrderingOnBooleanRefused()
    {
        var userType = await UserTypeAsync();
        var active = await RequireAttributeAsync(userType, userType.StringMember("schema") ?? "", "active");
        if (active.StringMember("type") != "boolean")
            throw new NotApplicableException($"the User schema declares `active` as {active.StringMember("type") ?? "untyped"}, not boolean");
        var cohort = await Resources.CreateUserCohortAsync(userType, ("bjensen", b => b["active"] = true), ("alice", b => b["active"] = false));
        var expressions = new List<string> { "active gt false", "active le true" };
        if (await BinaryPathAsync(userType) is { } binary)
            expressions.Add($"{binary} gt \"AAAA\"");
        var problems = new List<string>();
        foreach (var expression in expressions)
        {
            var found = await FindAsync(cohort, expression);
            if (!found.IsInvalidFilter)
                problems.Add($"`{expression}` → {found.Summary}");
        }
        Expect.NoProblems(problems, "an ordering comparison on a boolean or binary attribute was not refused",
            $"HTTP 400 with scimType invalidFilter for {ScimJson.List(expressions.Select(e => $"`{e}`"))}");
    }

    /// <summary>The dotted path of the first binary attribute (or sub-attribute) of the User schema, if any.</summary>
    private async Task<string?> BinaryPathAsync(JsonObject userType)
    {
        var schema = (await DiscoveryAsync()).Schema(userType.StringMember("schema") ?? "");
        foreach (var attribute in (schema?.Member("attributes") as JsonArray ?? []).OfType<JsonObject>())
        {
            if (attribute.StringMember("name") is not { } name)
                continue;
            if (attribute.StringMember("type") == "binary")
                return name;
            var sub = (attribute.Member("subAttributes") as JsonArray ?? []).OfType<JsonObject>()
                .FirstOrDefault(s => s.StringMember("type") == "binary" && s.StringMember("name") is not null);
            if (sub is not null)
                return $"{name}.{sub.StringMember("name")}";
        }
        return null;
    }

    private static string Instant(DateTimeOffset t) => $"\"{t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}\"";
}
