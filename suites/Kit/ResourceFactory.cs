using System.Text.Json.Nodes;
using Bogus;

namespace Scim.Conformance.Suites.Kit;

/// <summary>Builds resources from the server's own schemas, so any resource type — even one this suite has never
/// heard of — can be created. <see cref="MinimalAsync"/> fills only what is required; <see cref="RichAsync"/> fills
/// every writable attribute, multi-valued ones with two values of which exactly one is primary, canonical values
/// where the schema lists them, and the resource type's extensions. Strings carry the run prefix (so the run touches
/// only what it made) and realistic, mixed-case, non-ASCII text from Bogus. Attributes that refer to other resources
/// (members, groups, manager…) are left out: a check that needs them sets them to resources it created. Bodies are
/// built from the working discovery view (repaired from RFC 7643 §8.7.1 when discovery is broken), always carry the
/// type's identifying attribute, start from the creation rule learned for the type (see <see cref="LearnAsync"/>),
/// and take the target's configured template last.</summary>
public sealed class ResourceFactory(CheckContext context)
{
    private static readonly string[] Locales = ["de", "fr", "ja", "pt_BR", "sv", "pl", "tr"];

    /// <summary>A minimal valid body for the resource type: its core schema URN and every required attribute.</summary>
    public Task<JsonObject> MinimalAsync(JsonObject resourceType) => BuildAsync(resourceType, rich: false);

    /// <summary>A body with every writable attribute of the core schema and of the type's extensions.</summary>
    public Task<JsonObject> RichAsync(JsonObject resourceType) => BuildAsync(resourceType, rich: true);

    /// <summary>Creates a minimal resource of the type and records it in the ledger. Returns the create response.</summary>
    public async Task<ScimResponse> CreateMinimalAsync(JsonObject resourceType) =>
        await CreateAsync(resourceType, await MinimalAsync(resourceType));

    /// <summary>POSTs the body to the type's endpoint and records what was created in the ledger.</summary>
    public async Task<ScimResponse> CreateAsync(JsonObject resourceType, JsonObject body, string query = "")
    {
        var endpoint = EndpointOf(resourceType);
        var response = await context.Client.PostAsync(endpoint.TrimStart('/') + query, body);
        context.Ledger.Track(response, endpoint);
        return response;
    }

    /// <summary>Makes a body the check deliberately leaves without <paramref name="attribute"/> (a User with
    /// <c>"emails": []</c>) acceptable all the same: when the rule learned for the type needs that very attribute, an
    /// alternative the server also accepted is used instead (an email-shaped userName for a work email). When there is
    /// none, the check is NotApplicable: this server cannot hold such a resource, which the RFC allows.</summary>
    public async Task AcceptableWithoutAsync(JsonObject resourceType, JsonObject body, string attribute)
    {
        var discovery = await context.WorkingDiscoveryAsync();
        resourceType = discovery.WorkingTypeFor(resourceType);
        var rule = await context.Session.CreationRules.ForAsync(NameOf(resourceType), () => LearnAsync(discovery, resourceType));
        var needsIt = (rule.Needs.HasFlag(CreationNeeds.WorkEmail) && string.Equals(attribute, "emails", StringComparison.OrdinalIgnoreCase))
            || rule.Needs.HasFlag(CreationNeeds.EveryAttribute);
        if (!needsIt)
            return;
        if (rule.Alternatives.FirstOrDefault(a => a == CreationNeeds.EmailUserName) is CreationNeeds.EmailUserName)
        {
            Adapt(discovery, resourceType, body, CreationNeeds.EmailUserName);
            context.NoteAdaptation($"{rule.Note}; this check's {NameOf(resourceType)} without {attribute} had an email-shaped userName instead, which the server also accepted");
            context.AddAdaptationEvidence(rule.Note!, rule.Evidence);
            return;
        }
        throw new NotApplicableException($"the server accepts no {NameOf(resourceType)} without {attribute} ({rule.Note}), so one cannot be sent");
    }

    /// <summary>Creates a resource and returns its representation, or makes the check Skipped naming why it could not.</summary>
    public async Task<JsonObject> CreateOrSkipAsync(JsonObject resourceType, JsonObject body)
    {
        var response = await CreateAsync(resourceType, body);
        if (response.Status is < 200 or >= 300 || response.JsonObject?.StringMember("id") is null)
            throw new PrerequisiteException($"a {NameOf(resourceType)} could not be created: {response.Summary}{Detail(response)}");
        return response.JsonObject!;
    }

