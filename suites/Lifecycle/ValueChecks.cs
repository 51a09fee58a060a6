using System.Text.Json;
using System.Text.Json.Nodes;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Suites.Kit.PerType;

namespace Scim.Conformance.Suites.Lifecycle;

/// <summary>RFC 7643 §2.3 and §2.4: value types, and the rules of multi-valued attributes.</summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class ValueChecks : LifecycleCheck
{
    [Check("lifecycle.user.active-boolean", "active is stored and returned as a JSON boolean",
        References = ["RFC7643 §4.1.1", "RFC7643 §2.3.2"], Rows = ["RFC7643-4.1.1-ACTIVE", "RFC7643-2.3-TYPES"], Tags = ["types"],
        Requirement = "`active` is a Boolean: a user created with active false reads back as the JSON literal false, not a string.")]
    public async Task ActiveBoolean()
    {
        await RequireUserAttributeAsync("active");
        var user = await CreateUserAsync(adjust: body => body["active"] = false);
        var active = (await ReadOrSkipAsync(await UserTypeAsync(), IdOf(user))).Member("active");
        Expect.That(active is JsonValue v && v.GetValueKind() == JsonValueKind.False, "active did not come back as the boolean false",
            "the JSON literal false", ScimJson.Describe(active));
    }

    [Check("lifecycle.multi-valued.primary-once", "At most one value of a multi-valued attribute is primary",
        References = ["RFC7643 §2.4"], Rows = ["RFC7643-2.4-PRIMARY-ONCE"], Tags = ["multi-valued"],
        TypeNeeds = [TypeNeed.PrimaryMultiValued],
        Requirement = "The primary attribute value \"true\" MUST appear no more than once: a create with two primary values in one multi-valued attribute (a User's emails, an Agent's entitlements, an AgenticApplication's applicationUrls) is refused with 400, or stored with at most one primary. Judged on every advertised resource type with such an attribute.")]
    public Task PrimaryOnce() => ForEachResourceTypeAsync(async type =>
    {
        var attribute = type.First(TypeNeed.PrimaryMultiValued, "emails")!;
        var body = await Resources.MinimalAsync(type.ResourceType);
        attribute.SetIn(body, new JsonArray(TwoPrimaryValues(attribute).ToArray<JsonNode>()));
        var response = await Resources.CreateAsync(type.ResourceType, body);
        if (response.Status == 400)
            return;
        Expect.That(response.Status == 201, $"a create of a {type.Name} with two primary {attribute.Path} values neither succeeded nor was refused with 400", "HTTP 201 or 400", response.Summary);
        var read = await ReadOrSkipAsync(type.ResourceType, response.JsonObject!.StringMember("id")!);
        var primaries = (attribute.ValueIn(read) as JsonArray ?? []).OfType<JsonObject>().Count(e => e.Member("primary").IsTrue());
        Expect.That(primaries <= 1, $"two values of {type.Name}.{attribute.Path} are primary", $"at most one primary value of {attribute.Path}", $"{primaries} primary values");
    });

    /// <summary>Two distinct values of the attribute, both primary: each with its value sub-attribute (an email
    /// address for emails, a URL for a reference or a URL-named attribute) and, where type has canonical values,
    /// two different ones.</summary>
    private IEnumerable<JsonObject> TwoPrimaryValues(TypedAttribute attribute)
    {
        var subs = (attribute.Definition.Member("subAttributes") as JsonArray ?? []).OfType<JsonObject>().ToList();
        var valueSub = subs.FirstOrDefault(s => s.StringMember("name") == "value");
        var canonicalTypes = subs.FirstOrDefault(s => s.StringMember("name") == "type")?.StringArray("canonicalValues") ?? [];
        foreach (var (tail, index) in new[] { ("a", 0), ("b", 1) })
        {
            var value = new JsonObject();
            if (valueSub is not null)
            {
                var text = Target.Prefix.Name(tail).ToLowerInvariant();
                value["value"] = attribute.Name.Equals("emails", StringComparison.OrdinalIgnoreCase) ? $"{text}@example.com"
                    : valueSub.StringMember("type") == "reference" || attribute.Name.Contains("url", StringComparison.OrdinalIgnoreCase) ? $"https://{text}.example.com/"
                    : valueSub.StringMember("type") == "binary" ? Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text))
                    : text;
            }
            if (canonicalTypes.Count > 0)
                value["type"] = canonicalTypes[index % canonicalTypes.Count];
            value["primary"] = true;
            yield return value;
        }
    }

    [Check("lifecycle.multi-valued.primary-default", "A value sent without primary is not made primary beside another",
        References = ["RFC7643 §2.4"], Rows = ["RFC7643-2.4-PRIMARY-DEFAULT"], Tags = ["multi-valued"],
        Requirement = "An absent `primary` means false; the server may choose one value as the sole primary, but two emails sent without `primary` never read back as two primaries.")]
    public async Task PrimaryDefault()
    {
        await RequireUserAttributeAsync("emails");
        var user = await CreateUserAsync(adjust: body => body["emails"] = new JsonArray(
            new JsonObject { ["value"] = Target.Prefix.Name("c").ToLowerInvariant() + "@example.com", ["type"] = "work" },
            new JsonObject { ["value"] = Target.Prefix.Name("d").ToLowerInvariant() + "@example.com", ["type"] = "home" }));
        var read = await ReadOrSkipAsync(await UserTypeAsync(), IdOf(user));
        var primaries = (read.Member("emails") as JsonArray ?? []).OfType<JsonObject>().Count(e => e.Member("primary").IsTrue());
        Expect.That(primaries <= 1, "values sent without `primary` came back primary", "at most one primary email", $"{primaries} primary emails");
    }

    [Check("lifecycle.multi-valued.no-duplicates", "A multi-valued attribute does not return the same value twice",
        References = ["RFC7643 §2.4"], Rows = ["RFC7643-2.4-NO-DUP-TYPE-VALUE"], Tags = ["multi-valued"],
        Requirement = "Service providers SHOULD NOT return the same (type, value) combination more than once per attribute: a create that sends one email twice reads back with it once (or is refused).")]
    public async Task NoDuplicates()
    {
        await RequireUserAttributeAsync("emails");
        var userType = await UserTypeAsync();
        var body = await Resources.MinimalAsync(userType);
        var email = Target.Prefix.Name("dup").ToLowerInvariant() + "@example.com";
        body["emails"] = new JsonArray(new JsonObject { ["value"] = email, ["type"] = "work" }, new JsonObject { ["value"] = email, ["type"] = "work" });
        var response = await Resources.CreateAsync(userType, body);
        if (response.Status == 400)
            return;
        Expect.That(response.Status == 201, "a create with a repeated email neither succeeded nor was refused", "HTTP 201 or 400", response.Summary);
        var read = await ReadOrSkipAsync(userType, response.JsonObject!.StringMember("id")!);
        var copies = (read.Member("emails") as JsonArray ?? []).OfType<JsonObject>()
            .Count(e => string.Equals(e.StringMember("value"), email, StringComparison.OrdinalIgnoreCase) && e.StringMember("type") == "work");
        Expect.That(copies <= 1, "the same (type, value) pair is returned twice", "the work email once", $"{copies} copies");
    }

    [Check("lifecycle.multi-valued.sub-attribute-types", "primary is a boolean and $ref a URI, wherever they appear",
        References = ["RFC7643 §2.4"], Rows = ["RFC7643-2.4-SUBATTR-MEANING"], Tags = ["multi-valued", "types"],
        Requirement = "The standard sub-attributes keep their defined meanings: `primary` is a Boolean and `$ref` a URI string, in every multi-valued attribute of a resource with every writable attribute set.")]
    public async Task SubAttributeTypes()
    {
        var problems = new List<string>();
        foreach (var type in await ResourceTypesAsync())
        {
            var created = await Resources.CreateOrSkipAsync(type, await Resources.RichAsync(type));
            var read = await ReadOrSkipAsync(type, IdOf(created));
            foreach (var (name, value) in read.Concat(read.Where(p => p.Value is JsonObject && p.Key.StartsWith("urn:", StringComparison.Ordinal)).SelectMany(p => (JsonObject)p.Value!)))
            {
                foreach (var item in (value as JsonArray ?? []).OfType<JsonObject>())
                {
                    if (item.Member("primary") is { } primary && !primary.IsBoolean())
                        problems.Add($"{ResourceFactory.NameOf(type)}.{name}.primary is {ScimJson.Describe(primary)}");
                    if (item.Member("$ref") is { } reference && !(reference.IsString() && Uri.TryCreate(reference.GetValue<string>(), UriKind.RelativeOrAbsolute, out _)))
                        problems.Add($"{ResourceFactory.NameOf(type)}.{name}.$ref is {ScimJson.Describe(reference)}");
                }
            }
        }
        Expect.NoProblems(problems, "a standard sub-attribute has the wrong type", "`primary` booleans and `$ref` URI strings");
    }

    private async Task RequireUserAttributeAsync(string name)
    {
        if ((await DiscoveryAsync()).Attribute(ScimUrns.User, name) is null)
            throw new NotApplicableException($"the User schema has no `{name}` attribute");
    }

    [Check("lifecycle.user.x509-not-base64-refused", "A certificate that is not base64 is refused",
        References = ["RFC7643 §4.1.2", "RFC7643 §2.3.6", "RFC7644 §3.12"], Rows = ["RFC7644-3.12-400-INVALIDVALUE", "RFC7643-4.1.2-X509-BASE64"], Tags = ["types", "certificates"],
        Requirement = "Each x509Certificates value is a base64-encoded DER certificate (binary): a create whose certificate value is not base64 is refused with 400 invalidValue. (A real certificate round-trips: lifecycle.create.round-trip sends one.)")]
    public async Task X509NotBase64Refused()
    {
        await RequireUserAttributeAsync("x509Certificates");
        var userType = await UserTypeAsync();
        var body = await Resources.MinimalAsync(userType);
        body["x509Certificates"] = new JsonArray(new JsonObject { ["value"] = "this is *not* base64 %%" });
        var response = await Resources.CreateAsync(userType, body);
        Expect.That(response.Status == 400, "a certificate value that is not base64 was accepted", "HTTP 400 (invalidValue)", response.Summary);
    }
}
