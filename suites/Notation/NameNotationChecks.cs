using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Suites.Lifecycle;

namespace Scim.Conformance.Suites.Notation;

/// <summary>How attribute names are written (RFC 7643 §2.1, §3.3; RFC 7644 §3.10): case-insensitively in every part,
/// in request bodies as in parameters, and extension attributes always inside their extension's object.</summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class NameNotationChecks : LifecycleCheck
{
    [Check("filter.notation.urn-any-case", "Every part of a URN-qualified name ignores case",
        References = ["RFC7644 §3.10", "RFC7643 §2.1"], Rows = ["RFC7644-3.10-ALL-FACETS-CASE-INSENSITIVE"], Tags = ["filter", "attribute-paths", "urn"],
        Requirement = "The schema URN, the attribute and the sub-attribute of a name are all case-insensitive: a filter on URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER:USERNAME finds the user with that userName, and one on NAME.FAMILYNAME the user with that family name.")]
    public async Task UrnAnyCase()
    {
        await RequireCapabilityAsync("filter.supported");
        var hasFamilyName = (await DiscoveryAsync()).Attribute(ScimUrns.User, "name.familyName") is not null;
        var familyName = Target.Prefix.Name("Østergård");
        var user = await CreateUserAsync(adjust: body =>
        {
            if (hasFamilyName)
                body["name"] = new JsonObject { ["familyName"] = familyName, ["givenName"] = "Åse" };
        });
        var filters = new List<(string Filter, string Canonical, string Facets)>
        {
            ($"{ScimUrns.User.ToUpperInvariant()}:USERNAME eq \"{user.StringMember("userName")}\"", $"{ScimUrns.User}:userName eq \"{user.StringMember("userName")}\"", "URN and attribute"),
        };
        if (hasFamilyName)
            filters.Add(($"NAME.FAMILYNAME eq \"{familyName}\"", $"name.familyName eq \"{familyName}\"", "attribute and sub-attribute"));
        var problems = new List<string>();
        var refused = new List<string>();
        foreach (var (filter, canonical, facets) in filters)
        {
            // Letter case is judged only where the server filters on the name as the schema spells it: a refusal of
            // that (400, as RFC 7644 §3.12 allows for what a server does not filter on) is not a matter of case.
            var spelled = await ListAsync(await UserTypeAsync(), FilterQuery(canonical));
            if (spelled.Response.Status == 400)
            {
                refused.Add($"{canonical}: {spelled.Summary}{ErrorReplies.DetailHint(spelled.Response)}");
                continue;
            }
            var page = await ListAsync(await UserTypeAsync(), FilterQuery(filter));
            if (page.Response.Status != 200 || !page.Ids.SequenceEqual([IdOf(user)]))
                problems.Add($"{facets} in upper case ({filter}): {page.Summary}{ErrorReplies.DetailHint(page.Response)}");
        }
        if (refused.Count == filters.Count)
            throw new NotApplicableException($"the server filters on none of these names even as the schema spells them ({string.Join("; ", refused)})");
        Expect.NoProblems(problems, "a name spelled in another case did not find the user", $"each filter finding exactly {IdOf(user)}");
    }

    [Check("lifecycle.notation.body-names-case-insensitive", "Attribute names in a request body ignore case",
        References = ["RFC7643 §2.1"], Rows = ["RFC7643-2.1-BODY-NAMES-CASE-INSENSITIVE"], Tags = ["create", "case"],
        Requirement = "Attribute names are case-insensitive in resource bodies too: a POST with \"UserName\" and \"NAME\": {\"GivenName\": …} creates the user (201), and a fresh GET shows userName and name.givenName with the values sent.")]
    public async Task BodyNamesCaseInsensitive()
    {
        var userType = await UserTypeAsync();
        var userName = Target.Prefix.Name("casekey").ToLowerInvariant();
        var givenName = "Ŀuka";
        // From the factory, so the body carries whatever else the server needs (a learned rule, a template);
        // only the two names under test are re-spelt.
        var body = await Resources.MinimalAsync(userType);
        foreach (var name in body.Select(m => m.Key).Where(k => k.Equals("userName", StringComparison.OrdinalIgnoreCase) || k.Equals("name", StringComparison.OrdinalIgnoreCase)).ToList())
            body.Remove(name);
        body["UserName"] = userName;
        body["NAME"] = new JsonObject { ["GivenName"] = givenName, ["FamilyName"] = Target.Prefix.Name("Case") };
        var created = await Resources.CreateAsync(userType, body);
        Expect.That(created.Status == 201 && created.JsonObject?.StringMember("id") is not null, "a POST spelling attribute names in another case was refused",
            "HTTP 201 with the new user", $"{created.Summary}{ErrorReplies.DetailHint(created)}");
        var read = await ReadOrSkipAsync(userType, created.JsonObject!.StringMember("id")!);
        var problems = new List<string>();
        if (read.StringMember("userName") != userName)
            problems.Add($"userName is {ScimJson.Describe(read.Member("userName"))}");
        if (read.Path("name.givenName")?.ToString() != givenName)
            problems.Add($"name.givenName is {ScimJson.Describe(read.Path("name.givenName"))}");
        Expect.NoProblems(problems, "values sent under differently cased names were not stored under the attributes", $"userName {userName}, name.givenName {givenName}");
    }

    [Check("lifecycle.notation.extension-container", "Extension attributes live inside their extension's object",
        References = ["RFC7643 §3.3", "RFC7643 §4.3"], Rows = ["RFC7643-3.3-EXT-CONTAINER"], Tags = ["extensions", "enterprise"],
        Requirement = "Attributes of a schema extension are returned inside a JSON object named by the extension's URN, never at the top level: a user created with an enterprise employeeNumber reads back with it under urn:ietf:params:scim:schemas:extension:enterprise:2.0:User.")]
    public async Task ExtensionContainer()
    {
        var userType = await UserTypeAsync();
        var extended = (userType.Member("schemaExtensions") as JsonArray ?? []).OfType<JsonObject>()
            .Any(e => string.Equals(e.StringMember("schema"), ScimUrns.EnterpriseUser, StringComparison.OrdinalIgnoreCase));
        if (!extended || (await DiscoveryAsync()).Attribute(ScimUrns.EnterpriseUser, "employeeNumber") is null)
            throw new NotApplicableException("the User resource type has no Enterprise User extension with employeeNumber");
        var employeeNumber = Target.Prefix.Name("emp");
        var user = await CreateUserAsync(adjust: body =>
        {
            body[ScimUrns.EnterpriseUser] = new JsonObject { ["employeeNumber"] = employeeNumber };
            (body["schemas"] as JsonArray)?.Add(ScimUrns.EnterpriseUser);
        });
        var read = await ReadOrSkipAsync(userType, IdOf(user));
        var problems = new List<string>();
        if ((read.Member(ScimUrns.EnterpriseUser) as JsonObject)?.StringMember("employeeNumber") != employeeNumber)
            problems.Add($"the extension object holds employeeNumber {ScimJson.Describe((read.Member(ScimUrns.EnterpriseUser) as JsonObject)?.Member("employeeNumber"))}");
        if (read.HasMember("employeeNumber"))
            problems.Add("employeeNumber also appears at the top level");
        Expect.NoProblems(problems, "the extension attribute is not in its extension's object", $"\"{ScimUrns.EnterpriseUser}\": {{\"employeeNumber\": \"{employeeNumber}\"}} and nothing at the top level");
    }
}