    /// <summary>Creates one user per entry of <paramref name="members"/>: a minimal user named
    /// <c>{cohort prefix}-{tail}</c>, adjusted by the entry's action. Each is recorded in the ledger.</summary>
    public async Task<Cohort> CreateUserCohortAsync(JsonObject userType, params (string Tail, Action<JsonObject>? Adjust)[] members)
    {
        var cohort = new Cohort(context.Session.Prefix.Name("q"), userType);
        foreach (var (tail, adjust) in members)
        {
            var body = await MinimalAsync(userType);
            body["userName"] = cohort.UserName(tail);
            adjust?.Invoke(body);
            cohort.Add(await CreateOrSkipAsync(userType, body));
        }
        return cohort;
    }

    public static string EndpointOf(JsonObject resourceType) => resourceType.StringMember("endpoint")
        ?? throw new PrerequisiteException($"resource type {NameOf(resourceType)} has no endpoint");

    public static string NameOf(JsonObject resourceType) =>
        resourceType.StringMember("name") ?? resourceType.StringMember("id") ?? "(unnamed resource type)";

    private static string Detail(ScimResponse response) =>
        response.JsonObject?.StringMember("detail") is { } d ? $" ({ScimJson.Abbreviate(d, 120)})" : "";

    private async Task<JsonObject> BuildAsync(JsonObject resourceType, bool rich)
    {
        var discovery = await context.WorkingDiscoveryAsync();
        resourceType = discovery.WorkingTypeFor(resourceType);
        var body = BuildPlain(discovery, resourceType, rich);
        var rule = await context.Session.CreationRules.ForAsync(NameOf(resourceType), () => LearnAsync(discovery, resourceType));
        if (rule.Needs != CreationNeeds.Nothing && rule.Note is { } note)
        {
            Adapt(discovery, resourceType, body, rule.Needs);
            context.NoteAdaptation(note);
            context.AddAdaptationEvidence(note, rule.Evidence);
        }
        if (ApplyTemplate(resourceType, body))
            context.NoteAdaptation($"targets.json resourceTemplates.{NameOf(resourceType)} was merged into every {NameOf(resourceType)} the check created");
        return body;
    }

    private bool ApplyTemplate(JsonObject resourceType, JsonObject body) =>
        context.Session.Options.ResourceTemplates?.ApplyTo(NameOf(resourceType), body, context.Session.Prefix) == true;

    /// <summary>The body from the schema alone: its attributes (required, or all writable when rich), the type's
    /// identifying attribute under the run prefix, and its extensions.</summary>
    private JsonObject BuildPlain(DiscoverySnapshot discovery, JsonObject resourceType, bool rich)
    {
        var schemaUrn = resourceType.StringMember("schema")
            ?? throw new PrerequisiteException($"resource type {NameOf(resourceType)} names no schema");
        var schema = discovery.Schema(schemaUrn)
            ?? throw new PrerequisiteException($"the schema {schemaUrn} of resource type {NameOf(resourceType)} is not in /Schemas");
        var faker = new Faker(Locales[Random.Shared.Next(Locales.Length)]);
        var body = new JsonObject { ["schemas"] = new JsonArray(schemaUrn) };
        Fill(body, schema, rich, faker);
        // The identifying attribute (userName, displayName, name) is always sent, even where the schema makes it
        // optional: a User without one cannot be judged for uniqueness, nor found by `sweep`. It carries the run
        // prefix whatever the schema's type (a hint or a generated value might not), unless the schema fixes its values.
        if (IdentifyingAttributes.For(discovery, resourceType) is { } naming
            && discovery.Attribute(schemaUrn, naming)?.StringArray("canonicalValues") is not { Count: > 0 }
            && !(body[naming] is JsonValue named && named.IsString() && context.Session.Prefix.Owns(named.GetValue<string>())))
            body[naming] = context.Session.Prefix.Name(naming);

        foreach (var extension in (resourceType.Member("schemaExtensions") as JsonArray ?? []).OfType<JsonObject>())
        {
            var required = extension.Member("required").IsTrue();
            if (!(rich || required) || extension.StringMember("schema") is not { } urn || discovery.Schema(urn) is not { } extensionSchema)
                continue;
            var container = new JsonObject();
            Fill(container, extensionSchema, rich, faker);
            if (container.Count == 0)
                continue;
            body[urn] = container;
            ((JsonArray)body["schemas"]!).Add(urn);
        }
        return body;
    }

