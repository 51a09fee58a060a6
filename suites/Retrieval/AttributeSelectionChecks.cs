using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Retrieval;

/// <summary>RFC 7644 §3.4.2.5, §3.9 and §3.10: the <c>attributes</c> parameter replaces the default set with the
/// attributes named, by plain name, sub-attribute path, schema URN or extension URN, in any letter case. Each check
/// creates a User with every writable attribute and compares a read with the parameter to the plain read.</summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class AttributeSelectionChecks : RetrievalCheck
{
    [Check("retrieval.attributes", "attributes=userName returns userName and nothing else but what is returned always",
        References = ["RFC7644 §3.4.2.5", "RFC7644 §3.9"], Rows = ["RFC7644-3.4.2.5-ATTRIBUTES-SUPPORTED", "RFC7643-3.1-META-RETURNED-DEFAULT"], Tags = ["attributes", "users"],
        Requirement = "The `attributes` parameter is supported and overrides the default set: GET /Users/{id}?attributes=userName returns `userName` and, besides it, only `schemas` and attributes returned \"always\" (`id`); `name`, `emails` and `meta` (returned default) are left out.")]
    public async Task Attributes()
    {
        var subject = await RichUserAsync();
        var stored = await ReadStoredAsync(subject);
        var (problems, projected) = await UserNameOnlyProblemsAsync(subject, stored, "userName");
        Expect.NoProblems(problems, "the `attributes` parameter did not replace the default set of attributes",
            "`userName` as stored, and besides it only `schemas` and attributes returned \"always\" such as `id`");
        // meta's sub-attributes are returned by default (RFC 7643 §3.1), so a selection that does not name meta leaves
        // it out; the text states it without a keyword, so it is judged apart, at its own level.
        Expect.That(!ResourceShape.Present(projected.Member("meta")), "attributes=userName still returned `meta`, whose sub-attributes are returned by default",
            "no `meta` beside `userName`", $"`meta` {ScimJson.Abbreviate(projected.Member("meta")?.ToJsonString() ?? "", 160)}",
            LevelOf("RFC7643-3.1-META-RETURNED-DEFAULT"));
    }

    [Check("retrieval.attributes-always", "Attributes returned always come back even when attributes leaves them out",
        References = ["RFC7644 §3.9", "RFC7643 §7"], Rows = ["RFC7644-3.9-ATTRIBUTES-ALWAYS"], Tags = ["attributes", "returned", "users"], PerResourceType = true,
        Requirement = "An attribute returned \"always\" is in every response, whatever `attributes` says: GET {endpoint}/{id}?attributes=displayName (an attribute returned by default) still returns `id` and every other attribute the schema returns \"always\" that the resource holds. Judged on every advertised resource type (every one has `id`).")]
    public Task AttributesAlways() => ForEachResourceTypeAsync(async type =>
    {
        var subject = await RichAsync(type.ResourceType);
        var stored = await ReadStoredAsync(subject);
        var selected = ResourceShape.Pick(subject.Shape.DefaultAttributesIn(stored), "displayName", "userName", "name")
            ?? throw new PrerequisiteException($"the {type.Name} read back holds no attribute returned by default to select");
        var projected = await ReadWithAsync(subject, "attributes", selected);

        var problems = new List<string>();
        if (projected.StringMember("id") != subject.Id)
            problems.Add($"`id` is {ScimJson.Describe(projected.Member("id"))}");
        foreach (var (name, value) in stored)
        {
            if (!ResourceShape.Is(name, "id") && subject.Shape.IsAlways(name) && !ResourceShape.Is(name, "schemas")
                && ResourceShape.Present(value) && !ResourceShape.Present(projected.Member(name)))
                problems.Add($"`{name}` (returned always) is missing");
        }
        foreach (var (urn, _) in subject.Shape.Extensions)
        {
            foreach (var (name, value) in stored.Member(urn) as JsonObject ?? new JsonObject())
            {
                if (subject.Shape.IsAlways(name, urn) && ResourceShape.Present(value)
                    && !ResourceShape.Present((projected.Member(urn) as JsonObject)?.Member(name)))
                    problems.Add($"`{urn}:{name}` (returned always) is missing");
            }
        }
        Expect.NoProblems(problems, $"attributes=`{selected}` dropped an attribute of a {type.Name} that is returned always",
            $"`id` \"{subject.Id}\" and every other attribute returned \"always\", alongside `{selected}`");
    });

    [Check("retrieval.attributes-sub-attribute", "attributes=name.familyName returns only that sub-attribute of name",
        References = ["RFC7644 §3.9", "RFC7644 §3.10"], Rows = ["RFC7644-3.9-ATTRIBUTES-SUBATTR"], Tags = ["attributes", "users"],
        Requirement = "A sub-attribute can be selected with dot notation: GET /Users/{id}?attributes=name.familyName returns `name` holding `familyName` as stored and no other sub-attribute (except any returned \"always\"), and no other attribute but `id` and `schemas`.")]
    public async Task SubAttribute()
    {
        var subject = await RichUserAsync();
        var stored = await ReadStoredAsync(subject);
        var (attribute, sub) = ComplexWithSubAttributes(subject, stored)
            ?? throw new PrerequisiteException("the User read back holds no complex attribute with two sub-attributes (name was sent with all of its sub-attributes)");
        var selection = new AttributeSelection(subject.Shape, $"{attribute}.{sub}");
        var projected = await ReadWithAsync(subject, "attributes", selection.Parameter);

        var problems = new List<string>();
        var expected = stored.Member(attribute)!.AsObject().Member(sub);
        var actual = (projected.Member(attribute) as JsonObject)?.Member(sub);
        if (!JsonNode.DeepEquals(actual, expected))
            problems.Add($"`{attribute}.{sub}` is {ScimJson.Describe(actual)}, stored {ScimJson.Describe(expected)}");
        var extra = selection.Unrequested(projected);
        if (extra.Count > 0)
            problems.Add($"unrequested attributes returned: {ScimJson.List(extra.Select(e => $"`{e}`"))}");
        Expect.NoProblems(problems, $"attributes={selection.Parameter} did not select just that sub-attribute",
            $"`{attribute}` holding only `{sub}` {ScimJson.Describe(expected)}, besides `id` and `schemas`");
    }

    [Check("retrieval.attributes-parent", "attributes=name returns name with all of its sub-attributes",
        References = ["RFC7644 §3.9"], Rows = ["RFC7644-3.9-ATTRIBUTES-PARENT"], Tags = ["attributes", "users"],
        Requirement = "Naming a complex attribute selects it whole: GET /Users/{id}?attributes=name returns `name` with every sub-attribute the plain read returns, with the same values.")]
    public async Task Parent()
    {
        var subject = await RichUserAsync();
        var stored = await ReadStoredAsync(subject);
        var (attribute, _) = ComplexWithSubAttributes(subject, stored)
            ?? throw new PrerequisiteException("the User read back holds no complex attribute with two sub-attributes (name was sent with all of its sub-attributes)");
        var projected = await ReadWithAsync(subject, "attributes", attribute);

        var whole = stored.Member(attribute)!.AsObject();
        var returned = projected.Member(attribute) as JsonObject;
        var problems = whole
            .Where(p => !JsonNode.DeepEquals(returned?.Member(p.Key), p.Value))
            .Select(p => $"`{attribute}.{p.Key}` is {ScimJson.Describe(returned?.Member(p.Key))}, stored {ScimJson.Describe(p.Value)}")
            .ToList();
        Expect.NoProblems(problems, $"attributes={attribute} did not return `{attribute}` whole",
            $"`{attribute}` with all {whole.Count} sub-attributes the plain read returns: {ScimJson.Abbreviate(whole.ToJsonString(), 200)}");
    }

    [Check("retrieval.attributes-list", "attributes takes a comma-separated list of names",
        References = ["RFC7644 §3.9"], Rows = ["RFC7644-3.9-ATTRIBUTES-MULTI"], Tags = ["attributes", "users"],
        Requirement = "`attributes` is a comma-separated list and every name in it counts: GET /Users/{id}?attributes=userName,emails returns both `userName` and `emails` as stored, and leaves out attributes not named (e.g. `name`), except those returned \"always\".")]
    public async Task List()
    {
        var subject = await RichUserAsync();
        var stored = await ReadStoredAsync(subject);
        var candidates = subject.Shape.DefaultAttributesIn(stored);
        var first = ResourceShape.Pick(candidates, "userName");
        var second = ResourceShape.Pick(candidates.Where(c => c != first).ToList(), "emails");
        var left = candidates.Where(c => c != first && c != second).ToList();
        if (first is null || second is null || left.Count == 0)
            throw new PrerequisiteException($"the User read back holds too few attributes returned by default to select two of them ({ScimJson.List(candidates)})");
        var selection = new AttributeSelection(subject.Shape, $"{first},{second}");
        var projected = await ReadWithAsync(subject, "attributes", selection.Parameter);

        var problems = new List<string>();
        foreach (var name in new[] { first, second })
        {
            if (!JsonNode.DeepEquals(projected.Member(name), stored.Member(name)))
                problems.Add($"`{name}` is {ScimJson.Describe(projected.Member(name))}, stored {ScimJson.Describe(stored.Member(name))}");
        }
        var extra = selection.Unrequested(projected);
        if (extra.Count > 0)
            problems.Add($"unrequested attributes returned: {ScimJson.List(extra.Select(e => $"`{e}`"))}");
        Expect.NoProblems(problems, $"attributes={selection.Parameter} did not select exactly the attributes listed",
            $"`{first}` and `{second}` as stored, and no other attribute but `id` and `schemas`");
    }

    [Check("retrieval.attributes-urn", "Names in attributes may carry their schema URN",
        References = ["RFC7644 §3.9", "RFC7644 §3.10"], Rows = ["RFC7644-3.9-ATTRIBUTES-URN", "RFC7644-3.10-URN-QUALIFIED"], Tags = ["attributes", "users", "urn"],
        Requirement = "An attribute name may be qualified with its schema URN: GET /Users/{id}?attributes=urn:ietf:params:scim:schemas:core:2.0:User:userName behaves exactly like attributes=userName (`userName` as stored, nothing else but `id` and `schemas`).")]
    public async Task Urn()
    {
        var subject = await RichUserAsync();
        var stored = await ReadStoredAsync(subject);
        var (problems, _) = await UserNameOnlyProblemsAsync(subject, stored, $"{subject.Shape.CoreUrn}:userName");
        Expect.NoProblems(problems, "a URN-qualified name in `attributes` did not select the attribute it names",
            "the same as attributes=userName: `userName` as stored, and no other attribute but `id` and `schemas`");
    }

    [Check("retrieval.attributes-extension", "Extension attributes are selected by their full URN path",
        References = ["RFC7644 §3.10", "RFC7644 §3.9"], Rows = ["RFC7644-3.9-ATTRIBUTES-EXT"], Tags = ["attributes", "users", "extensions", "urn"],
        Requirement = "An extension attribute is selected with its schema URN: GET /Users/{id}?attributes=urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber returns that value (inside the extension's object) and no other attribute, core or extension, but `id` and `schemas`. NotApplicable when the User resource type lists no extension.")]
    public async Task Extension()
    {
        var type = await ResourceTypeAsync(ScimUrns.User);
        var shape = ResourceShape.Of(await DiscoveryAsync(), type);
        if (shape.Extensions.Count == 0)
            throw new NotApplicableException("the User resource type lists no schema extension that /Schemas publishes");
        var subject = await RichAsync(type);
        var stored = await ReadStoredAsync(subject);
        var (urn, attribute) = shape.Extensions
            .Select(e => (e.Urn, Container: stored.Member(e.Urn) as JsonObject))
            .Where(e => e.Container is not null)
            .Select(e => (e.Urn, Attribute: ResourceShape.Pick(e.Container!
                .Where(p => p.Value is JsonValue && !shape.IsAlways(p.Key, e.Urn)).Select(p => p.Key).ToList(), "employeeNumber")))
            .FirstOrDefault(e => e.Attribute is not null);
        if (urn is null || attribute is null)
            throw new PrerequisiteException($"the User read back holds no extension value although one was sent for {ScimJson.List(shape.Extensions.Select(e => e.Urn))} (see lifecycle.enterprise.round-trip)");
        var selection = new AttributeSelection(shape, $"{urn}:{attribute}");
        var projected = await ReadWithAsync(subject, "attributes", selection.Parameter);

        var problems = new List<string>();
        var expected = ((JsonObject)stored.Member(urn)!).Member(attribute);
        var actual = (projected.Member(urn) as JsonObject)?.Member(attribute);
        if (!JsonNode.DeepEquals(actual, expected))
            problems.Add($"`{urn}:{attribute}` is {ScimJson.Describe(actual)}, stored {ScimJson.Describe(expected)}");
        var extra = selection.Unrequested(projected);
        if (extra.Count > 0)
            problems.Add($"unrequested attributes returned: {ScimJson.List(extra.Select(e => $"`{e}`"))}");
        Expect.NoProblems(problems, "an extension attribute could not be selected by its URN path",
            $"`{attribute}` {ScimJson.Describe(expected)} inside `{urn}`, and no other attribute but `id` and `schemas`");
    }

    [Check("retrieval.attribute-names-case-insensitive", "Attribute names in attributes and excludedAttributes ignore case",
        References = ["RFC7644 §3.10", "RFC7643 §2.1"], Rows = ["RFC7644-3.10-NAMES-CASE-INSENSITIVE-PARAMS"], Tags = ["attributes", "excludedAttributes", "users", "case"],
        Requirement = "Attribute names are case-insensitive, also in query parameters: attributes=USERNAME,NAME.FAMILYNAME returns the same attributes as attributes=userName,name.familyName, and excludedAttributes=EMAILS the same as excludedAttributes=emails.")]
    public async Task NamesCaseInsensitive()
    {
        var subject = await RichUserAsync();
        var stored = await ReadStoredAsync(subject);
        var candidates = subject.Shape.DefaultAttributesIn(stored);
        var selected = new List<string> { "userName" };
        if (ComplexWithSubAttributes(subject, stored) is var (attribute, sub))
            selected.Add($"{attribute}.{sub}");
        var excluded = ResourceShape.Pick(candidates.Where(c => !ResourceShape.Is(c, "userName")).ToList(), "emails")
            ?? throw new PrerequisiteException("the User read back holds no attribute returned by default to exclude");

        var problems = new List<string>();
        foreach (var (parameter, value) in new[] { ("attributes", string.Join(",", selected)), ("excludedAttributes", excluded) })
        {
            var reference = await ReadAsync(subject.Type, subject.Id, Query(parameter, value));
            if (reference.Status != 200 || reference.JsonObject is not { } expected)
                throw new PrerequisiteException($"{reference.Summary}: `{parameter}` with names as the schema spells them is not served (see retrieval.attributes and retrieval.excluded-attributes)");
            var shouted = value.ToUpperInvariant();
            var response = await ReadAsync(subject.Type, subject.Id, Query(parameter, shouted));
            if (response.Status != 200 || response.JsonObject is not { } actual)
            {
                problems.Add($"{parameter}={shouted} answered {response.Status} where {parameter}={value} answered 200");
                continue;
            }
            var want = Members(expected);
            var got = Members(actual);
            if (!want.SetEquals(got))
                problems.Add($"{parameter}={shouted} returned {ScimJson.List(got.Order())} where {parameter}={value} returned {ScimJson.List(want.Order())}");
        }
        Expect.NoProblems(problems, "attribute names in query parameters were matched case-sensitively",
            "the same attributes whatever the letter case of the names in `attributes` and `excludedAttributes`");
    }

    /// <summary>Which members a representation holds, lower-cased, one level into complex values: <c>name</c>,
    /// <c>name.familyname</c>, <c>emails</c>, <c>emails.value</c>…</summary>
    private static HashSet<string> Members(JsonObject resource)
    {
        var members = new HashSet<string>();
        foreach (var (key, value) in resource)
        {
            if (!ResourceShape.Present(value))
                continue;
            var name = key.ToLowerInvariant();
            members.Add(name);
            var objects = value switch
            {
                JsonObject single => [single],
                JsonArray many => many.OfType<JsonObject>(),
                _ => [],
            };
            foreach (var sub in objects.SelectMany(o => o.Where(p => ResourceShape.Present(p.Value)).Select(p => p.Key)))
                members.Add($"{name}.{sub.ToLowerInvariant()}");
        }
        return members;
    }

    /// <summary>Reads the subject with attributes=<paramref name="parameter"/> (a name that selects userName) and says
    /// what differs from "userName as stored, and nothing else but what is returned always" (meta aside), with the read.</summary>
    private async Task<(List<string> Problems, JsonObject Projected)> UserNameOnlyProblemsAsync(Subject subject, JsonObject stored, string parameter)
    {
        var selection = new AttributeSelection(subject.Shape, parameter);
        var projected = await ReadWithAsync(subject, "attributes", selection.Parameter);
        var problems = new List<string>();
        if (!JsonNode.DeepEquals(projected.Member("userName"), stored.Member("userName")))
            problems.Add($"`userName` is {ScimJson.Describe(projected.Member("userName"))}, stored {ScimJson.Describe(stored.Member("userName"))}");
        var extra = selection.Unrequested(projected);
        if (extra.Count > 0)
            problems.Add($"unrequested attributes returned: {ScimJson.List(extra.Select(e => $"`{e}`"))}");
        return (problems, projected);
    }
}
