using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Suites.Kit.PerType;

namespace Scim.Conformance.Suites.Lifecycle;

/// <summary>RFC 7644 §3.5.1: replacing a resource with PUT. Each check replaces only resources it created.</summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class ReplaceChecks : LifecycleCheck
{
    [Check("lifecycle.put.replaces", "PUT replaces the resource's values and answers 200 with it",
        References = ["RFC7644 §3.5", "RFC7644 §3.5.1"], Rows = ["RFC7644-3.5-PUT-SUPPORTED", "RFC7644-3.5.1-PUT-200", "RFC7644-3.5.1-PUT-REPLACES"], Tags = ["put"],
        Requirement = "PUT is supported and replaces: the values supplied replace the stored ones (a multi-valued attribute becomes exactly what was sent), and the answer is 200 with the resource.")]
    public async Task Replaces()
    {
        var userType = await UserTypeAsync();
        var user = await CreateUserAsync(rich: true);
        var replacement = ReplacementOf(user);
        var email = Target.Prefix.Name("only").ToLowerInvariant() + "@example.com";
        replacement["emails"] = new JsonArray(new JsonObject { ["value"] = email, ["type"] = "work", ["primary"] = true });
        replacement["displayName"] = Target.Prefix.Name("Ersetzt Ümlaut");
        var put = await PutAsync(userType, user, replacement);
        Expect.That(put.Status == 200 && put.JsonObject?.StringMember("id") == IdOf(user), "PUT did not answer 200 with the resource",
            "HTTP 200 with the replaced resource", put.Summary);
        var read = await ReadOrSkipAsync(userType, IdOf(user));
        var emails = (read.Member("emails") as JsonArray ?? []).OfType<JsonObject>().Select(e => e.StringMember("value")).ToList();
        Expect.That(emails.Count == 1 && string.Equals(emails[0], email, StringComparison.OrdinalIgnoreCase),
            "PUT did not replace the emails with exactly the one sent", $"exactly one email, {email}", $"emails {ScimJson.List(emails.OfType<string>())}");
        Expect.That(string.Equals(read.StringMember("displayName"), replacement.StringMember("displayName"), StringComparison.Ordinal),
            "PUT did not replace displayName", $"\"{replacement.StringMember("displayName")}\"", ScimJson.Describe(read.Member("displayName")));
    }

    [Check("lifecycle.put.no-create", "PUT never creates a resource",
        References = ["RFC7644 §3.5.1", "RFC7644 §3.2"], Rows = ["RFC7644-3.5.1-PUT-NO-CREATE"], Tags = ["put"],
        Requirement = "PUT replaces an existing resource; it does not create one: PUT to an id that does not exist answers 404, and nothing appears at that id.")]
    public async Task NoCreate()
    {
        var userType = await UserTypeAsync();
        var body = await Resources.MinimalAsync(userType);
        var path = $"{ResourceFactory.EndpointOf(userType).TrimStart('/')}/{MissingId()}";
        var put = await Scim.PutAsync(path, body);
        Ledger.Track(put, ResourceFactory.EndpointOf(userType)); // should anything have been created, it is cleaned up
        Expect.That(put.Status == 404, "PUT to an unknown id did not answer 404", "HTTP 404", put.Summary);
        var read = await Scim.GetAsync(path);
        Expect.That(read.Status == 404, "PUT to an unknown id created a resource there", "GET of that id → 404", read.Summary);
    }

    [Check("lifecycle.put.response-matches-stored", "The PUT response is what is stored",
        References = ["RFC7644 §3.5.1"], Rows = ["RFC7644-3.5.1-PUT-200", "RFC7644-3.5.1-PUT-OMITTED"], Tags = ["put"],
        Requirement = "Omitted readWrite attributes may be cleared or defaulted (both allowed), but the 200 response is the resource as now stored: a fresh GET returns the same values (meta aside).")]
    public async Task ResponseMatchesStored()
    {
        var userType = await UserTypeAsync();
        var user = await CreateUserAsync(rich: true);
        var replacement = ReplacementOf(user);
        replacement.Remove("nickName");
        replacement["title"] = Target.Prefix.Name("Neuer Titel");
        var put = await PutAsync(userType, user, replacement);
        if (put.Status != 200 || put.JsonObject is not { } answered)
            throw new PrerequisiteException($"PUT did not succeed: {put.Summary} (see lifecycle.put.replaces)");
        var stored = await ReadOrSkipAsync(userType, IdOf(user));
        var differences = new[] { "title", "nickName", "displayName", "emails", "userName" }
            .Where(name => !JsonNode.DeepEquals(answered.Member(name), stored.Member(name)))
            .Select(name => $"{name}: PUT answered {ScimJson.Describe(answered.Member(name))}, GET returns {ScimJson.Describe(stored.Member(name))}").ToList();
        Expect.NoProblems(differences, "the PUT response differs from what a fresh read returns", "the 200 body equal to the stored resource");
    }

    [Check("lifecycle.put.null-clears", "null or an empty array in a PUT clears the attribute",
        References = ["RFC7644 §3.5.1", "RFC7643 §2.5"], Rows = ["RFC7644-3.5.1-PUT-NULL-CLEARS", "RFC7643-2.5-NULL-UNASSIGNED"], Tags = ["put"],
        Requirement = "Unassigned, null and empty-array values are equivalent: a PUT sending \"nickName\": null and \"emails\": [] leaves neither on the resource.")]
    public async Task NullClears()
    {
        var userType = await UserTypeAsync();
        var single = await AttributeAsync(userType, AttributeNeed.SettableOptionalString);
        var user = await CreateUserAsync(rich: true);
        if (user.Member(single) is null || user.Member("emails") is not JsonArray { Count: > 0 })
            throw new NotApplicableException($"the created user has no {single} or emails to clear (the schema lacks them, or the server dropped them)");
        var replacement = ReplacementOf(user);
        replacement[single] = null;
        replacement["emails"] = new JsonArray();
        await Resources.AcceptableWithoutAsync(userType, replacement, "emails");
        var put = await PutAsync(userType, user, replacement);
        // The PUT with null and [] is the request judged: refusing it treats "no value" as a wrong value.
        Expect.That(put.Status is not (400 or 409 or 422), $"a PUT whose optional {single} is null and emails [] was refused, although null and [] mean unassigned",
            "HTTP 200, the attributes cleared", $"{put.Summary}{ErrorReplies.DetailHint(put)}");
        if (put.Status != 200)
            throw new PrerequisiteException($"PUT did not succeed: {put.Summary} (see lifecycle.put.replaces)");
        var read = await ReadOrSkipAsync(userType, IdOf(user));
        var left = new List<string>();
        if (read.Member(single) is JsonValue value)
            left.Add($"{single} {ScimJson.Describe(value)}");
        if (read.Member("emails") is JsonArray { Count: > 0 } emails)
            left.Add($"{emails.Count} email(s)");
        Expect.NoProblems(left, "values a PUT set to null or [] are still there", $"no {single} and no emails");
    }

    [Check("lifecycle.put.read-only-ignored", "readOnly values in a PUT are ignored",
        References = ["RFC7644 §3.5.1", "RFC7643 §3.1", "RFC7643 §2.2"], Rows = ["RFC7644-3.5.1-PUT-READONLY-IGNORED"], Tags = ["put", "meta", "mutability"],
        PerResourceType = true,
        Requirement = "readOnly attributes in a PUT body are ignored: a PUT carrying meta.created 2001-01-01T00:00:00Z, and values for every attribute the type's schema declares readOnly, leaves meta.created as the server set it and stores none of those values (or is refused with 400). Judged on every advertised resource type.")]
    public Task ReadOnlyIgnored() => ForEachResourceTypeAsync(async type =>
    {
        var resource = await Resources.CreateOrSkipAsync(type.ResourceType, await Resources.MinimalAsync(type.ResourceType));
        var created = resource.Path("meta.created")?.ToString() ?? throw new PrerequisiteException($"the {type.Name} has no meta.created (see lifecycle.meta.assigned)");
        var replacement = ReplacementOf(resource);
        replacement["meta"] = new JsonObject { ["created"] = "2001-01-01T00:00:00Z" };
        var sent = new List<(TypedAttribute Attribute, JsonNode Value)>();
        foreach (var attribute in type.With(TypeNeed.ReadOnlyAttribute))
        {
            var value = await ReadOnlySampleAsync(type, attribute);
            attribute.SetIn(replacement, value.DeepClone());
            sent.Add((attribute, value));
        }
        var put = await PutAsync(type.ResourceType, resource, replacement);
        if (put.Status == 400)
            return; // refusing readOnly values is allowed
        Expect.That(put.Status == 200, $"PUT of a {type.Name} with readOnly values neither succeeded nor was refused", "HTTP 200 or 400", put.Summary);
        var read = await ReadOrSkipAsync(type.ResourceType, IdOf(resource));
        var problems = new List<string>();
        var after = read.Path("meta.created")?.ToString();
        if (after != created)
            problems.Add($"meta.created {after} instead of {created}");
        foreach (var (attribute, value) in sent)
        {
            if (HeldValues.Holds(attribute.ValueIn(read), value))
                problems.Add($"{attribute.Path} sent as {ScimJson.Describe(value)} was stored: GET returns {ScimJson.Describe(attribute.ValueIn(read))}");
        }
        Expect.NoProblems(problems, $"a PUT of a {type.Name} changed readOnly values", $"meta.created {created} and no readOnly value taken from the body");
    });

    [Check("lifecycle.put.required-attributes", "A PUT without a required attribute is refused and changes nothing",
        References = ["RFC7644 §3.5.1", "RFC7643 §4.1.1"], Rows = ["RFC7644-3.5.1-PUT-REQUIRED", "RFC7643-4.1.1-USERNAME-REQUIRED"], Tags = ["put", "required"],
        Requirement = "Required attributes must be present in a PUT: one without userName answers 400, and the stored resource keeps its userName.")]
    public async Task RequiredAttributes()
    {
        var userType = await UserTypeAsync();
        var user = await CreateUserAsync();
        var replacement = ReplacementOf(user);
        replacement.Remove("userName");
        var put = await PutAsync(userType, user, replacement);
        Expect.That(put.Status == 400, "a PUT without the required userName was not refused", "HTTP 400", put.Summary);
        var read = await ReadOrSkipAsync(userType, IdOf(user));
        Expect.That(read.StringMember("userName") == user.StringMember("userName"), "a refused PUT changed the resource",
            $"userName {user.StringMember("userName")}", ScimJson.Describe(read.Member("userName")));
    }

    [Check("lifecycle.put.uniqueness", "A PUT that would duplicate a unique value is refused",
        References = ["RFC7644 §3.5.1", "RFC7644 §3.12"], Rows = ["RFC7644-3.5.1-PUT-UNIQUENESS"], Tags = ["put", "uniqueness"],
        TypeNeeds = [TypeNeed.UniqueAttribute],
        Requirement = "Replacing a resource so that a unique attribute (a User's userName, an Agent's name) takes the value another resource holds answers 409 (or 400) with scimType \"uniqueness\". Judged on every advertised resource type with a writable attribute declared `uniqueness` server or global, for each such attribute.")]
    public Task Uniqueness() => ForEachResourceTypeAsync(async type =>
    {
        var problems = new List<string>();
        foreach (var attribute in type.With(TypeNeed.UniqueAttribute))
        {
            var firstBody = await Resources.MinimalAsync(type.ResourceType);
            if (attribute.ValueIn(firstBody) is not JsonValue value || !value.IsString())
                attribute.SetIn(firstBody, Target.Prefix.Name(attribute.Name));
            var taken = attribute.ValueIn(firstBody)!.GetValue<string>();
            await Resources.CreateOrSkipAsync(type.ResourceType, firstBody);
            var second = await Resources.CreateOrSkipAsync(type.ResourceType, await Resources.MinimalAsync(type.ResourceType));
            var replacement = ReplacementOf(second);
            attribute.SetIn(replacement, taken);
            var put = await PutAsync(type.ResourceType, second, replacement);
            if (put.Status is not (409 or 400) || put.JsonObject?.StringMember("scimType") != "uniqueness")
                problems.Add($"{attribute.Path} set to another {type.Name}'s \"{taken}\": {put.Summary}, scimType {ScimJson.Describe(put.JsonObject?.Member("scimType"))}");
        }
        Expect.NoProblems(problems, $"a PUT giving a {type.Name} another resource's unique value was not refused as a uniqueness conflict",
            "HTTP 409 (or 400) with scimType \"uniqueness\"");
    });

    [Check("lifecycle.put.id-stable", "PUT never changes the resource's id",
        References = ["RFC7643 §3.1", "RFC7644 §3.5.1"], Rows = ["RFC7644-3.5.1-PUT-ID-STABLE"], Tags = ["put", "id"],
        Requirement = "The id in the URL is authoritative and an id never changes: a PUT whose body carries another id either answers 200 with the id unchanged or 400.")]
    public async Task IdStable()
    {
        var userType = await UserTypeAsync();
        var user = await CreateUserAsync();
        var replacement = ReplacementOf(user);
        replacement["id"] = Target.Prefix.Name("other-id");
        var put = await PutAsync(userType, user, replacement);
        if (put.Status == 400)
            return;
        Expect.That(put.Status == 200 && put.JsonObject?.StringMember("id") == IdOf(user), "a PUT changed the resource's id",
            $"HTTP 200 with id {IdOf(user)}, or 400", $"{put.Summary}, id {ScimJson.Describe(put.JsonObject?.Member("id"))}");
        var read = await ReadAsync(userType, IdOf(user));
        Expect.That(read.Status == 200, "after a PUT with another id in its body, the resource is gone from its id", $"GET {IdOf(user)} → 200", read.Summary);
    }

    [Check("lifecycle.put.group-members", "PUT on a group replaces its member list",
        References = ["RFC7644 §3.5.1", "RFC7643 §4.2"], Rows = ["RFC7644-3.5.1-PUT-GROUP-MEMBERS"], Tags = ["put", "groups"],
        Requirement = "A PUT on a Group with `members` = [B] leaves exactly B as member, whatever the members were before.")]
    public async Task GroupMembers()
    {
        var groupType = await GroupTypeAsync();
        var a = await CreateUserAsync();
        var b = await CreateUserAsync();
        var group = await CreateGroupAsync(IdOf(a));
        var replacement = ReplacementOf(group);
        replacement["members"] = new JsonArray(new JsonObject { ["value"] = IdOf(b) });
        var put = await PutAsync(groupType, group, replacement);
        if (put.Status != 200)
            throw new PrerequisiteException($"PUT on the group did not succeed: {put.Summary} (see lifecycle.put.replaces)");
        var members = ((await ReadOrSkipAsync(groupType, IdOf(group))).Member("members") as JsonArray ?? [])
            .OfType<JsonObject>().Select(m => m.StringMember("value")).OfType<string>().ToList();
        Expect.That(members.Count == 1 && members[0] == IdOf(b), "PUT did not replace the group's members",
            $"exactly one member, {IdOf(b)}", $"members {ScimJson.List(members)}");
    }

    /// <summary>The resource as a PUT body: writable attributes as returned, without the server's readOnly ones.</summary>
    private static JsonObject ReplacementOf(JsonObject resource)
    {
        var body = (JsonObject)resource.DeepClone();
        foreach (var readOnly in new[] { "id", "meta", "groups" })
            body.Remove(readOnly);
        return body;
    }

    private Task<ScimResponse> PutAsync(JsonObject resourceType, JsonObject resource, JsonObject body) =>
        Scim.PutAsync($"{ResourceFactory.EndpointOf(resourceType).TrimStart('/')}/{IdOf(resource)}", body);
}