    /// <summary>Gives <paramref name="body"/> what the learned rule says the server needs, adding only what is absent
    /// (a check's own values stay), except the email-shaped userName, which replaces a generated one.</summary>
    private void Adapt(DiscoverySnapshot discovery, JsonObject resourceType, JsonObject body, CreationNeeds needs)
    {
        if (needs.HasFlag(CreationNeeds.EveryAttribute))
        {
            foreach (var (name, value) in BuildPlain(discovery, resourceType, rich: true).ToList())
            {
                if (name == "schemas")
                    continue;
                if (!body.Any(m => string.Equals(m.Key, name, StringComparison.OrdinalIgnoreCase)))
                {
                    body[name] = value?.DeepClone();
                    if (name.StartsWith("urn:", StringComparison.OrdinalIgnoreCase) && body["schemas"] is JsonArray schemas
                        && !schemas.Any(s => s?.GetValue<string>() == name))
                        schemas.Add(name);
                }
            }
        }
        if (needs.HasFlag(CreationNeeds.WorkEmail) && body["emails"] is not JsonArray { Count: > 0 })
            body["emails"] = new JsonArray(new JsonObject
            {
                ["value"] = $"{context.Session.Prefix.Name("mail")}@example.com".ToLowerInvariant(),
                ["type"] = "work",
                ["primary"] = true,
            });
        if (needs.HasFlag(CreationNeeds.EmailUserName) && IdentifyingAttributes.For(discovery, resourceType) is { } naming
            && !(body[naming] is JsonValue v && v.IsString() && v.GetValue<string>().Contains('@')))
            body[naming] = $"{context.Session.Prefix.Name("user")}@example.com".ToLowerInvariant();
    }

    /// <summary>Learns, once per resource type and run, what the server needs beyond the schema. A plain create of a
    /// minimal body that the server accepts teaches nothing. One refused with 400 is tried once more with a richer body
    /// (every writable attribute, a work email, an email-shaped userName); if that is accepted, the narrowest of those
    /// additions that suffices alone becomes the rule every later body of the type starts from. Everything created
    /// here is deleted at once. A check's own requests are never retried: its data simply starts from the rule.</summary>
    private async Task<CreationRule> LearnAsync(DiscoverySnapshot discovery, JsonObject resourceType)
    {
        var session = context.Session;
        if (session.Options.ReadOnly)
            return CreationRule.None;
        var evidence = new System.Collections.Concurrent.ConcurrentQueue<Scim.Conformance.Reports.Model.Exchange>();
        var client = new ScimClient(session, e => { evidence.Enqueue(e); session.SessionExchanges.Enqueue(e); }, CancellationToken.None);
        var ledger = new ResourceLedger(client);
        var endpoint = EndpointOf(resourceType);
        var name = NameOf(resourceType);
        try
        {
            async Task<ScimResponse> TryAsync(CreationNeeds needs)
            {
                var body = BuildPlain(discovery, resourceType, rich: false);
                Adapt(discovery, resourceType, body, needs);
                ApplyTemplate(resourceType, body);
                var response = await client.PostAsync(endpoint.TrimStart('/'), body);
                ledger.Track(response, endpoint);
                return response;
            }

            var first = await TryAsync(CreationNeeds.Nothing);
            if (first.Status != 400)
                return CreationRule.None;
            var coreUrn = resourceType.StringMember("schema") ?? "";
            var narrower = new List<CreationNeeds>();
            if (discovery.Attribute(coreUrn, "emails") is not null)
                narrower.Add(CreationNeeds.WorkEmail);
            if (IdentifyingAttributes.For(discovery, resourceType) == "userName")
                narrower.Add(CreationNeeds.EmailUserName);
            var everything = narrower.Aggregate(CreationNeeds.EveryAttribute, (all, need) => all | need);
            var richer = await TryAsync(everything);
            if (richer.Status is < 200 or >= 300)
                return CreationRule.None;
            var alternatives = new List<CreationNeeds>();
            foreach (var candidate in narrower)
            {
                if ((await TryAsync(candidate)).Status is >= 200 and < 300)
                    alternatives.Add(candidate);
            }
            var needs = alternatives.Count > 0 ? alternatives[0] : everything;
            var words = Words(needs);
            var note = $"creation rule learned for {name}: a minimal {name} was refused ({first.Summary}{Detail(first)}) and one with {words} was accepted, so every {name} the check created carried {words}";
            return new CreationRule(needs, note, evidence.ToArray(), alternatives);
        }
        catch (Exception e) when (e is HarnessException or HttpRequestException or TimeoutException or OperationCanceledException)
        {
            return CreationRule.None; // nothing learned; each check reports its own refusal
        }
        finally
        {
            await ledger.CleanupAsync();
        }
    }

    private static string Words(CreationNeeds needs) => string.Join(" and ", new[]
    {
        needs.HasFlag(CreationNeeds.EveryAttribute) ? "every declared writable attribute" : null,
        needs.HasFlag(CreationNeeds.WorkEmail) ? "a work email" : null,
        needs.HasFlag(CreationNeeds.EmailUserName) ? "an email-shaped userName" : null,
    }.OfType<string>());

    private void Fill(JsonObject target, JsonObject schema, bool rich, Faker faker)
    {
        foreach (var attribute in Attributes(schema).Where(a => ShouldFill(a, rich)))
        {
            if (attribute.StringMember("name") is { } name)
                target[name] = ValueFor(attribute, name, rich, faker);
        }
    }

