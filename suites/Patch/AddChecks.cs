using System.Text.Json.Nodes;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Patch;

/// <summary>RFC 7644 §3.5.2.1: the add operation.</summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class AddChecks : PatchCheck
{
    [Check("patch.add.value-required", "An add without a value is refused",
        References = ["RFC7644 §3.5.2.1", "RFC7644 §3.12"], Rows = ["RFC7644-3.12-400-INVALIDVALUE", "RFC7644-3.5.2.1-ADD-VALUE-REQUIRED"], Tags = ["patch", "add", "errors"],
        Requirement = "An add operation MUST contain a value: {\"op\":\"add\",\"path\":\"nickName\"} (or another settable string the schema declares) is refused with 400 and the attribute stays as it was.")]
    public async Task ValueRequired()
    {
        var userType = await PatchableUserTypeAsync();
        // Incidental to what is judged: any settable string the schema declares (nickName, title where it does).
        var attribute = await AttributeAsync(userType, AttributeNeed.SettableOptionalString);
        var nick = Target.Prefix.Name("kept");
        var user = await CreateUserAsync(adjust: body => body[attribute] = nick);
        ExpectRefused(await PatchAsync(userType, user, Op("add", attribute)), $"adds {attribute} without a value", "invalidSyntax", "invalidValue");
        var read = await ReadOrSkipAsync(userType, IdOf(user));
        Expect.That(read.StringMember(attribute) == nick, "a refused add without a value changed the attribute", $"{attribute} \"{nick}\"", ScimJson.Describe(read.Member(attribute)));
    }

    [Check("patch.add.no-path", "An add without a path merges the value's attributes into the resource",
        References = ["RFC7644 §3.5.2.1"], Rows = ["RFC7644-3.5.2.1-ADD-NO-PATH"], Tags = ["patch", "add"],
        Requirement = "Without a path, the value of an add is an object of attributes added to the resource: {\"nickName\":…, \"emails\":[another]} sets nickName and appends the email, keeping the emails already there.")]
    public async Task NoPath()
    {
        var userType = await PatchableUserTypeAsync();
        var existing = EmailAddress("work");
        var user = await CreateUserAsync(adjust: body => body["emails"] = new JsonArray(Email(existing, "work")));
        // A string attribute the server's schema declares (nickName where there is one), so a refusal is about the
        // path-less form and not about an attribute the server does not have.
        var attribute = (await SettableUserStringsAsync(1, "nickName", "title", "displayName", "profileUrl"))[0];
        var (nick, added) = (Target.Prefix.Name("nick"), EmailAddress("other", "example.net"));
        ExpectApplied(await PatchAsync(userType, user, Op("add", null, new JsonObject
        {
            [attribute] = nick,
            ["emails"] = new JsonArray(Email(added, "other")),
        })), $"adds {attribute} and an email without a path");
        var read = await ReadOrSkipAsync(userType, IdOf(user));
        var emails = Values(read, "emails").Select(e => e.StringMember("value")?.ToLowerInvariant()).ToList();
        var problems = new List<string>();
        if (read.StringMember(attribute) != nick)
            problems.Add($"{attribute} is {ScimJson.Describe(read.Member(attribute))}");
        if (!emails.Contains(existing) || !emails.Contains(added))
            problems.Add($"emails are {ScimJson.List(emails.OfType<string>())}");
        Expect.NoProblems(problems, "a path-less add did not merge its attributes", $"{attribute} \"{nick}\" and emails {existing} and {added}");
    }

    [Check("patch.add.multi-valued", "Adding to a multi-valued attribute appends",
        References = ["RFC7644 §3.5.2.1"], Rows = ["RFC7644-3.5.2.1-ADD-MV-APPEND"], Tags = ["patch", "add"],
        Requirement = "If the target is a multi-valued attribute, the values sent are added to it: add with path emails and one new email leaves one email more than before, the old ones included.")]
    public async Task MultiValued()
    {
        var userType = await PatchableUserTypeAsync();
        var existing = EmailAddress("work");
        var user = await CreateUserAsync(adjust: body => body["emails"] = new JsonArray(Email(existing, "work")));
        var added = EmailAddress("other", "example.net");
        ExpectApplied(await PatchAsync(userType, user, Op("add", "emails", new JsonArray(Email(added, "other")))), "adds an email");
        var emails = Values(await ReadOrSkipAsync(userType, IdOf(user)), "emails").Select(e => e.StringMember("value")?.ToLowerInvariant()).ToList();
        Expect.That(emails.Count == 2 && emails.Contains(existing) && emails.Contains(added), "add did not append to emails",
            $"emails {existing} and {added}", $"emails {ScimJson.List(emails.OfType<string>())}");
    }

    [Check("patch.add.single-valued", "Adding to a single-valued attribute replaces its value",
        References = ["RFC7644 §3.5.2.1"], Rows = ["RFC7644-3.5.2.1-ADD-SV-REPLACE"], Tags = ["patch", "add"],
        Requirement = "If the target is a single-valued attribute that has a value, add replaces it: add nickName \"n2\" on a user whose nickName is \"n1\" leaves \"n2\".")]
    public async Task SingleValued()
    {
        var userType = await PatchableUserTypeAsync();
        // Incidental to what is judged: any settable string the schema declares (nickName, title where it does).
        var attribute = await AttributeAsync(userType, AttributeNeed.SettableOptionalString);
        var user = await CreateUserAsync(adjust: body => body[attribute] = Target.Prefix.Name("n1"));
        var next = Target.Prefix.Name("n2");
        ExpectApplied(await PatchAsync(userType, user, Op("add", attribute, next)), $"adds {attribute} over an existing one");
        var read = await ReadOrSkipAsync(userType, IdOf(user));
        Expect.That(read.StringMember(attribute) == next, "add did not replace the single value", $"{attribute} \"{next}\"", ScimJson.Describe(read.Member(attribute)));
    }

    [Check("patch.add.new-attribute", "Adding an attribute that has no value creates it",
        References = ["RFC7644 §3.5.2.1"], Rows = ["RFC7644-3.5.2.1-ADD-NEW"], Tags = ["patch", "add"],
        Requirement = "If the target does not exist, add creates it: add title \"T\" on a user without a title sets the title.")]
    public async Task NewAttribute()
    {
        var userType = await PatchableUserTypeAsync();
        // Incidental to what is judged: any settable string the schema declares (title, nickName where it does).
        var attribute = await AttributeAsync(userType, AttributeNeed.SettableOptionalString);
        var user = await CreateUserAsync(adjust: body => body.Remove(attribute));
        var title = Target.Prefix.Name("title");
        ExpectApplied(await PatchAsync(userType, user, Op("add", attribute, title)), $"adds a {attribute} the user did not have");
        var read = await ReadOrSkipAsync(userType, IdOf(user));
        Expect.That(read.StringMember(attribute) == title, "add did not create the attribute", $"{attribute} \"{title}\"", ScimJson.Describe(read.Member(attribute)));
    }

    [Check("patch.add.complex", "Adding to a complex attribute sets the sub-attributes given and keeps the others",
        References = ["RFC7644 §3.5.2.1"], Rows = ["RFC7644-3.5.2.1-ADD-COMPLEX"], Tags = ["patch", "add"],
        Requirement = "For a complex attribute the value of add is an object of sub-attributes: add name {\"middleName\":…} sets middleName and keeps familyName.")]
    public async Task Complex()
    {
        var userType = await PatchableUserTypeAsync();
        var family = Target.Prefix.Name("Jensen");
        var user = await CreateUserAsync(adjust: body => body["name"] = new JsonObject { ["familyName"] = family });
        var middle = Target.Prefix.Name("Jane");
        ExpectApplied(await PatchAsync(userType, user, Op("add", "name", new JsonObject { ["middleName"] = middle })), "adds name.middleName");
        var name = (await ReadOrSkipAsync(userType, IdOf(user))).Member("name") as JsonObject;
        Expect.That(name?.StringMember("middleName") == middle && name.StringMember("familyName") == family, "add of a sub-attribute did not merge into name",
            $"name with middleName \"{middle}\" and familyName \"{family}\"", $"name {ScimJson.Describe(name)}");
    }

    [Check("patch.add.idempotent", "Adding a value that is already there changes nothing, lastModified included",
        References = ["RFC7644 §3.5.2.1"], Rows = ["RFC7644-3.5.2.1-ADD-IDEMPOTENT-B", "RFC7644-3.5.2.1-ADD-IDEMPOTENT"], Tags = ["patch", "add", "groups", "meta"],
        Requirement = "Adding a value that already exists SHALL NOT change the modify timestamp: adding a group's existing member leaves meta.lastModified where it was. That the add then changes nothing else (no duplicate member, the same version and ETag) and succeeds is a SHOULD.")]
    public async Task Idempotent()
    {
        var groupType = await PatchableGroupTypeAsync();
        var member = await CreateUserAsync();
        var group = await CreateGroupAsync(IdOf(member));
        var before = await ReadAsync(groupType, IdOf(group));
        var beforeBody = before.JsonObject ?? throw new PrerequisiteException($"the group could not be read: {before.Summary}");
        var patch = await PatchAsync(groupType, group, Op("add", "members", MemberList(IdOf(member))));
        var after = await ReadAsync(groupType, IdOf(group));
        var afterBody = after.JsonObject ?? throw new PrerequisiteException($"the group could not be read back: {after.Summary}");
        // The one hard rule of RFC 7644 §3.5.2.1 here: "SHALL NOT change the modify timestamp".
        Expect.That(JsonNode.DeepEquals(beforeBody.Path("meta.lastModified"), afterBody.Path("meta.lastModified")),
            "adding an existing value moved meta.lastModified", $"meta.lastModified {ScimJson.Describe(beforeBody.Path("meta.lastModified"))}",
            $"meta.lastModified {ScimJson.Describe(afterBody.Path("meta.lastModified"))}");
        var problems = new List<string>();
        if (patch.Status is not (200 or 204))
            problems.Add($"the PATCH answered {patch.Summary}{ErrorReplies.DetailHint(patch)}");
        var members = MemberIds(afterBody);
        if (!members.SequenceEqual([IdOf(member)]))
            problems.Add($"members are {ScimJson.List(members)}");
        if (!JsonNode.DeepEquals(beforeBody.Path("meta.version"), afterBody.Path("meta.version")))
            problems.Add($"meta.version moved from {ScimJson.Describe(beforeBody.Path("meta.version"))} to {ScimJson.Describe(afterBody.Path("meta.version"))}");
        if (before.Header("ETag") != after.Header("ETag"))
            problems.Add($"the ETag moved from {before.Header("ETag")} to {after.Header("ETag")}");
        Expect.NoProblems(problems, "adding an existing value was not a successful no-op", $"HTTP 200 or 204, members exactly [{IdOf(member)}], meta.version and ETag unchanged",
            LevelOf("RFC7644-3.5.2.1-ADD-IDEMPOTENT"));
    }

    [Check("patch.add.member", "Adding a member to a group keeps the members it had",
        References = ["RFC7644 §3.5.2.1", "RFC7643 §4.2"], Rows = ["RFC7644-3.5.2.1-ADD-MEMBER"], Tags = ["patch", "add", "groups"],
        Requirement = "add with path members and a new member appends it: a group with member A gets B added and then has exactly A and B.")]
    public async Task Member()
    {
        var groupType = await PatchableGroupTypeAsync();
        var (a, b) = (await CreateUserAsync(), await CreateUserAsync());
        var group = await CreateGroupAsync(IdOf(a));
        ExpectApplied(await PatchAsync(groupType, group, Op("add", "members", MemberList(IdOf(b)))), "adds a member");
        var members = MemberIds(await ReadOrSkipAsync(groupType, IdOf(group)));
        Expect.That(members.Count == 2 && members.Contains(IdOf(a)) && members.Contains(IdOf(b)), "adding a member did not leave both members",
            $"members {IdOf(a)} and {IdOf(b)}", $"members {ScimJson.List(members)}");
    }
}
