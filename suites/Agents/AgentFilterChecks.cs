using System.Text.Json.Nodes;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Agents;

/// <summary>
/// draft-abbey-scim-agent-extension-00 §Filtering: servers are RECOMMENDED to support equality filters on the
/// identifiers a client holds instead of the id: an Agent's name and externalId (AGT-N05), an AgenticApplication's
/// name, externalId and applicationUrls.value (AGT-N06). Each check creates the match and a decoy whose value merely
/// contains the match's, so a filter that is ignored, or read as <c>co</c>, is caught. The draft's examples quote
/// with single quotes; the checks send RFC 7644's double quotes.
/// </summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class AgentFilterChecks : AgentCheck
{
    [Check("agents.agent.filter-name", "name eq finds exactly the Agent with that name",
        References = [Draft + " (Filtering)", "RFC7644 §3.4.2.2"], Rows = ["AGT-N05"], Tags = [AgentsTag, Draft, "filter"],
        SpecIssues = [SpecIssueCatalog.SingleQuotedFilters],
        Requirement = "AGT-N05 (RECOMMENDED): GET /Agents?filter=name eq \"…\" returns exactly the Agent with that name, not one whose name only contains it.")]
    public async Task AgentName()
    {
        var type = await AgentTypeAsync();
        var name = Fake.AgentName();
        await ExpectFoundAsync(type, "name", name, Fake.MinimalAgent(name), Fake.MinimalAgent(name + " Jr"));
    }

    [Check("agents.agent.filter-external-id", "externalId eq finds exactly the Agent with that externalId",
        References = [Draft + " (Filtering)", "RFC7644 §3.4.2.2"], Rows = ["AGT-N05"], Tags = [AgentsTag, Draft, "filter"],
        SpecIssues = [SpecIssueCatalog.SingleQuotedFilters],
        Requirement = "AGT-N05 (RECOMMENDED): GET /Agents?filter=externalId eq \"…\" returns exactly the Agent with that externalId.")]
    public async Task AgentExternalId()
    {
        var type = await AgentTypeAsync();
        var externalId = Fake.ExternalId("agent-ext");
        await ExpectFoundAsync(type, "externalId", externalId,
            With(Fake.MinimalAgent(), "externalId", externalId), With(Fake.MinimalAgent(), "externalId", externalId + "-2"));
    }

    [Check("agents.application.filter-name", "name eq finds exactly the AgenticApplication with that name",
        References = [Draft + " (Filtering)", "RFC7644 §3.4.2.2"], Rows = ["AGT-N06"], Tags = [AgentsTag, Draft, "filter"],
        SpecIssues = [SpecIssueCatalog.SingleQuotedFilters],
        Requirement = "AGT-N06 (RECOMMENDED): GET /AgenticApplications?filter=name eq \"…\" returns exactly the application with that name.")]
    public async Task ApplicationName()
    {
        var type = await ApplicationTypeAsync();
        var name = Fake.ApplicationName();
        await ExpectFoundAsync(type, "name", name, Fake.MinimalApplication(name), Fake.MinimalApplication(name + " Beta"));
    }

    [Check("agents.application.filter-external-id", "externalId eq finds exactly the AgenticApplication with that externalId",
        References = [Draft + " (Filtering)", "RFC7644 §3.4.2.2"], Rows = ["AGT-N06"], Tags = [AgentsTag, Draft, "filter"],
        SpecIssues = [SpecIssueCatalog.SingleQuotedFilters],
        Requirement = "AGT-N06 (RECOMMENDED): GET /AgenticApplications?filter=externalId eq \"…\" returns exactly the application with that externalId.")]
    public async Task ApplicationExternalId()
    {
        var type = await ApplicationTypeAsync();
        var externalId = Fake.ExternalId("app-ext");
        await ExpectFoundAsync(type, "externalId", externalId,
            With(Fake.MinimalApplication(), "externalId", externalId), With(Fake.MinimalApplication(), "externalId", externalId + "-2"));
    }

    [Check("agents.application.filter-application-url", "applicationUrls.value eq finds exactly the application with that URL",
        References = [Draft + " (Filtering)", "RFC7644 §3.4.2.2"], Rows = ["AGT-N06"], Tags = [AgentsTag, Draft, "filter"],
        SpecIssues = [SpecIssueCatalog.SingleQuotedFilters],
        Requirement = "AGT-N06 (RECOMMENDED): GET /AgenticApplications?filter=applicationUrls.value eq \"…\" returns exactly the application one of whose URLs is that value.")]
    public async Task ApplicationUrl()
    {
        var type = await ApplicationTypeAsync();
        var url = Fake.Url("login/" + Guid.NewGuid().ToString("N")[..8]);
        static JsonArray Urls(string value) => new(new JsonObject { ["type"] = "loginPage", ["value"] = value, ["primary"] = true });
        await ExpectFoundAsync(type, "applicationUrls.value", url,
            With(Fake.MinimalApplication(), "applicationUrls", Urls(url)), With(Fake.MinimalApplication(), "applicationUrls", Urls(url + "/next")));
    }

    private static JsonObject With(JsonObject body, string attribute, JsonNode value)
    {
        body[attribute] = value;
        return body;
    }

    private async Task ExpectFoundAsync(JsonObject type, string attribute, string value, JsonObject match, JsonObject decoy)
    {
        var expected = IdOf(await CreateAsync(type, match));
        var decoyId = IdOf(await CreateAsync(type, decoy));
        var filter = $"{attribute} eq \"{value}\"";
        var page = await FilterAsync(type, filter);
        Expect.That(page.Response.Status == 200 && page.Ids.Count == 1 && page.Ids[0] == expected,
            $"`{filter}` did not return exactly the one {ResourceFactory.NameOf(type)} with that {attribute}",
            $"HTTP 200 with exactly {expected} (not {decoyId}, whose {attribute} only contains the value)",
            $"{page.Summary}: ids {ScimJson.List(page.Ids)}{ErrorReplies.DetailHint(page.Response)}");
    }
}