    private static IEnumerable<JsonObject> Attributes(JsonObject schemaOrAttribute, string member = "attributes") =>
        schemaOrAttribute.Member(member) is JsonArray a ? a.OfType<JsonObject>() : [];

    private static bool IsWritable(JsonObject attribute) =>
        attribute.StringMember("mutability") is not "readOnly"
        && attribute.StringMember("name") is not ("id" or "meta" or "schemas" or "externalId");

    private static bool ShouldFill(JsonObject attribute, bool rich) =>
        IsWritable(attribute) && (attribute.Member("required").IsTrue() || (rich && !RefersToResources(attribute) && !AllowsNoValue(attribute)));

    /// <summary>An explicitly empty <c>canonicalValues</c> list: a server publishing it may refuse every value
    /// (SCIMMY does for roles.type), so optional attributes declared that way are left out.</summary>
    private static bool AllowsNoValue(JsonObject attribute) => attribute.Member("canonicalValues") is JsonArray { Count: 0 };

    /// <summary>A complex attribute whose <c>$ref</c> points at resources (members, groups, manager) needs real
    /// ids; generated ones would be refused or, worse, dangle.</summary>
    private static bool RefersToResources(JsonObject attribute) =>
        Attributes(attribute, "subAttributes").Any(s => s.StringMember("name") == "$ref"
            && (s.StringArray("referenceTypes") ?? []).Any(t => t is not ("external" or "uri")));

    private JsonNode ValueFor(JsonObject attribute, string path, bool rich, Faker faker)
    {
        if (!attribute.Member("multiValued").IsTrue())
            return SingleValueFor(attribute, path, rich, faker, index: 0);
        var count = rich ? 2 : 1;
        var values = new JsonArray();
        for (var i = 0; i < count; i++)
            values.Add(SingleValueFor(attribute, path, rich, faker, i));
        return values;
    }

    private JsonNode SingleValueFor(JsonObject attribute, string path, bool rich, Faker faker, int index)
    {
        var canonical = attribute.StringArray("canonicalValues");
        switch (attribute.StringMember("type"))
        {
            case "boolean":
                // `primary` is true on the first value only: at most one primary (RFC 7643 §2.4).
                return JsonValue.Create(path.EndsWith(".primary", StringComparison.OrdinalIgnoreCase) ? index == 0 : true);
            case "integer":
                return JsonValue.Create(faker.Random.Int(1, 1000));
            case "decimal":
                return JsonValue.Create(Math.Round(faker.Random.Double(1, 1000), 2));
            case "dateTime":
                return JsonValue.Create(DateTimeOffset.UtcNow.AddDays(-faker.Random.Int(1, 300)).ToString("yyyy-MM-ddTHH:mm:ssZ"));
            case "binary" when path.Equals("x509Certificates.value", StringComparison.OrdinalIgnoreCase):
                return JsonValue.Create(TestCertificates.SelfSignedDerBase64(context.Session.Prefix.Name("cert")));
            case "binary":
                return JsonValue.Create(Convert.ToBase64String(faker.Random.Bytes(16)));
            case "reference":
                return JsonValue.Create($"https://{context.Session.Prefix.Value}.example.com/{faker.Random.AlphaNumeric(10)}");
            case "complex":
                var complex = new JsonObject();
                var subAttributes = Attributes(attribute, "subAttributes").Where(IsWritable).ToList();
                var chosen = subAttributes.Where(s => ShouldFill(s, rich)).ToList();
                if (chosen.Count == 0 && subAttributes.FirstOrDefault(s => s.StringMember("name") == "value") is { } value)
                    chosen.Add(value);
                foreach (var sub in chosen)
                {
                    if (sub.StringMember("name") is not { } subName)
                        continue;
                    var subValue = SingleValueFor(sub, $"{path}.{subName}", rich, faker, index);
                    // A multi-valued sub-attribute (e.g. oAuthConfiguration.redirectUri) is an array even with one value.
                    complex[subName] = sub.Member("multiValued").IsTrue() ? new JsonArray(subValue) : subValue;
                }
                return complex;
            default:
                if (canonical is { Count: > 0 })
                    return JsonValue.Create(canonical[index % canonical.Count]);
                if (ValueHints.For(path, faker, context.Session.Prefix) is { } hinted)
                    return JsonValue.Create(hinted);
                // Prefixed so the resource is recognisably the run's, with realistic mixed-case non-ASCII text after it.
                return JsonValue.Create($"{context.Session.Prefix.Name(path.Replace('.', '-'))}-{faker.Name.FirstName()} {faker.Name.LastName()}");
        }
    }
}
