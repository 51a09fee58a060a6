using System.Text.Json.Nodes;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Filtering;

/// <summary>RFC 7644 §3.4.2.2 and §3.10: how a filter names what it compares — sub-attributes with a dot, the core
/// schema's URN as a prefix, extension attributes by their full URN path, values of a multi-valued attribute (any of
/// them matches), and value-path filters <c>attr[…]</c> evaluated against one value at a time.</summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class AttributePathChecks : FilterCheck
{
    [Check("filter.value-path", "A value-path filter is evaluated against one and the same value",
        References = ["RFC7644 §3.4.2.2"], Rows = ["RFC7644-3.4.2.2-VALUEPATH-B", "RFC7644-3.4.2.2-VALUEPATH", "RFC7644-3.4.2.2-VALUEPATH-OR"], Tags = ["filter", "multi-valued", "value-path"],
        Requirement = "Value-path filters are optional: a server without them answers 400 invalidFilter (then this check is NotApplicable). A server that accepts `emails[type eq \"work\" and value co \"example.com\"]` evaluates the whole bracket against each single email, so a user with a work address elsewhere and an example.com address at home does not match; and a value path combines with `or` like any expression.")]
    public async Task ValuePath()
    {
        var userType = await UserTypeAsync();
        await RequireAttributesAsync(userType, "emails.value", "emails.type");
        var primary = await DeclaredAsync(userType, "emails.primary") is not null;
        var cohort = await TrioAsync(userType, (tail, b) => CatalogEmails(tail, b, primary),
            ("dave", b => { b.Remove("title"); b["userType"] = "Contractor"; }));

        var same = await FindAsync(cohort, "emails[type eq \"work\" and value co \"example.com\"]");
        if (same.IsInvalidFilter)
            throw new NotApplicableException($"the server does not support value-path filters: it answered `{same.Expression}` with {same.Summary}, which RFC 7644 §3.4.2.2 allows (they are optional)");
        Expect.That(same.Is("bjensen"), "the conditions inside a value path were not applied to one and the same value",
            $"`{same.Expression}` → bjensen only (alice has a work address at example.org and a home address at example.com: no single value meets both conditions)",
            same.Result);

        var combined = await FindAsync(cohort, "emails[type eq \"home\"] or userType eq \"Intern\"");
        Expect.That(combined.Is("alice", "bjensen", "carol"), "a value-path filter combined with `or` did not match the users meeting either side",
            $"`{combined.Expression}` → alice, bjensen and carol (each has a home address; dave has only a work one and is a Contractor)",
            combined.Result);
    }

    [Check("filter.multi-valued-any", "A filter on a multi-valued attribute matches when any value matches",
        References = ["RFC7644 §3.4.2.2"], Rows = ["RFC7644-3.4.2.2-MULTIVALUED-ANY"], Tags = ["filter", "multi-valued"],
        Requirement = "\"If the specified attribute in a filter expression is a multi-valued attribute, the filter matches if any of the values of the specified attribute match\": `emails.value eq` a user's second, non-primary address finds that user.")]
    public async Task MultiValuedAny()
    {
        var userType = await UserTypeAsync();
        await RequireAttributesAsync(userType, "emails.value", "emails.type");
        var primary = await DeclaredAsync(userType, "emails.primary") is not null;
        var cohort = await TrioAsync(userType, (tail, b) => CatalogEmails(tail, b, primary));
        var problems = new List<string>();
        foreach (var (tail, domain, what) in new[] { ("bjensen", "jensen.org", "bjensen's second, non-primary address"), ("alice", "example.com", "alice's second address") })
        {
            var found = await FindAsync(cohort, $"emails.value eq {Quote(EmailOf(cohort.UserName(tail), domain))}");
            if (!found.Is(tail))
                problems.Add(found.Problem($"{tail} only ({what})"));
        }
        Expect.NoProblems(problems, "a filter on a multi-valued attribute did not match a user by a value other than the first or primary one",
            "each user found by any one of their email values");
    }

    [Check("filter.sub-attribute", "Sub-attributes are named with dot notation",
        References = ["RFC7644 §3.4.2.2", "RFC7644 §3.10"], Rows = ["RFC7644-3.4.2.2-SUBATTR-DOT"], Tags = ["filter", "attribute-paths"],
        Requirement = "A filter names a sub-attribute as `attribute.subAttribute`: `name.familyName eq \"Jensen\"` finds the user with that family name, and `emails.type eq \"work\"` the users with a work address.")]
    public async Task SubAttribute()
    {
        var userType = await UserTypeAsync();
        await RequireAttributesAsync(userType, "name.familyName", "emails.value", "emails.type");
        var primary = await DeclaredAsync(userType, "emails.primary") is not null;
        var cohort = await TrioAsync(userType, (tail, b) =>
        {
            CatalogEmails(tail, b, primary);
            if (tail == "bjensen")
                SetSub(b, "name", "familyName", "Jensen");
            else if (tail == "alice")
                SetSub(b, "name", "familyName", "Smith");
        });
        var problems = new List<string>();
        var family = await FindAsync(cohort, "name.familyName eq \"Jensen\"");
        if (!family.Is("bjensen"))
            problems.Add(family.Problem("bjensen only"));
        var work = await FindAsync(cohort, "emails.type eq \"work\"");
        if (!work.Is("alice", "bjensen"))
            problems.Add(work.Problem("alice and bjensen (carol has only a home address)"));
        Expect.NoProblems(problems, "a filter on a sub-attribute in dot notation did not find the users holding the value",
            "`name.familyName eq \"Jensen\"` → bjensen; `emails.type eq \"work\"` → alice and bjensen");
    }

    [Check("filter.urn-path", "A core attribute may be named with its schema URN",
        References = ["RFC7644 §3.4.2.2", "RFC7644 §3.10"], Rows = ["RFC7644-3.4.2.2-URN-PATH", "RFC7644-3.10-URN-QUALIFIED"], Tags = ["filter", "attribute-paths"],
        Requirement = "An attribute path may carry the schema URN in front of the attribute name: `urn:ietf:params:scim:schemas:core:2.0:User:title eq \"Tour Guide\"` and `…:User:userName sw` the user's name prefix find the same user as without the URN.")]
    public async Task UrnPath()
    {
        var userType = await UserTypeAsync();
        var cohort = await TrioAsync(userType);
        var urn = userType.StringMember("schema") ?? ScimUrns.User;
        var problems = new List<string>();
        foreach (var expression in new[] { $"{urn}:title eq \"Tour Guide\"", $"{urn}:userName sw {Quote(cohort.UserName("bj"))}" })
        {
            var found = await FindAsync(cohort, expression);
            if (!found.Is("bjensen"))
                problems.Add(found.Problem("bjensen only"));
        }
        Expect.NoProblems(problems, "an attribute path with the core schema URN was not understood as the attribute",
            "bjensen only, exactly as without the URN");
    }

    [Check("filter.extension-path", "Extension attributes are filtered by their full URN path",
        References = ["RFC7644 §3.4.2.2", "RFC7644 §3.10", "RFC7643 §4.3"], Rows = ["RFC7644-3.4.2.2-EXT-PATH", "RFC7643-4.3-FILTER-SORT-PATCH"],
        Tags = ["filter", "attribute-paths", "extensions", "enterprise"],
        Requirement = "An extension attribute is named by the extension's URN, a colon and its name: `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"701984\"` finds the user holding that employee number, and `… pr` every user that has one.")]
    public async Task ExtensionPath()
    {
        var userType = await UserTypeAsync();
        await RequireAttributeAsync(userType, ScimUrns.EnterpriseUser, "employeeNumber");
        void Enterprise(JsonObject body, string number)
        {
            if (body.Member(ScimUrns.EnterpriseUser) is not JsonObject extension)
                body[ScimUrns.EnterpriseUser] = extension = new JsonObject();
            extension["employeeNumber"] = number;
            var schemas = body.Member("schemas") as JsonArray ?? [];
            if (!schemas.Any(s => s?.GetValue<string>() == ScimUrns.EnterpriseUser))
                schemas.Add(ScimUrns.EnterpriseUser);
            body["schemas"] = schemas;
        }
        var cohort = await Resources.CreateUserCohortAsync(userType,
            ("bjensen", b => Enterprise(b, "701984")), ("alice", b => Enterprise(b, "701985")), ("carol", null));
        var path = $"{ScimUrns.EnterpriseUser}:employeeNumber";
        var problems = new List<string>();
        var exact = await FindAsync(cohort, $"{path} eq \"701984\"");
        if (!exact.Is("bjensen"))
            problems.Add(exact.Problem("bjensen only"));
        var present = await FindAsync(cohort, $"{path} pr");
        if (!present.Is("alice", "bjensen"))
            problems.Add(present.Problem("alice and bjensen (carol has no employee number)"));
        Expect.NoProblems(problems, "a filter on an extension attribute by its URN path did not find the users holding the value",
            "bjensen holds employeeNumber 701984, alice 701985, carol none");
    }
    [Check("filter.schemas", "A filter on schemas finds the resources that list the URN",
        References = ["RFC7644 §3.4.2.2", "RFC7643 §3"], Rows = ["RFC7644-3.4.2.2-SCHEMAS-FILTER", "RFC7644-3.4.2.2-UNSUPPORTED-COMBO-400", "RFC7644-3.4.2.2-OP-EQ"],
        Tags = ["filter", "attribute-paths", "schemas"],
        Requirement = "A server MAY let clients filter on `schemas`, a multi-valued attribute of every resource: over the check's users, `schemas eq` the User schema URN finds all of them and `schemas eq` the Group schema URN none; when the User resource type lists the enterprise extension, `schemas eq` its URN finds only bjensen, the user created with it. Refusing such filters (400 invalidFilter) is recorded as Info; answering them with other resources fails.")]
    public async Task Schemas()
    {
        var userType = await UserTypeAsync();
        var withExtension = (userType.Member("schemaExtensions") as JsonArray ?? []).OfType<JsonObject>()
            .Any(e => string.Equals(e.StringMember("schema"), ScimUrns.EnterpriseUser, StringComparison.OrdinalIgnoreCase))
            && await DeclaredExtensionAsync(userType);
        void Plain(JsonObject body)
        {
            body.Remove(ScimUrns.EnterpriseUser);
            body["schemas"] = new JsonArray(userType.StringMember("schema") ?? ScimUrns.User);
        }
        void Enterprise(JsonObject body)
        {
            Plain(body);
            body[ScimUrns.EnterpriseUser] = new JsonObject { ["employeeNumber"] = "701984" };
            ((JsonArray)body["schemas"]!).Add(ScimUrns.EnterpriseUser);
        }
        var cohort = await Resources.CreateUserCohortAsync(userType, ("alice", Plain), ("bjensen", withExtension ? Enterprise : Plain));

        var core = await FindAsync(cohort, $"schemas eq {Quote(userType.StringMember("schema") ?? ScimUrns.User)}");
        if (core.Status != 200)
        {
            Expect.That(core.Status is 400 or 501, $"a filter on schemas was answered {core.Result}: neither results nor a refusal",
                "HTTP 200 with alice and bjensen, or 400 invalidFilter when filtering on schemas is not supported", core.Summary, LevelOf("RFC7644-3.4.2.2-UNSUPPORTED-COMBO-400"));
            throw Expect.Violation($"the server does not filter on schemas (`{core.Expression}` → {core.Result}); RFC 7644 §3.4.2.2 leaves it optional",
                "HTTP 200 with alice and bjensen", core.Summary);
        }
        var problems = new List<string>();
        if (!core.Is("alice", "bjensen"))
            problems.Add(core.Problem("alice and bjensen (every User lists the User schema)"));
        var group = await FindAsync(cohort, $"schemas eq {Quote(ScimUrns.Group)}");
        if (!group.Is())
            problems.Add(group.Problem("no match (no User lists the Group schema)"));
        if (withExtension && cohort.Members.First(m => m.StringMember("id") == cohort.IdOf("bjensen")).Member("schemas") is JsonArray listed
            && listed.Any(urn => string.Equals(urn?.GetValue<string>(), ScimUrns.EnterpriseUser, StringComparison.OrdinalIgnoreCase)))
        {
            var extension = await FindAsync(cohort, $"schemas eq {Quote(ScimUrns.EnterpriseUser)}");
            if (!extension.Is("bjensen"))
                problems.Add(extension.Problem("bjensen only (alice was created without the enterprise extension)"));
        }
        Expect.NoProblems(problems, "a filter on schemas did not return exactly the resources that list the URN",
            "each filter on schemas matches the users whose schemas list that URN, and no others", LevelOf("RFC7644-3.4.2.2-OP-EQ"));
    }

    private async Task<bool> DeclaredExtensionAsync(JsonObject userType)
    {
        try
        {
            await RequireAttributeAsync(userType, ScimUrns.EnterpriseUser, "employeeNumber");
            return true;
        }
        catch (NotApplicableException)
        {
            return false;
        }
    }
}
