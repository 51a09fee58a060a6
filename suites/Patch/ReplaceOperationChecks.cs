using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Patch;

/// <summary>RFC 7644 §3.5.2.3: the replace operation, and RFC 7643 §2.4's single primary value.</summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class ReplaceOperationChecks : PatchCheck
{
    [Check("patch.replace.no-path", "A replace without a path changes the attributes given and nothing else",
        References = ["RFC7644 §3.5.2.3"], Rows = ["RFC7644-3.5.2.3-REPLACE-NO-PATH"], Tags = ["patch", "replace"],
        Requirement = "Without a path, the value of a replace holds the attributes to replace: {\"nickName\":…,\"title\":…} sets both, and userName and emails are untouched.")]
    public async Task NoPath()
    {
        var userType = await PatchableUserTypeAsync();
        var email = EmailAddress("work");
        var user = await CreateUserAsync(adjust: body => body["emails"] = new JsonArray(Email(email, "work")));
        // Two string attributes the server's schema declares (nickName and title where they exist), so a refusal is
        // about the path-less form and not about an attribute the server does not have.
        var names = await SettableUserStringsAsync(2, "nickName", "title", "displayName", "profileUrl");
        var (first, second) = (names[0], names[1]);
        var (nick, title) = (Target.Prefix.Name("R"), Target.Prefix.Name("T2"));
        ExpectApplied(await PatchAsync(userType, user, Op("replace", null, new JsonObject { [first] = nick, [second] = title })), $"replaces {first} and {second} without a path");
        var read = await ReadOrSkipAsync(userType, IdOf(user));
        var problems = new List<string>();
        if (read.StringMember(first) != nick || read.StringMember(second) != title)
            problems.Add($"{first} {ScimJson.Describe(read.Member(first))}, {second} {ScimJson.Describe(read.Member(second))}");
        if (read.StringMember("userName") != user.StringMember("userName"))
            problems.Add($"userName is {ScimJson.Describe(read.Member("userName"))}");
        var emails = Values(read, "emails").Select(e => e.StringMember("value")?.ToLowerInvariant()).ToList();
        if (!emails.SequenceEqual([email]))
            problems.Add($"emails are {ScimJson.List(emails.OfType<string>())}");
        Expect.NoProblems(problems, "a path-less replace did not change exactly the attributes it named",
            $"{first} \"{nick}\", {second} \"{title}\", userName and emails as before");
    }

    [Check("patch.replace.single-valued", "Replacing a single-valued attribute replaces it",
        References = ["RFC7644 §3.5.2.3"], Rows = ["RFC7644-3.5.2.3-REPLACE-SV"], Tags = ["patch", "replace"],
        Requirement = "replace with path displayName and value \"D\" leaves displayName \"D\" in a fresh read.")]
    public async Task SingleValued()
    {
        var userType = await PatchableUserTypeAsync();
        // Incidental to what is judged: any settable string the schema declares (displayName where it does).
        var attribute = await AttributeAsync(userType, AttributeNeed.SettableOptionalString with { Preferred = ["displayName", .. AttributeNeed.SettableOptionalString.Preferred] });
        var user = await CreateUserAsync(adjust: body => body[attribute] = Target.Prefix.Name("before"));
        var name = Target.Prefix.Name("D");
        ExpectApplied(await PatchAsync(userType, user, Op("replace", attribute, name)), $"replaces {attribute}");
        var read = await ReadOrSkipAsync(userType, IdOf(user));
        Expect.That(read.StringMember(attribute) == name, $"replace did not change {attribute}", $"{attribute} \"{name}\"", ScimJson.Describe(read.Member(attribute)));
    }

    [Check("patch.replace.multi-valued-all", "Replacing a multi-valued attribute without a filter replaces all its values",
        References = ["RFC7644 §3.5.2.3"], Rows = ["RFC7644-3.5.2.3-REPLACE-MV-ALL"], Tags = ["patch", "replace", "groups"],
        Requirement = "If the target is a multi-valued attribute and no filter is given, all its values are replaced: replace members [C] on a group with A and B leaves exactly C.")]
    public async Task MultiValuedAll()
    {
        var groupType = await PatchableGroupTypeAsync();
        var (a, b, c) = (await CreateUserAsync(), await CreateUserAsync(), await CreateUserAsync());
        var group = await CreateGroupAsync(IdOf(a), IdOf(b));
        ExpectApplied(await PatchAsync(groupType, group, Op("replace", "members", MemberList(IdOf(c)))), "replaces members");
        var members = MemberIds(await ReadOrSkipAsync(groupType, IdOf(group)));
        Expect.That(members.SequenceEqual([IdOf(c)]), "replace of members did not leave exactly the member sent", $"members [{IdOf(c)}]", $"members {ScimJson.List(members)}");
    }

    [Check("patch.replace.as-add", "Replacing an attribute that has no value adds it",
        References = ["RFC7644 §3.5.2.3"], Rows = ["RFC7644-3.5.2.3-REPLACE-AS-ADD"], Tags = ["patch", "replace"],
        Requirement = "If the target does not exist, replace treats the operation as an add: replace nickName on a user without one sets it, and is not an error.")]
    public async Task AsAdd()
    {
        var userType = await PatchableUserTypeAsync();
        // Incidental to what is judged: any settable string the schema declares (nickName where it does).
        var attribute = await AttributeAsync(userType, AttributeNeed.SettableOptionalString);
        var user = await CreateUserAsync(adjust: body => body.Remove(attribute));
        var nick = Target.Prefix.Name("x");
        ExpectApplied(await PatchAsync(userType, user, Op("replace", attribute, nick)), $"replaces a {attribute} the user does not have");
        var read = await ReadOrSkipAsync(userType, IdOf(user));
        Expect.That(read.StringMember(attribute) == nick, "replace of an unassigned attribute did not add it", $"{attribute} \"{nick}\"", ScimJson.Describe(read.Member(attribute)));
    }

    [Check("patch.replace.complex-merge", "Replacing a complex attribute changes only the sub-attributes given",
        References = ["RFC7644 §3.5.2.3"], Rows = ["RFC7644-3.5.2.3-REPLACE-COMPLEX-MERGE"], Tags = ["patch", "replace"],
        Requirement = "For a complex attribute, the sub-attributes in the value replace the stored ones and those not given are left unchanged: replace name {\"givenName\":…} keeps familyName.")]
    public async Task ComplexMerge()
    {
        var userType = await PatchableUserTypeAsync();
        var family = Target.Prefix.Name("Jensen");
        var user = await CreateUserAsync(adjust: body => body["name"] = new JsonObject { ["familyName"] = family, ["givenName"] = Target.Prefix.Name("Barbara") });
        var given = Target.Prefix.Name("B2");
        ExpectApplied(await PatchAsync(userType, user, Op("replace", "name", new JsonObject { ["givenName"] = given })), "replaces name.givenName");
        var name = (await ReadOrSkipAsync(userType, IdOf(user))).Member("name") as JsonObject;
        Expect.That(name?.StringMember("givenName") == given && name.StringMember("familyName") == family, "replace of a complex attribute did not keep the sub-attributes not given",
            $"name with givenName \"{given}\" and familyName \"{family}\"", $"name {ScimJson.Describe(name)}");
    }

    [Check("patch.replace.value-filter", "Replacing with a value filter replaces only the matching values",
        References = ["RFC7644 §3.5.2.3"], Rows = ["RFC7644-3.5.2.3-REPLACE-VALUEPATH"], Tags = ["patch", "replace", "filter"],
        Requirement = "replace emails[type eq \"work\"] with a new work email changes the work email and leaves the home email as it was.")]
    public async Task ValueFilter()
    {
        var userType = await PatchableUserTypeAsync();
        var (work, home) = (EmailAddress("work"), EmailAddress("home", "example.org"));
        var user = await CreateUserAsync(adjust: body => body["emails"] = new JsonArray(Email(work, "work"), Email(home, "home")));
        var replacement = EmailAddress("new");
        ExpectApplied(await PatchAsync(userType, user, Op("replace", "emails[type eq \"work\"]", Email(replacement, "work"))), "replaces the work email by filter");
        var emails = Values(await ReadOrSkipAsync(userType, IdOf(user)), "emails")
            .Select(e => $"{e.StringMember("type")}:{e.StringMember("value")?.ToLowerInvariant()}").Order().ToList();
        Expect.That(emails.SequenceEqual([$"home:{home}", $"work:{replacement}"]), "replace by value filter did not change exactly the matching email",
            $"home:{home} and work:{replacement}", $"emails {ScimJson.List(emails)}");
    }

    [Check("patch.replace.value-filter-sub-attribute", "Replacing attr[filter].sub changes that sub-attribute of the matching values",
        References = ["RFC7644 §3.5.2.3"], Rows = ["RFC7644-3.5.2.3-REPLACE-VALUEPATH-SUBATTR"], Tags = ["patch", "replace", "filter"],
        Requirement = "replace addresses[type eq \"work\"].streetAddress changes the street of the work address and keeps its locality.")]
    public async Task ValueFilterSubAttribute()
    {
        var userType = await PatchableUserTypeAsync();
        var user = await CreateUserAsync(adjust: body => body["addresses"] = new JsonArray(new JsonObject
        {
            ["type"] = "work", ["streetAddress"] = Target.Prefix.Name("100 Universal City Plaza"), ["locality"] = "Hollywood",
        }));
        var street = Target.Prefix.Name("1010 Broadway");
        ExpectApplied(await PatchAsync(userType, user, Op("replace", "addresses[type eq \"work\"].streetAddress", street)), "replaces the work address's street");
        var work = Values(await ReadOrSkipAsync(userType, IdOf(user)), "addresses").FirstOrDefault(a => a.StringMember("type") == "work");
        Expect.That(work?.StringMember("streetAddress") == street && work.StringMember("locality") == "Hollywood",
            "replace of a sub-attribute by value path did not change just that sub-attribute",
            $"the work address with streetAddress \"{street}\" and locality \"Hollywood\"", $"work address {ScimJson.Describe(work)}");
    }

    [Check("patch.replace.no-target", "A replace whose value filter matches nothing is refused with noTarget",
        References = ["RFC7644 §3.5.2.3", "RFC7644 §3.12"], Rows = ["RFC7644-3.5.2.3-REPLACE-NOTARGET"], Tags = ["patch", "replace", "filter", "errors"],
        Requirement = "If the value filter of a replace matches no value, the server answers 400 noTarget and adds nothing: the user's emails stay as they were.")]
    public async Task NoTarget()
    {
        var userType = await PatchableUserTypeAsync();
        var home = EmailAddress("home", "example.org");
        var user = await CreateUserAsync(adjust: body => body["emails"] = new JsonArray(Email(home, "home")));
        var response = await PatchAsync(userType, user, Op("replace", $"emails[type eq \"{Target.Prefix.Name("none")}\"].value", EmailAddress("x")));
        ExpectRefused(response, "replaces through a filter that matches no email", "noTarget");
        var emails = Values(await ReadOrSkipAsync(userType, IdOf(user)), "emails").Select(e => e.StringMember("value")?.ToLowerInvariant()).ToList();
        Expect.That(emails.SequenceEqual([home]), "a replace refused for noTarget changed the emails", $"emails [{home}]", $"emails {ScimJson.List(emails.OfType<string>())}");
    }

    [Check("patch.replace.primary", "Making one value primary takes primary from the others",
        References = ["RFC7644 §3.5.2", "RFC7643 §2.4"], Rows = ["RFC7644-3.5.2-PATCH-PRIMARY"], Tags = ["patch", "replace", "primary"],
        Requirement = "When a PATCH sets primary true on one value, the server sets it false on any other: replace emails[type eq \"home\"].primary true makes the home email primary and the work email not.")]
    public async Task Primary()
    {
        var userType = await PatchableUserTypeAsync();
        var (work, home) = (EmailAddress("work"), EmailAddress("home", "example.org"));
        var user = await CreateUserAsync(adjust: body => body["emails"] = new JsonArray(Email(work, "work", primary: true), Email(home, "home")));
        ExpectApplied(await PatchAsync(userType, user, Op("replace", "emails[type eq \"home\"].primary", true)), "makes the home email primary");
        var emails = Values(await ReadOrSkipAsync(userType, IdOf(user)), "emails");
        var primaries = emails.Where(e => e.Member("primary").IsTrue()).Select(e => e.StringMember("type") ?? "?").ToList();
        Expect.That(primaries.SequenceEqual(["home"]), "primary is not on exactly the value just made primary",
            "the home email primary, the work email not", $"primary on {ScimJson.List(primaries)}");
    }

    [Check("patch.active", "active can be switched off and on by PATCH",
        References = ["RFC7643 §4.1.1", "RFC7644 §3.5.2.3"], Rows = ["RFC7644-3.5.2-PATCH-ACTIVE"], Tags = ["patch", "replace", "deactivation"],
        Requirement = "The boolean active is replaceable: replace path active false leaves the user retrievable with active false, and replace value {\"active\": true} turns it back on.")]
    public async Task Active()
    {
        var userType = await PatchableUserTypeAsync();
        var user = await CreateUserAsync(adjust: body => body["active"] = true);
        ExpectApplied(await PatchAsync(userType, user, Op("replace", "active", false)), "sets active false");
        var off = await ReadOrSkipAsync(userType, IdOf(user));
        Expect.That(off.Member("active") is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.False, "replace active false did not deactivate the user",
            "active false, the user still retrievable", ScimJson.Describe(off.Member("active")));
        ExpectApplied(await PatchAsync(userType, user, Op("replace", null, new JsonObject { ["active"] = true })), "sets active true without a path");
        var on = await ReadOrSkipAsync(userType, IdOf(user));
        Expect.That(on.Member("active").IsTrue(), "replace {\"active\": true} did not reactivate the user", "active true", ScimJson.Describe(on.Member("active")));
    }
}
