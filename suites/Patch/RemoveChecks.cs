using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Patch;

/// <summary>RFC 7644 §3.5.2.2: the remove operation.</summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class RemoveChecks : PatchCheck
{
    [Check("patch.remove.no-path", "A remove without a path is refused with noTarget",
        References = ["RFC7644 §3.5.2.2", "RFC7644 §3.12"], Rows = ["RFC7644-3.5.2.2-REMOVE-NO-PATH"], Tags = ["patch", "remove", "errors"],
        Requirement = "If path is unspecified, a remove fails with 400 and scimType noTarget.")]
    public async Task NoPath()
    {
        var userType = await PatchableUserTypeAsync();
        var user = await CreateUserAsync();
        ExpectRefused(await PatchAsync(userType, user, Op("remove", null)), "removes without a path", "noTarget");
    }

    [Check("patch.remove.single-valued", "Removing a single-valued attribute leaves it unassigned",
        References = ["RFC7644 §3.5.2.2", "RFC7643 §2.5"], Rows = ["RFC7644-3.5.2.2-REMOVE-SV"], Tags = ["patch", "remove"],
        Requirement = "remove with path nickName (or another settable string the schema declares) leaves the user without it (absent or null, never an empty string).")]
    public async Task SingleValued()
    {
        var userType = await PatchableUserTypeAsync();
        // Incidental to what is judged: any settable string the schema declares (nickName where it does).
        var attribute = await AttributeAsync(userType, AttributeNeed.SettableOptionalString);
        var user = await CreateUserAsync(adjust: body => body[attribute] = Target.Prefix.Name("nick"));
        ExpectApplied(await PatchAsync(userType, user, Op("remove", attribute)), $"removes {attribute}");
        var read = await ReadOrSkipAsync(userType, IdOf(user));
        Expect.That(read.Member(attribute) is null, $"remove did not unassign {attribute}", $"no {attribute}", ScimJson.Describe(read.Member(attribute)));
    }

    [Check("patch.remove.multi-valued-all", "Removing a multi-valued attribute without a filter removes all its values",
        References = ["RFC7644 §3.5.2.2"], Rows = ["RFC7644-3.5.2.2-REMOVE-MV-ALL"], Tags = ["patch", "remove", "groups"],
        Requirement = "If the target is a multi-valued attribute and no filter is given, the attribute and all its values are removed: remove with path members leaves the group without members.")]
    public async Task MultiValuedAll()
    {
        var groupType = await PatchableGroupTypeAsync();
        var (a, b) = (await CreateUserAsync(), await CreateUserAsync());
        var group = await CreateGroupAsync(IdOf(a), IdOf(b));
        ExpectApplied(await PatchAsync(groupType, group, Op("remove", "members")), "removes members");
        var members = MemberIds(await ReadOrSkipAsync(groupType, IdOf(group)));
        Expect.That(members.Count == 0, "remove of members left members", "no members (absent or [])", $"members {ScimJson.List(members)}");
    }

    [Check("patch.remove.value-filter", "Removing with a value filter removes only the matching values",
        References = ["RFC7644 §3.5.2.2"], Rows = ["RFC7644-3.5.2.2-REMOVE-FILTER"], Tags = ["patch", "remove", "groups", "filter"],
        Requirement = "A value filter in the path selects what is removed: remove members[value eq \"A\"] on a group with A and B leaves exactly B.")]
    public async Task ValueFilter()
    {
        var groupType = await PatchableGroupTypeAsync();
        var (a, b) = (await CreateUserAsync(), await CreateUserAsync());
        var group = await CreateGroupAsync(IdOf(a), IdOf(b));
        ExpectApplied(await PatchAsync(groupType, group, Op("remove", $"members[value eq \"{IdOf(a)}\"]")), "removes one member by filter");
        var members = MemberIds(await ReadOrSkipAsync(groupType, IdOf(group)));
        Expect.That(members.SequenceEqual([IdOf(b)]), "remove by value filter did not remove exactly the matching member",
            $"members [{IdOf(b)}]", $"members {ScimJson.List(members)}");
    }

    [Check("patch.remove.complex-filter", "A filter on sub-attributes removes the matching values of a complex attribute",
        References = ["RFC7644 §3.5.2.2"], Rows = ["RFC7644-3.5.2.2-REMOVE-COMPLEX-FILTER"], Tags = ["patch", "remove", "filter"],
        Requirement = "remove emails[type eq \"work\" and value ew \"example.com\"] removes the work email and keeps the home one.")]
    public async Task ComplexFilter()
    {
        var userType = await PatchableUserTypeAsync();
        var (work, home) = (EmailAddress("work"), EmailAddress("home", "example.org"));
        var user = await CreateUserAsync(adjust: body => body["emails"] = new JsonArray(Email(work, "work"), Email(home, "home")));
        ExpectApplied(await PatchAsync(userType, user, Op("remove", "emails[type eq \"work\" and value ew \"example.com\"]")), "removes the work email by filter");
        var emails = Values(await ReadOrSkipAsync(userType, IdOf(user)), "emails").Select(e => e.StringMember("value")?.ToLowerInvariant()).ToList();
        Expect.That(emails.SequenceEqual([home]), "remove by a filter on sub-attributes did not remove exactly the matching email",
            $"emails [{home}]", $"emails {ScimJson.List(emails.OfType<string>())}");
    }

    [Check("patch.remove.last-value", "Removing the last value of a multi-valued attribute unassigns it",
        References = ["RFC7644 §3.5.2.2", "RFC7643 §2.5"], Rows = ["RFC7644-3.5.2.2-REMOVE-LAST-UNASSIGNED"], Tags = ["patch", "remove"],
        Requirement = "If no values remain after a remove, the attribute is unassigned: a user whose only phone number is removed by filter has no phoneNumbers (absent or []).")]
    public async Task LastValue()
    {
        var userType = await PatchableUserTypeAsync();
        var user = await CreateUserAsync(adjust: body => body.Remove("phoneNumbers"));
        var number = Target.Prefix.Name("555");
        ExpectApplied(await PatchAsync(userType, user, Op("add", "phoneNumbers", new JsonArray(new JsonObject { ["value"] = number, ["type"] = "work" }))), "adds a phone number");
        ExpectApplied(await PatchAsync(userType, user, Op("remove", $"phoneNumbers[value eq \"{number}\"]")), "removes the only phone number by filter");
        var read = await ReadOrSkipAsync(userType, IdOf(user));
        Expect.That(read.Member("phoneNumbers") is null or JsonArray { Count: 0 }, "removing the last value did not unassign the attribute",
            "no phoneNumbers (absent or [])", ScimJson.Describe(read.Member("phoneNumbers")));
    }

    [Check("patch.remove.sub-attribute", "A value path with a sub-attribute removes only that sub-attribute",
        References = ["RFC7644 §3.5.2.2", "RFC7644 §3.5.2"], Rows = ["RFC7644-3.5.2.2-REMOVE-SUBATTR"], Tags = ["patch", "remove", "filter"],
        Requirement = "remove addresses[type eq \"work\"].locality removes the locality of the work address and keeps the address with its other sub-attributes.")]
    public async Task SubAttribute()
    {
        var userType = await PatchableUserTypeAsync();
        var street = Target.Prefix.Name("100 Universal City Plaza");
        var user = await CreateUserAsync(adjust: body => body["addresses"] = new JsonArray(new JsonObject
        {
            ["type"] = "work", ["streetAddress"] = street, ["locality"] = "Hollywood", ["country"] = "US",
        }));
        ExpectApplied(await PatchAsync(userType, user, Op("remove", "addresses[type eq \"work\"].locality")), "removes the work address's locality");
        var work = Values(await ReadOrSkipAsync(userType, IdOf(user)), "addresses").FirstOrDefault(a => a.StringMember("type") == "work");
        Expect.That(work is not null && work.Member("locality") is null && work.StringMember("streetAddress") == street,
            "remove of a sub-attribute by value path did not remove just that sub-attribute",
            $"the work address with streetAddress \"{street}\" and no locality", $"work address {ScimJson.Describe(work)}");
    }
}
