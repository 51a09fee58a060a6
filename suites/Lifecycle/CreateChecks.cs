using System.Text.Json.Nodes;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Suites.Kit.PerType;

namespace Scim.Conformance.Suites.Lifecycle;

/// <summary>RFC 7644 §3.3 and RFC 7643 §3.1: creating resources with POST, for every resource type the server
/// exposes (including ones this suite has never seen: the bodies are built from the server's own schemas).</summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class CreateChecks : LifecycleCheck
{
    [Check("lifecycle.create.status-201", "A successful create answers 201 Created",
        References = ["RFC7644 §3.3"], Rows = ["RFC7644-3.3-CREATE-201"], Tags = ["create"],
        Requirement = "POST of a valid resource to a resource type's endpoint answers 201 Created. Checked for every resource type, with a body holding the required attributes.")]
    public async Task Status201()
    {
        var problems = new List<string>();
        foreach (var type in await ResourceTypesAsync())
        {
            var response = await Resources.CreateMinimalAsync(type);
            if (response.Status != 201)
                problems.Add($"{ResourceFactory.NameOf(type)}: {response.Summary}");
        }
        Expect.NoProblems(problems, "a valid create did not answer 201 Created", "HTTP 201 for every resource type");
    }

    [Check("lifecycle.create.location", "A create names the new resource in Location, equal to meta.location",
        References = ["RFC7644 §3.3", "RFC7643 §3.1"], Rows = ["RFC7644-3.3-CREATE-LOCATION"], Tags = ["create", "meta"], PerResourceType = true,
        Requirement = "The 201 response carries a Location header with the new resource's URI, equal to `meta.location` in the body, and a GET of it returns the resource. Judged on every advertised resource type.")]
    public Task Location() => ForEachResourceTypeAsync(async type =>
    {
        var response = await Resources.CreateMinimalAsync(type.ResourceType);
        if (response.Status is < 200 or >= 300)
            throw new PrerequisiteException($"a minimal {type.Name} could not be created: {response.Summary} (see lifecycle.create.status-201)");
        var header = response.Header("Location");
        var metaLocation = response.JsonObject?.Path("meta.location");
        var expected = "a Location header equal to meta.location, which GET resolves to the new resource";
        Expect.That(header is not null, $"POST {type.Endpoint} answered {response.Summary} without a Location header", expected, "no Location header");
        var problems = new List<string>();
        if (!metaLocation.IsString() || metaLocation!.GetValue<string>() != header)
            problems.Add($"Location {header} but meta.location {ScimJson.Describe(metaLocation)}");
        if (Target.IsUnderBaseUrl(Target.Resolve(header)))
        {
            var read = await Scim.GetAsync(header);
            if (read.Status != 200 || read.JsonObject?.StringMember("id") != response.JsonObject?.StringMember("id"))
                problems.Add($"GET of the Location answered {read.Status}, not the new resource");
        }
        else
        {
            problems.Add($"Location {header} is not under the base URL {Target.BaseUrl}");
        }
        Expect.NoProblems(problems, $"a create of a {type.Name} did not name the new resource in the Location header", expected);
    });

    [Check("lifecycle.create.body", "A create returns the new resource",
        References = ["RFC7644 §3.3"], Rows = ["RFC7644-3.3-CREATE-BODY"], Tags = ["create"],
        Requirement = "The 201 response body is the server's representation of the new resource: it has `id`, `schemas`, `meta` and the values submitted.")]
    public async Task Body()
    {
        var userType = await UserTypeAsync();
        var body = await Resources.MinimalAsync(userType);
        var response = await Resources.CreateAsync(userType, body);
        if (response.Status != 201)
            throw new PrerequisiteException($"a minimal user could not be created: {response.Summary} (see lifecycle.create.status-201)");
        var created = response.JsonObject;
        var missing = new List<string>();
        foreach (var member in new[] { "id", "schemas", "meta" })
        {
            if (created?.Member(member) is null)
                missing.Add($"`{member}`");
        }
        var userName = body.StringMember("userName");
        if (userName is not null && !string.Equals(created?.StringMember("userName"), userName, StringComparison.OrdinalIgnoreCase))
            missing.Add("the submitted userName");
        Expect.NoProblems(missing, "the 201 body is not the new resource", "a body with id, schemas, meta and the submitted userName");
    }

    [Check("lifecycle.create.server-assigns-id", "The server assigns the id; a client-chosen id is not used",
        References = ["RFC7643 §3.1", "RFC7644 §3.3"], Rows = ["RFC7643-3.1-ID-SERVER-ASSIGNED"], Tags = ["create", "id"],
        Requirement = "`id` is assigned by the service provider and is readOnly: a POST carrying an `id` either gets it ignored (201 with a server-assigned id) or is refused with 400; the client's value is never used.")]
    public async Task ServerAssignsId()
    {
        var chosen = Target.Prefix.Name("client-chosen-id");
        var userType = await UserTypeAsync();
        var body = await Resources.MinimalAsync(userType);
        body["id"] = chosen;
        var response = await Resources.CreateAsync(userType, body);
        if (response.Status == 400)
            return; // refusing the readOnly value is allowed
        Expect.That(response.Status == 201, "a create carrying an id neither succeeded nor was refused with 400",
            "HTTP 201 (id ignored) or 400", response.Summary);
        var id = response.JsonObject?.StringMember("id");
        Expect.That(id is not null && id != chosen, "the server used the id the client chose",
            $"a server-assigned id, not \"{chosen}\"", $"id {ScimJson.Describe(response.JsonObject?.Member("id"))}");
    }

    [Check("lifecycle.create.client-meta-ignored", "meta sent by a client is ignored",
        References = ["RFC7643 §3.1"], Rows = ["RFC7643-3.1-META-CLIENT-IGNORED"], Tags = ["create", "meta"],
        Requirement = "`meta` and its sub-attributes are readOnly and assigned by the server: a POST carrying meta.created, meta.resourceType and meta.location gets the server's own values.")]
    public async Task ClientMetaIgnored()
    {
        const string fakeCreated = "2001-01-01T00:00:00Z";
        var fakeLocation = $"https://{Target.Prefix.Value}.invalid/elsewhere";
        var user = await CreateUserAsync(adjust: body => body["meta"] = new JsonObject
        {
            ["created"] = fakeCreated,
            ["resourceType"] = "Group",
            ["location"] = fakeLocation,
        });
        var read = await ReadOrSkipAsync(await UserTypeAsync(), IdOf(user));
        var kept = new List<string>();
        if (read.Path("meta.created")?.ToString() == fakeCreated)
            kept.Add($"meta.created {fakeCreated}");
        if (read.Path("meta.resourceType")?.ToString() == "Group")
            kept.Add("meta.resourceType \"Group\"");
        if (read.Path("meta.location")?.ToString() == fakeLocation)
            kept.Add($"meta.location {fakeLocation}");
        Expect.NoProblems(kept, "the server kept meta values the client sent", "server-assigned meta.created, meta.resourceType and meta.location");
    }

    [Check("lifecycle.create.read-only-ignored", "readOnly attributes in a create are ignored",
        References = ["RFC7644 §3.3", "RFC7643 §2.2", "RFC7643 §4.1.2"], Rows = ["RFC7644-3.3-CREATE-READONLY-IGNORED", "RFC7643-4.1.2-GROUPS-READONLY"], Tags = ["create", "groups", "mutability"],
        TypeNeeds = [TypeNeed.ReadOnlyAttribute],
        Requirement = "Values a POST gives to attributes the type's schema declares readOnly (a User's `groups` — membership changes only through the Group — an Agent's groups and applications, an AgenticApplication's lastAccessed) are ignored: the resource is created without them (or the request is refused with 400). Judged on every advertised resource type with a readOnly attribute.")]
    public Task ReadOnlyIgnored() => ForEachResourceTypeAsync(async type =>
    {
        var problems = new List<string>();
        foreach (var attribute in type.With(TypeNeed.ReadOnlyAttribute))
        {
            var sent = await ReadOnlySampleAsync(type, attribute);
            var body = await Resources.MinimalAsync(type.ResourceType);
            attribute.SetIn(body, sent.DeepClone());
            var response = await Resources.CreateAsync(type.ResourceType, body);
            if (response.Status == 400)
                continue; // refusing a readOnly value is allowed too
            if (response.Status != 201 || response.JsonObject?.StringMember("id") is not { } id)
            {
                problems.Add($"with {attribute.Path}: {response.Summary}, neither a created resource nor 400");
                continue;
            }
            var kept = attribute.ValueIn(await ReadOrSkipAsync(type.ResourceType, id));
            if (HeldValues.Holds(kept, sent))
                problems.Add($"{attribute.Path} sent as {ScimJson.Describe(sent)} was stored: GET returns {ScimJson.Describe(kept)}");
        }
        Expect.NoProblems(problems, $"a create of a {type.Name} kept a value the client sent for a readOnly attribute",
            "HTTP 201 with every readOnly value sent ignored (or 400)");
    });

    [Check("lifecycle.create.uniqueness", "A create that duplicates a unique value answers 409 uniqueness",
        References = ["RFC7644 §3.3", "RFC7644 §3.12", "RFC7643 §4.1.1"], Rows = ["RFC7644-3.3-UNIQUENESS-409", "RFC7643-4.1.1-USERNAME-UNIQUE"], Tags = ["create", "uniqueness"],
        TypeNeeds = [TypeNeed.UniqueAttribute],
        Requirement = "When an attribute is declared `uniqueness: server` (userName; an Agent's name), creating a second resource with the same value answers 409 Conflict with scimType \"uniqueness\". Judged on every advertised resource type with such an attribute.")]
    public Task Uniqueness() => ExpectDuplicatesRefusedAsync(TypeNeed.UniqueAttribute, value => value, "the same value");

    [Check("lifecycle.create.uniqueness-case", "A unique value that differs only in case is a duplicate",
        References = ["RFC7644 §3.3", "RFC7643 §4.1.1", "RFC7643 §2.2"], Rows = ["RFC7644-3.3-UNIQUENESS-CASE", "RFC7643-4.1.1-USERNAME-CASE-INSENSITIVE"], Tags = ["create", "uniqueness"],
        TypeNeeds = [TypeNeed.CaseInsensitiveUniqueAttribute],
        Requirement = "A unique attribute with `caseExact: false` (userName; an Agent's name) compares case-insensitively, so a value differing only in letter case is a duplicate: 409 uniqueness. Judged on every advertised resource type with such an attribute.")]
    public Task UniquenessCase() => ExpectDuplicatesRefusedAsync(TypeNeed.CaseInsensitiveUniqueAttribute, AsciiCaseVariant, "the same value in another letter case");

    [Check("lifecycle.create.required-attributes", "A create without a required attribute is refused with 400",
        References = ["RFC7643 §2.2", "RFC7643 §4.1.1", "RFC7644 §3.3", "RFC7644 §3.12"], Rows = ["RFC7643-4.1.1-USERNAME-REQUIRED", "RFC7644-3.12-400-INVALIDVALUE", "AGT-N07", "AGT-N08", "RFC7643-7-SCHEMA-MATCHES-BEHAVIOUR"], Tags = ["create", "required"],
        TypeNeeds = [TypeNeed.RequiredAttribute],
        Requirement = "Each attribute the schema declares `required: true` must be supplied: a POST without it answers 400 (scimType invalidValue), for every resource type and every required attribute.")]
    public Task RequiredAttributes() => ForEachResourceTypeAsync(async type =>
    {
        var minimal = await Resources.MinimalAsync(type.ResourceType);
        // Only what the minimal body carries: an attribute of an extension the body leaves out is not omitted by leaving it out.
        var required = type.With(TypeNeed.RequiredAttribute).Where(a => a.ValueIn(minimal) is not null).ToList();
        if (required.Count == 0)
            throw new NotApplicableException($"no required attribute of {type.Name} is in a minimal body");
        // The identifying attribute of a User (userName) and of the agent types (name) is REQUIRED by the text itself;
        // any other attribute is required only because this server's schema says so, which RFC 7643 §7 states
        // declaratively (the schema describes the server's behaviour): that omission is graded at its own level.
        var byText = new List<string>();
        var bySchema = new List<string>();
        foreach (var attribute in required)
        {
            var body = (JsonObject)minimal.DeepClone();
            attribute.RemoveFrom(body);
            var response = await Resources.CreateAsync(type.ResourceType, body);
            if (response.Status != 400)
                (RequiredByText(type, attribute.Path) ? byText : bySchema).Add($"without {attribute.Path}: {response.Summary}");
        }
        Expect.NoProblems(byText, $"a create of a {type.Name} missing an attribute the specification makes REQUIRED was not refused", "HTTP 400 for every omission");
        Expect.NoProblems(bySchema, $"a create of a {type.Name} missing an attribute its schema declares required was not refused",
            "HTTP 400 for every omission", LevelOf("RFC7643-7-SCHEMA-MATCHES-BEHAVIOUR"));
    });

    [Check("lifecycle.create.username-not-empty", "An empty userName is refused",
        References = ["RFC7643 §4.1.1"], Rows = ["RFC7643-4.1.1-USERNAME-NONEMPTY"], Tags = ["create", "required"],
        Requirement = "Each User MUST include a non-empty userName: a POST with \"userName\": \"\" answers 400.")]
    public async Task UserNameNotEmpty()
    {
        var userType = await UserTypeAsync();
        var body = await Resources.MinimalAsync(userType);
        body["userName"] = "";
        var response = await Resources.CreateAsync(userType, body);
        Expect.That(response.Status == 400, "a user with an empty userName was not refused", "HTTP 400", response.Summary);
    }

    [Check("lifecycle.create.schemas-required", "A create without `schemas` is refused",
        References = ["RFC7643 §3", "RFC7644 §3.3"], Rows = ["RFC7644-3.3-CREATE-SCHEMAS-MISSING", "RFC7643-3-SCHEMAS-PRESENT"], Tags = ["create", "schemas"],
        Requirement = "`schemas` is REQUIRED in every SCIM representation, requests included: a POST body without it answers 400 (invalidSyntax or invalidValue). Many servers accept it; that is still a deviation.")]
    public async Task SchemasRequired()
    {
        var userType = await UserTypeAsync();
        var body = await Resources.MinimalAsync(userType);
        body.Remove("schemas");
        var response = await Resources.CreateAsync(userType, body);
        Expect.That(response.Status == 400, "a create without `schemas` was accepted", "HTTP 400", response.Summary);
    }

    [Check("lifecycle.create.group-display-name-required", "A group without displayName is refused",
        References = ["RFC7643 §4.2"], Rows = ["RFC7643-4.2-DISPLAYNAME-REQUIRED"], Tags = ["create", "required", "groups"],
        Requirement = "RFC 7643 §4.2 makes a Group's displayName REQUIRED, while its §8.7.1 schema figure marks it optional: the text contradicts itself, so a server that accepts POST /Groups without displayName is recorded (Info), not failed; refusing it with 400 passes.")]
    public async Task GroupDisplayNameRequired()
    {
        var groupType = await GroupTypeAsync();
        var body = await Resources.MinimalAsync(groupType);
        body.Remove("displayName");
        var response = await Resources.CreateAsync(groupType, body);
        Expect.That(response.Status == 400, "a group without displayName was accepted", "HTTP 400", response.Summary);
    }

    [Check("lifecycle.create.group-display-name-duplicates", "Duplicate group names are refused only if the schema says they are unique",
        References = ["RFC7643 §4.2", "RFC7643 §7", "RFC7643 §8.7.1"], Rows = ["RFC7643-7-SCHEMA-MATCHES-BEHAVIOUR", "RFC7644-3.3-CREATE-GROUP-UNIQUE-OPTIONAL", "RFC7644-3.3-UNIQUENESS-409"], Tags = ["create", "uniqueness", "groups"],
        Requirement = "Group displayName is not unique in RFC 7643's schema, so two groups with the same displayName are both created — unless the server's own /Schemas declares displayName `uniqueness: server`, in which case the second answers 409 uniqueness. Behaviour must match the declaration.")]
    public async Task GroupDisplayNameDuplicates()
    {
        var groupType = await GroupTypeAsync();
        var declared = (await UniqueAttributesAsync(groupType)).Any(a => a.StringMember("name") == "displayName");
        var first = await Resources.MinimalAsync(groupType);
        first["displayName"] = Target.Prefix.Name("Gleiche Gruppe");
        await Resources.CreateOrSkipAsync(groupType, (JsonObject)first.DeepClone());
        var second = await Resources.CreateAsync(groupType, first);
        if (declared)
            Expect.That(second.Status == 409, "a displayName the schema declares unique was accepted twice", "HTTP 409 uniqueness", second.Summary);
        else
            Expect.That(second.Status == 201, "a duplicate displayName was refused although the schema does not declare it unique",
                "HTTP 201 (displayName has uniqueness none)", second.Summary);
    }

    [Check("lifecycle.create.null-not-defaulted", "null and [] in a create leave the attribute unassigned",
        References = ["RFC7644 §3.3", "RFC7643 §2.5"], Rows = ["RFC7643-2.5-NULL-UNASSIGNED", "RFC7644-3.3-CREATE-DEFAULTS"], Tags = ["create", "defaults"],
        Requirement = "A server MAY default attributes a client omits, but a client that sends null (single-valued) or [] (multi-valued) asserts \"no value\": the created user has no nickName and no emails.")]
    public async Task NullNotDefaulted()
    {
        var userType = await UserTypeAsync();
        // The single-valued attribute is incidental: any optional settable string the schema declares (nickName where it does).
        var single = await AttributeAsync(userType, AttributeNeed.SettableOptionalString);
        var body = await Resources.MinimalAsync(userType);
        body[single] = null;
        body["emails"] = new JsonArray();
        await Resources.AcceptableWithoutAsync(userType, body, "emails");
        // The create with null and [] is the request judged: refusing it treats "no value" as a wrong value.
        var created = await Resources.CreateAsync(userType, body);
        Expect.That(created.Status is not (400 or 409 or 422), $"a create whose optional {single} is null and emails [] was refused, although null and [] mean unassigned",
            "HTTP 201, the attributes left unassigned", $"{created.Summary}{ErrorReplies.DetailHint(created)}");
        if (created.Status is < 200 or >= 300 || created.JsonObject?.StringMember("id") is null)
            throw new PrerequisiteException($"a User could not be created: {created.Summary}{ErrorReplies.DetailHint(created)}");
        var user = created.JsonObject!;
        var read = await ReadOrSkipAsync(userType, IdOf(user));
        var assigned = new List<string>();
        if (read.Member(single) is JsonValue value)
            assigned.Add($"{single} {ScimJson.Describe(value)}");
        if (read.Member("emails") is JsonArray { Count: > 0 } emails)
            assigned.Add($"{emails.Count} email(s)");
        Expect.NoProblems(assigned, "attributes the client set to null or [] were given values", $"no {single} and no emails");
    }

    [Check("lifecycle.create.round-trip", "Every value written is stored: a fresh read returns it",
        References = ["RFC7643 §4.1.1", "RFC7643 §4.1.2", "RFC7644 §3.3"], Rows = ["RFC7643-4.1.1-DISPLAYNAME-ETC", "RFC7643-4.1.2-MV-ROUNDTRIP"], Tags = ["create", "round-trip"],
        Requirement = "After a POST with every writable attribute (multi-valued ones with type and primary), a fresh GET returns each value sent (strings compared case-insensitively where caseExact is false). A server that only echoes the request in its 201 is caught by the GET.")]
    public async Task RoundTrip()
    {
        var problems = new List<string>();
        var discovery = await DiscoveryAsync();
        foreach (var type in await ResourceTypesAsync())
        {
            var sent = await Resources.RichAsync(type);
            var created = await Resources.CreateOrSkipAsync(type, sent);
            var read = await ReadOrSkipAsync(type, IdOf(created));
            foreach (var difference in SentValues.Differences(sent, read, discovery))
                problems.Add($"{ResourceFactory.NameOf(type)}: {difference}");
        }
        Expect.NoProblems(problems, "a value written was not returned by a fresh read", "every value sent, returned by GET");
    }

    private Task ExpectDuplicatesRefusedAsync(TypeNeed need, Func<string, string> variant, string how) => ForEachResourceTypeAsync(async type =>
    {
        var problems = new List<string>();
        foreach (var attribute in type.With(need))
        {
            var first = await Resources.MinimalAsync(type.ResourceType);
            if (attribute.ValueIn(first) is not JsonValue value || !value.IsString())
                attribute.SetIn(first, Target.Prefix.Name(attribute.Name));
            var taken = attribute.ValueIn(first)!.GetValue<string>();
            await Resources.CreateOrSkipAsync(type.ResourceType, first);
            var second = await Resources.MinimalAsync(type.ResourceType);
            attribute.SetIn(second, variant(taken));
            var response = await Resources.CreateAsync(type.ResourceType, second);
            var scimType = response.JsonObject?.StringMember("scimType");
            if (response.Status != 409 || scimType != "uniqueness")
                problems.Add($"{attribute.Path} with {how}: {response.Summary}, scimType {ScimJson.Describe(response.JsonObject?.Member("scimType"))}");
        }
        Expect.NoProblems(problems, $"a create of a {type.Name} with {how} as an existing unique value was not refused as a duplicate",
            "HTTP 409 with scimType \"uniqueness\"");
    });

    /// <summary>userName of a User, name of an Agent or AgenticApplication: required by the specification's own words.</summary>
    private static bool RequiredByText(ResourceTypeUnderTest type, string path) =>
        (type.ResourceType.StringMember("schema"), path) is (ScimUrns.User, "userName") or (ScimUrns.Agent, "name") or (ScimUrns.AgenticApplication, "name");
}
