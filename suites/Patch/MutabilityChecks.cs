using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Suites.Kit.PerType;

namespace Scim.Conformance.Suites.Patch;

/// <summary>RFC 7644 §3.5.2 and RFC 7643 §2.2: a PATCH respects each attribute's mutability.</summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class MutabilityChecks : PatchCheck
{
    [Check("patch.mutability.read-only", "PATCH of a readOnly attribute is refused with mutability",
        References = ["RFC7644 §3.5.2", "RFC7643 §2.2"], Rows = ["RFC7644-3.5.2-PATCH-READONLY"], Tags = ["patch", "mutability"],
        TypeNeeds = [TypeNeed.PatchSupported],
        Requirement = "Operations must be compatible with the attribute's mutability: replacing id or meta.created, or adding to an attribute the type's schema declares readOnly (a User's groups, an Agent's groups and applications, an AgenticApplication's lastAccessed), is refused with 400 mutability, and the id stays. Judged on every advertised resource type.")]
    public Task ReadOnly() => ForEachResourceTypeAsync(async type =>
    {
        var resource = await Resources.CreateOrSkipAsync(type.ResourceType, await Resources.MinimalAsync(type.ResourceType));
        ExpectRefused(await PatchAsync(type.ResourceType, resource, Op("replace", "id", Target.Prefix.Name("other-id"))), $"replaces the id of a {type.Name}", "mutability");
        ExpectRefused(await PatchAsync(type.ResourceType, resource, Op("replace", "meta.created", "2001-01-01T00:00:00Z")), $"replaces meta.created of a {type.Name}", "mutability");
        foreach (var attribute in type.With(TypeNeed.ReadOnlyAttribute))
        {
            var value = await ReadOnlyValueAsync(type, attribute);
            ExpectRefused(await PatchAsync(type.ResourceType, resource, Op("add", attribute.Path, value)), $"adds to the readOnly {type.Name}.{attribute.Path}", "mutability");
        }
        var read = await ReadAsync(type.ResourceType, IdOf(resource));
        Expect.That(read.Status == 200, $"after PATCH requests on its id, the {type.Name} is no longer found at it", $"GET {IdOf(resource)} → 200", read.Summary);
    });

    /// <summary>A value of the attribute's shape for a PATCH that must be refused: a User's groups get a real group
    /// (so the only thing wrong is the mutability), anything else a value built from its definition.</summary>
    private async Task<JsonNode> ReadOnlyValueAsync(ResourceTypeUnderTest type, TypedAttribute attribute)
    {
        if (attribute.InCore && attribute.Name == "groups" && (await DiscoveryAsync()).ResourceTypeBySchema(ScimUrns.Group) is not null)
            return MemberList(IdOf(await CreateGroupAsync()));
        return SampleValues.For(attribute.Definition, Target.Prefix);
    }

    [Check("patch.mutability.immutable", "An immutable value cannot be changed once set",
        References = ["RFC7643 §2.2", "RFC7644 §3.5.2", "RFC7643 §4.2"], Rows = ["RFC7643-2.2-IMMUTABLE-UNCHANGED", "RFC7643-4.2-MEMBERS-IMMUTABLE", "RFC7644-3.5.2-PATCH-IMMUTABLE-ADD", "RFC7644-3.5.2-PATCH-READONLY"], Tags = ["patch", "mutability", "groups"],
        TypeNeeds = [TypeNeed.PatchSupported, TypeNeed.ImmutableAttribute],
        Requirement = "An immutable attribute is set when its value is added and SHALL NOT be updated afterwards: a group member's value (immutable in the Group schema) can be added, but replacing members[value eq A].value with B is refused with 400 mutability and A stays; likewise for every attribute or sub-attribute the type's schema declares immutable. Judged on every advertised resource type with one.")]
    public Task Immutable() => ForEachResourceTypeAsync(async type =>
    {
        var judged = new List<string>();
        foreach (var attribute in type.With(TypeNeed.ImmutableAttribute))
        {
            if (attribute.Definition.StringMember("mutability") == "immutable")
                judged.Add(await ExpectImmutableKeptAsync(type, attribute));
            else
                judged.Add(await ExpectImmutableSubAttributeKeptAsync(type, attribute));
        }
        Context.Observation = $"{type.Name}: {string.Join("; ", judged)}";
    });

    /// <summary>A top-level immutable attribute: created with a value, then replaced with another.</summary>
    private async Task<string> ExpectImmutableKeptAsync(ResourceTypeUnderTest type, TypedAttribute attribute)
    {
        var body = await Resources.MinimalAsync(type.ResourceType);
        if (attribute.ValueIn(body) is null)
            attribute.SetIn(body, SampleValues.For(attribute.Definition, Target.Prefix));
        var first = attribute.ValueIn(body)!.DeepClone();
        if (AnotherValue(first) is not { } other)
            return $"{attribute.Path} left out (no second value of its type can be made)";
        var resource = await Resources.CreateOrSkipAsync(type.ResourceType, body);
        ExpectRefused(await PatchAsync(type.ResourceType, resource, Op("replace", attribute.Path, other)), $"changes the immutable {type.Name}.{attribute.Path}", "mutability");
        var kept = attribute.ValueIn(await ReadOrSkipAsync(type.ResourceType, IdOf(resource)));
        Expect.That(HeldValues.Holds(kept, first), $"a refused change of the immutable {type.Name}.{attribute.Path} changed it anyway",
            $"{attribute.Path} {ScimJson.Describe(first)}", $"{attribute.Path} {ScimJson.Describe(kept)}");
        return $"{attribute.Path} kept";
    }

    /// <summary>An immutable sub-attribute (a group member's value): a value is added, then its sub-attribute
    /// replaced through a value filter. Values that name resources name real ones of the check's own.</summary>
    private async Task<string> ExpectImmutableSubAttributeKeptAsync(ResourceTypeUnderTest type, TypedAttribute attribute)
    {
        var subs = (attribute.Definition.Member("subAttributes") as JsonArray ?? []).OfType<JsonObject>()
            .Where(s => s.StringMember("mutability") == "immutable" && s.StringMember("type") is "string" or "reference" && s.StringArray("canonicalValues") is not { Count: > 0 })
            .ToList();
        var sub = subs.FirstOrDefault(s => s.StringMember("name") == "value") ?? subs.FirstOrDefault();
        if (sub?.StringMember("name") is not { } subName)
            return $"{attribute.Path} left out (no immutable string sub-attribute without canonical values)";
        var (a, b) = subName == "value" && attribute.Definition.Member("subAttributes") is JsonArray all && all.OfType<JsonObject>().Any(s => s.StringMember("name") == "$ref")
            ? (IdOf(await ReferencedResourceAsync(type)), IdOf(await ReferencedResourceAsync(type)))
            : (Target.Prefix.Name($"{subName}-a"), Target.Prefix.Name($"{subName}-b"));
        var resource = await Resources.CreateOrSkipAsync(type.ResourceType, await Resources.MinimalAsync(type.ResourceType));
        var multi = attribute.Definition.Member("multiValued").IsTrue();
        JsonNode added = multi ? new JsonArray(new JsonObject { [subName] = a }) : new JsonObject { [subName] = a };
        ExpectApplied(await PatchAsync(type.ResourceType, resource, Op("add", attribute.Path, added)), $"adds {attribute.Path} (the immutable {subName} is set)");
        var path = multi ? $"{attribute.Path}[{subName} eq \"{a}\"].{subName}" : $"{attribute.Path}.{subName}";
        ExpectRefused(await PatchAsync(type.ResourceType, resource, Op("replace", path, b)), $"changes the immutable {type.Name}.{attribute.Path}.{subName}", "mutability");
        var after = attribute.ValueIn(await ReadOrSkipAsync(type.ResourceType, IdOf(resource)));
        List<string?> values = after switch
        {
            JsonArray array => [.. array.OfType<JsonObject>().Select(v => v.StringMember(subName))],
            JsonObject one => [one.StringMember(subName)],
            _ => [],
        };
        Expect.That(values.SequenceEqual([a]), $"a refused change of the immutable {type.Name}.{attribute.Path}.{subName} changed it anyway",
            $"{attribute.Path}.{subName} [{a}]", $"{attribute.Path}.{subName} {ScimJson.List(values.Select(v => v ?? "null"))}");
        return $"{attribute.Path}.{subName} kept";
    }

    /// <summary>A resource a member-like value may name: a user of the check's own where Users are served, else
    /// another resource of the same type.</summary>
    private async Task<JsonObject> ReferencedResourceAsync(ResourceTypeUnderTest type)
    {
        var referenced = (await DiscoveryAsync()).ResourceTypeBySchema(ScimUrns.User) ?? type.ResourceType;
        return await Resources.CreateOrSkipAsync(referenced, await Resources.MinimalAsync(referenced));
    }

    /// <summary>A different value of the same JSON type, or null when none can be made from the value alone.</summary>
    private static JsonNode? AnotherValue(JsonNode value) => value switch
    {
        JsonValue v when v.IsString() => JsonValue.Create(v.GetValue<string>() + "-changed"),
        JsonValue v when v.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => JsonValue.Create(v.GetValueKind() != System.Text.Json.JsonValueKind.True),
        JsonValue v when v.TryGetValue<long>(out var number) => JsonValue.Create(number + 1),
        _ => null,
    };

    [Check("patch.remove.required", "Removing a required or readOnly attribute is refused with mutability",
        References = ["RFC7644 §3.5.2.2", "RFC7644 §3.12"], Rows = ["RFC7644-3.5.2.2-REMOVE-REQUIRED"], Tags = ["patch", "mutability", "remove"],
        Requirement = "If the target of a remove is required or readOnly, the server returns 400 mutability: remove userName and remove id are refused, and userName stays.")]
    public async Task RemoveRequired()
    {
        var userType = await PatchableUserTypeAsync();
        var user = await CreateUserAsync();
        ExpectRefused(await PatchAsync(userType, user, Op("remove", "userName")), "removes the required userName", "mutability");
        ExpectRefused(await PatchAsync(userType, user, Op("remove", "id")), "removes the readOnly id", "mutability");
        var read = await ReadOrSkipAsync(userType, IdOf(user));
        Expect.That(read.StringMember("userName") == user.StringMember("userName"), "a refused removal of userName removed it anyway",
            $"userName {user.StringMember("userName")}", ScimJson.Describe(read.Member("userName")));
    }
}
