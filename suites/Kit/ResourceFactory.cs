using System.Text.Json.Nodes;
using Bogus;

namespace Scim.Conformance.Suites.Kit;

/// <summary>Builds resources from the server's own schemas, so any resource type — even one this suite has never
/// heard of — can be created: every required, writable attribute gets a value of its declared type. Strings carry
/// the run prefix (so the run touches only what it made) and realistic, non-ASCII text from Bogus.</summary>
public sealed class ResourceFactory(CheckContext context)
{
    private static readonly string[] Locales = ["de", "fr", "ja", "pt_BR", "sv", "pl", "tr"];

    /// <summary>A minimal valid body for the resource type: its core schema URN and every required attribute.</summary>
    public async Task<JsonObject> MinimalAsync(JsonObject resourceType)
    {
        var discovery = await context.DiscoveryAsync();
        var schemaUrn = resourceType.StringMember("schema")
            ?? throw new PrerequisiteException($"resource type {resourceType.StringMember("name")} names no schema");
        var schema = discovery.Schema(schemaUrn)
            ?? throw new PrerequisiteException($"the schema {schemaUrn} of resource type {resourceType.StringMember("name")} is not in /Schemas");
        var faker = new Faker(Locales[Random.Shared.Next(Locales.Length)]);
        var body = new JsonObject { ["schemas"] = new JsonArray(schemaUrn) };
        foreach (var attribute in Attributes(schema).Where(IsRequiredAndWritable))
        {
            if (attribute.StringMember("name") is { } name)
                body[name] = ValueFor(attribute, name, faker);
        }
        return body;
    }

    /// <summary>Creates a minimal resource of the type and records it in the ledger. Returns the create response.</summary>
    public async Task<ScimResponse> CreateMinimalAsync(JsonObject resourceType)
    {
        var endpoint = resourceType.StringMember("endpoint")
            ?? throw new PrerequisiteException($"resource type {resourceType.StringMember("name")} has no endpoint");
        var response = await context.Client.PostAsync(endpoint, await MinimalAsync(resourceType));
        context.Ledger.Track(response, endpoint);
        return response;
    }

    private static IEnumerable<JsonObject> Attributes(JsonObject schemaOrAttribute, string member = "attributes") =>
        schemaOrAttribute.Member(member) is JsonArray a ? a.OfType<JsonObject>() : [];

    private static bool IsRequiredAndWritable(JsonObject attribute) =>
        attribute.Member("required").IsTrue()
        && attribute.StringMember("mutability") is not ("readOnly")
        && attribute.StringMember("name") is not ("id" or "meta" or "schemas");

    private JsonNode ValueFor(JsonObject attribute, string name, Faker faker)
    {
        var single = SingleValueFor(attribute, name, faker);
        return attribute.Member("multiValued").IsTrue() ? new JsonArray(single) : single;
    }

    private JsonNode SingleValueFor(JsonObject attribute, string name, Faker faker)
    {
        switch (attribute.StringMember("type"))
        {
            case "boolean":
                return JsonValue.Create(true);
            case "integer":
                return JsonValue.Create(faker.Random.Int(1, 1000));
            case "decimal":
                return JsonValue.Create(Math.Round(faker.Random.Double(1, 1000), 2));
            case "dateTime":
                return JsonValue.Create(DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ"));
            case "binary":
                return JsonValue.Create(Convert.ToBase64String(faker.Random.Bytes(16)));
            case "reference":
                return JsonValue.Create($"https://{context.Session.Prefix.Value}.example.com/{Uri.EscapeDataString(faker.Internet.UserName())}");
            case "complex":
                var complex = new JsonObject();
                var subAttributes = Attributes(attribute, "subAttributes").ToList();
                var chosen = subAttributes.Where(IsRequiredAndWritable).ToList();
                if (chosen.Count == 0 && subAttributes.FirstOrDefault(s => s.StringMember("name") == "value") is { } value)
                    chosen.Add(value);
                foreach (var sub in chosen)
                {
                    if (sub.StringMember("name") is { } subName)
                        complex[subName] = ValueFor(sub, subName, faker);
                }
                return complex;
            default:
                // A string: prefixed so the resource is recognisably the run's, with realistic non-ASCII text after it.
                var words = faker.Name.FirstName() + faker.Name.LastName();
                return JsonValue.Create($"{context.Session.Prefix.Name(name)}-{words}");
        }
    }
}
