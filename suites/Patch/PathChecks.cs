using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Patch;

/// <summary>RFC 7644 §3.5.2 and §3.10: the PATCH path — case-insensitive names, schema URN prefixes, malformed paths,
/// and the extension URN a path to an extension attribute brings into schemas.</summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class PathChecks : PatchCheck
{
    private const string EnterpriseUser = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    [Check("patch.path.case-insensitive", "Attribute names in a PATCH path match without regard to case",
        References = ["RFC7644 §3.10", "RFC7643 §2.1"], Rows = ["RFC7644-3.5.2-PATCH-PATH-CASE"], Tags = ["patch", "path"],
        Requirement = "Attribute names are case-insensitive, in paths too: replace with path \"NICKNAME\" sets the user's nickName.")]
    public async Task CaseInsensitive()
    {
        var userType = await PatchableUserTypeAsync();
        var user = await CreateUserAsync();
        // Incidental to what is judged: a settable string the schema declares (nickName where it does).
        var attribute = (await SettableUserStringsAsync(1, "nickName", "title", "displayName", "profileUrl"))[0];
        var nick = Target.Prefix.Name("upper");
        var upper = attribute.ToUpperInvariant();
        ExpectApplied(await PatchAsync(userType, user, Op("replace", upper, nick)), $"replaces path \"{upper}\"");
        var read = await ReadOrSkipAsync(userType, IdOf(user));
        Expect.That(read.StringMember(attribute) == nick, $"a path in other letter case did not reach {attribute}", $"{attribute} \"{nick}\"", ScimJson.Describe(read.Member(attribute)));
    }

    [Check("patch.path.invalid", "A malformed PATCH path is refused with invalidPath",
        References = ["RFC7644 §3.5.2", "RFC7644 §3.12"], Rows = ["RFC7644-3.5.2-PATCH-INVALIDPATH"], Tags = ["patch", "path", "errors"],
        Requirement = "A path that does not follow the PATH grammar (a value filter that is never closed: emails[type eq) is refused with 400 invalidPath and changes nothing.")]
    public async Task Invalid()
    {
        var userType = await PatchableUserTypeAsync();
        var user = await CreateUserAsync();
        var response = await PatchAsync(userType, user, Op("replace", "emails[type eq", EmailAddress("broken")));
        ExpectRefused(response, "has the malformed path emails[type eq", "invalidPath");
    }

    [Check("patch.path.urn", "A PATCH path may carry the schema URN",
        References = ["RFC7644 §3.5.2", "RFC7644 §3.10"], Rows = ["RFC7644-3.5.2-PATCH-URN-PATH"], Tags = ["patch", "path"],
        Requirement = "Paths are attribute paths, which may be prefixed with the schema URN: replace with path urn:ietf:params:scim:schemas:core:2.0:User:nickName sets nickName.")]
    public async Task Urn()
    {
        var userType = await PatchableUserTypeAsync();
        var user = await CreateUserAsync();
        var attribute = (await SettableUserStringsAsync(1, "nickName", "title", "displayName", "profileUrl"))[0];
        var nick = Target.Prefix.Name("urn");
        ExpectApplied(await PatchAsync(userType, user, Op("replace", $"{ScimUrns.User}:{attribute}", nick)), "replaces a URN-prefixed path");
        var read = await ReadOrSkipAsync(userType, IdOf(user));
        Expect.That(read.StringMember(attribute) == nick, $"a URN-prefixed path did not reach {attribute}", $"{attribute} \"{nick}\"", ScimJson.Describe(read.Member(attribute)));
    }

    [Check("patch.path.implicit-schemas", "Adding an extension attribute by its path adds the extension to schemas",
        References = ["RFC7644 §3.5.2", "RFC7643 §3"], Rows = ["RFC7644-3.5.2-PATCH-IMPLICIT-SCHEMAS"], Tags = ["patch", "path", "extensions"],
        Requirement = "A PATCH that gives an extension attribute its value by the full path (…enterprise:2.0:User:employeeNumber) stores it inside the extension's object and adds the extension's URN to the resource's schemas.")]
    public async Task ImplicitSchemas()
    {
        var userType = await PatchableUserTypeAsync();
        if (!(userType.Member("schemaExtensions") as JsonArray ?? []).OfType<JsonObject>().Any(e => e.StringMember("schema") == EnterpriseUser))
            throw new NotApplicableException($"the User resource type does not list the extension {EnterpriseUser}");
        var user = await CreateUserAsync();
        var number = Target.Prefix.Name("emp");
        ExpectApplied(await PatchAsync(userType, user, Op("add", $"{EnterpriseUser}:employeeNumber", number)), "adds employeeNumber by its extension path");
        var read = await ReadOrSkipAsync(userType, IdOf(user));
        var problems = new List<string>();
        if (read.StringArray("schemas")?.Contains(EnterpriseUser, StringComparer.OrdinalIgnoreCase) != true)
            problems.Add($"schemas is {ScimJson.Describe(read.Member("schemas"))}");
        if ((read.Member(EnterpriseUser) as JsonObject)?.StringMember("employeeNumber") != number)
            problems.Add($"{EnterpriseUser} is {ScimJson.Describe(read.Member(EnterpriseUser))}");
        Expect.NoProblems(problems, "an extension attribute added by PATCH is not part of the resource as RFC 7643 §3 says",
            $"schemas listing {EnterpriseUser}, and employeeNumber \"{number}\" inside its object");
    }
}
