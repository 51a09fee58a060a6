using System.Text.Json.Nodes;
using Bogus;

namespace Scim.Conformance.Suites.Kit;

/// <summary>
/// Realistic Agents and AgenticApplications (draft-abbey-scim-agent-extension-00) made with Bogus: names an
/// operator would give, agent types and protocols from the draft, URLs on the run's own example.com host, OAuth
/// clients, and real X.509 certificates made with .NET's own APIs (<see cref="TestCertificates"/>). Every name carries
/// the run prefix, so a shared tenant shows at once what the run made. <see cref="ResourceFactory"/> stays the generic,
/// schema-driven builder; this one knows what the draft's attributes mean.
/// </summary>
public sealed class AgentFaker(RunPrefix prefix)
{
    private static readonly string[] Locales = ["en", "de", "fr", "ja", "pt_BR", "sv"];
    private static readonly string[] Roles = ["Helpdesk", "Research", "Billing", "Onboarding", "Triage", "Übersetzung", "Scheduling"];
    private static readonly string[] AgentTypes = ["Assistant", "Researcher", "Chat bot", "Unknown"];
    private static readonly string[] ProtocolTypes = ["A2A", "OpenAPI", "MCP-Server"];

    private readonly Faker faker = new(Locales[Random.Shared.Next(Locales.Length)]);

    /// <summary>A unique, prefixed, human-looking agent name: <c>scimct-4f9a1c-agent-3 Helpdesk Bot (Müller)</c>.</summary>
    public string AgentName() => $"{prefix.Name("agent")} {faker.PickRandom(Roles)} Bot ({faker.Name.LastName()})";

    public string ApplicationName() => $"{prefix.Name("app")} {faker.Company.CompanyName()} {faker.PickRandom("Portal", "Assistant Platform", "Workspace")}";

    /// <summary>An external id unique to this run.</summary>
    public string ExternalId(string label) => prefix.Name(label) + "-" + faker.Random.AlphaNumeric(6);

    public string AgentType() => faker.PickRandom(AgentTypes);

    /// <summary>A URL on the run's own example.com host, so nothing real is ever pointed at.</summary>
    public string Url(string path) => $"https://{prefix.Value}.example.com/{path.TrimStart('/')}";

    /// <summary>The base64 DER of a fresh self-signed certificate for the agent.</summary>
    public string Certificate() => TestCertificates.SelfSignedDerBase64(prefix.Name("cert"));

    /// <summary>Only what the draft requires of an Agent: schemas and name.</summary>
    public JsonObject MinimalAgent(string? name = null) => new()
    {
        ["schemas"] = new JsonArray(ScimUrns.Agent),
        ["name"] = name ?? AgentName(),
    };

    /// <summary>Only what the draft requires of an AgenticApplication: schemas and name.</summary>
    public JsonObject MinimalApplication(string? name = null) => new()
    {
        ["schemas"] = new JsonArray(ScimUrns.AgenticApplication),
        ["name"] = name ?? ApplicationName(),
    };

    /// <summary>An Agent with the attributes every reading of the draft lets a client write (no links).</summary>
    public JsonObject RichAgent()
    {
        var agent = MinimalAgent();
        agent["externalId"] = ExternalId("agent-ext");
        agent["active"] = true;
        agent["agentType"] = AgentType();
        agent["entitlements"] = new JsonArray(
            new JsonObject { ["value"] = "tickets:write", ["display"] = "Write tickets", ["type"] = "permission", ["primary"] = true },
            new JsonObject { ["value"] = "kb:read", ["display"] = "Read the knowledge base", ["type"] = "permission" });
        agent["roles"] = new JsonArray(new JsonObject { ["value"] = "support-agent", ["display"] = "Support agent", ["primary"] = true });
        agent["x509Certificates"] = new JsonArray(new JsonObject { ["value"] = Certificate(), ["display"] = "signing key", ["primary"] = true });
        return agent;
    }

    /// <summary>The protocols an agent speaks, with the prose's spelling <c>specificationUrl</c> (SpecIssueCatalog.SpecificationUrlTypo).</summary>
    public JsonArray Protocols() => new(
        new JsonObject { ["type"] = faker.PickRandom(ProtocolTypes), ["specificationUrl"] = Url(".well-known/agent-card.json") });

    /// <summary>An AgenticApplication with URLs, an OAuth client and external identifiers.</summary>
    public JsonObject RichApplication()
    {
        var application = MinimalApplication();
        application["externalId"] = ExternalId("app-ext");
        application["description"] = faker.Lorem.Sentence(8);
        application["active"] = true;
        application["applicationUrls"] = new JsonArray(
            new JsonObject { ["type"] = "homepage", ["primary"] = true, ["value"] = Url(faker.Internet.DomainWord()), ["description"] = "Home page" },
            new JsonObject { ["type"] = "api", ["value"] = Url("api/v1/" + faker.Random.AlphaNumeric(6)), ["description"] = "API for agent integrations" });
        application["oAuthConfiguration"] = new JsonArray(new JsonObject
        {
            ["clientId"] = "0oa" + faker.Random.AlphaNumeric(12),
            ["description"] = "Production OAuth client",
            ["audienceUri"] = Url("api"),
            ["issuerUri"] = Url("idp"),
            ["redirectUri"] = new JsonArray(Url("oauth/callback")),
        });
        application["externalIdentifiers"] = new JsonArray(ExternalIdentifier());
        return application;
    }

    /// <summary>An identifier of the application in another system (AGT-N16: the server may define the types).</summary>
    public JsonObject ExternalIdentifier(string type = "ssoTenantId") => new()
    {
        ["type"] = type,
        ["value"] = faker.Random.AlphaNumeric(10),
        ["system"] = Url("idp"),
    };
}
