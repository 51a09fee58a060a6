using System.Text.Json.Nodes;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Discovery;

/// <summary>RFC 7643 §5 and RFC 7644 §4: the ServiceProviderConfig, the document every client reads first.</summary>
[TargetEffect(TargetEffect.ReadsOnly)]
public sealed class ServiceProviderConfigChecks : ScimCheck
{
    private static readonly string[] KnownAuthenticationTypes = ["oauth", "oauth2", "oauthbearertoken", "httpbasic", "httpdigest"];

    [Check("discovery.spc.single-object", "GET /ServiceProviderConfig returns the configuration as one object",
        References = ["RFC7644 §4"], Rows = ["RFC7644-4-SPC-GET"], Tags = ["spc"],
        Requirement = "GET /ServiceProviderConfig answers 200 with a single JSON object, not a ListResponse.")]
    public async Task SingleObject()
    {
        var response = await Scim.GetAsync("ServiceProviderConfig");
        Expect.Status(response, 200, "the ServiceProviderConfig endpoint must be readable");
        var body = Expect.JsonObject(response, "the ServiceProviderConfig");
        var schemas = body.StringArray("schemas") ?? [];
        Expect.That(!schemas.Contains(ScimUrns.ListResponse, StringComparer.OrdinalIgnoreCase) && !body.HasMember("Resources"),
            "the ServiceProviderConfig came back wrapped in a ListResponse; it is a single resource",
            "one object carrying the configuration itself", $"a ListResponse (schemas {ScimJson.List(schemas)})");
    }

    [Check("discovery.spc.schema-urn", "The ServiceProviderConfig names its schema URN",
        References = ["RFC7644 §4", "RFC7643 §5"], Rows = ["RFC7644-4-SPC-SCHEMA"], Tags = ["spc"],
        Requirement = "The ServiceProviderConfig's `schemas` contains urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig.")]
    public async Task SchemaUrn()
    {
        var spc = await ReadAsync();
        var schemas = spc.StringArray("schemas");
        Expect.That(schemas is not null && schemas.Contains(ScimUrns.ServiceProviderConfig),
            "the ServiceProviderConfig does not declare its schema in `schemas`",
            $"`schemas` containing \"{ScimUrns.ServiceProviderConfig}\"", $"`schemas` is {ScimJson.Describe(spc.Member("schemas"))}");
    }

    [Check("discovery.spc.patch", "The ServiceProviderConfig says whether PATCH is supported",
        References = ["RFC7643 §5"], Rows = ["RFC7643-5-SPC-PATCH"], Tags = ["spc"],
        Requirement = "`patch.supported` is present and a JSON boolean.")]
    public Task Patch() => ExpectSectionAsync("patch", booleans: ["supported"]);

    [Check("discovery.spc.bulk", "The ServiceProviderConfig describes Bulk support and its limits",
        References = ["RFC7643 §5"], Rows = ["RFC7643-5-SPC-BULK"], Tags = ["spc"],
        Requirement = "`bulk.supported` (boolean), `bulk.maxOperations` and `bulk.maxPayloadSize` (integers) are present, even when Bulk is not supported.")]
    public Task Bulk() => ExpectSectionAsync("bulk", booleans: ["supported"], integers: ["maxOperations", "maxPayloadSize"]);

    [Check("discovery.spc.filter", "The ServiceProviderConfig describes filter support and its result limit",
        References = ["RFC7643 §5"], Rows = ["RFC7643-5-SPC-FILTER"], Tags = ["spc"],
        Requirement = "`filter.supported` (boolean) and `filter.maxResults` (integer) are present.")]
    public Task Filter() => ExpectSectionAsync("filter", booleans: ["supported"], integers: ["maxResults"]);

    [Check("discovery.spc.change-password", "The ServiceProviderConfig says whether passwords can be changed",
        References = ["RFC7643 §5"], Rows = ["RFC7643-5-SPC-CHANGEPASSWORD"], Tags = ["spc"],
        Requirement = "`changePassword.supported` is present and a JSON boolean.")]
    public Task ChangePassword() => ExpectSectionAsync("changePassword", booleans: ["supported"]);

    [Check("discovery.spc.sort", "The ServiceProviderConfig says whether sorting is supported",
        References = ["RFC7643 §5"], Rows = ["RFC7643-5-SPC-SORT"], Tags = ["spc"],
        Requirement = "`sort.supported` is present and a JSON boolean.")]
    public Task Sort() => ExpectSectionAsync("sort", booleans: ["supported"]);

    [Check("discovery.spc.etag", "The ServiceProviderConfig says whether ETags are supported",
        References = ["RFC7643 §5"], Rows = ["RFC7643-5-SPC-ETAG"], Tags = ["spc"],
        Requirement = "`etag.supported` is present and a JSON boolean (the prose requires it although the RFC's schema figure omits it).")]
    public Task Etag() => ExpectSectionAsync("etag", booleans: ["supported"]);

    [Check("discovery.spc.authentication-schemes", "The ServiceProviderConfig lists its authentication schemes",
        References = ["RFC7643 §5"], Rows = ["RFC7643-5-SPC-AUTHSCHEMES"], Tags = ["spc", "auth"],
        Requirement = "`authenticationSchemes` is an array; every value has the REQUIRED `type`, `name` and `description` as strings.")]
    public async Task AuthenticationSchemes()
    {
        var spc = await ReadAsync();
        var schemes = spc.Member("authenticationSchemes");
        Expect.That(schemes is JsonArray, "`authenticationSchemes` is missing or not an array",
            "an array of authentication schemes", ScimJson.Describe(schemes));
        var problems = new List<string>();
        var index = 0;
        foreach (var scheme in (JsonArray)schemes!)
        {
            index++;
            if (scheme is not JsonObject s)
            {
                problems.Add($"value {index} is {ScimJson.Describe(scheme)}, not an object");
                continue;
            }
            foreach (var member in new[] { "type", "name", "description" })
            {
                if (!s.Member(member).IsString())
                    problems.Add($"value {index} has `{member}` {ScimJson.Describe(s.Member(member))}");
            }
        }
        Expect.NoProblems(problems, "an authentication scheme lacks a REQUIRED member",
            "every scheme with string `type`, `name` and `description`");
    }

    [Check("discovery.spc.authentication-scheme-type", "Authentication scheme types are the ones RFC 7643 defines",
        References = ["RFC7643 §5"], Rows = ["RFC7643-5-SPC-AUTHSCHEMES-TYPE-VALUES", "RFC7643-5-SPC-AUTHSCHEMES"], Tags = ["spc", "auth"],
        Requirement = "RFC 7643 defines the `type` values oauth, oauth2, oauthbearertoken, httpbasic and httpdigest; another value is allowed but no client will recognise it (recorded as Info).")]
    public async Task AuthenticationSchemeType()
    {
        var spc = await ReadAsync();
        var types = (spc.Member("authenticationSchemes") as JsonArray ?? []).OfType<JsonObject>()
            .Select(s => s.StringMember("type")).OfType<string>().ToList();
        if (types.Count == 0)
            throw new PrerequisiteException("no authentication scheme with a `type` to judge (see discovery.spc.authentication-schemes)");
        var unknown = types.Where(t => !KnownAuthenticationTypes.Contains(t, StringComparer.OrdinalIgnoreCase)).ToList();
        Expect.That(unknown.Count == 0, $"authentication scheme type(s) {ScimJson.List(unknown.Select(u => $"\"{u}\""))} are not defined by RFC 7643",
            $"one of {ScimJson.List(KnownAuthenticationTypes)}", $"types {ScimJson.List(types)}");
    }

    [Check("discovery.spc.public", "The authentication schemes can be read without credentials",
        References = ["RFC7643 §5"], Rows = ["RFC7643-5-SPC-AUTHSCHEMES-PUBLIC"], Tags = ["spc", "auth"],
        Requirement = "A client can learn how to authenticate before it has credentials: GET /ServiceProviderConfig without credentials returns the `authenticationSchemes`.")]
    public async Task Public()
    {
        var response = await Scim.GetAsync("ServiceProviderConfig", Credentials.None);
        Expect.That(response.Status == 200 && response.JsonObject?.Member("authenticationSchemes") is JsonArray,
            "an anonymous client cannot read the authentication schemes",
            "HTTP 200 with `authenticationSchemes` for a request without credentials",
            response.Status == 200 ? "HTTP 200 without `authenticationSchemes`" : $"HTTP {response.Status}");
    }

    [Check("discovery.spc.read-only", "The ServiceProviderConfig cannot be written",
        Effect = TargetEffect.Writes, References = ["RFC7643 §5", "RFC7644 §4"], Rows = ["RFC7643-5-SPC-READONLY", "RFC7644-3.2-DISCOVERY-GET-ONLY"], Tags = ["spc", "read-only"],
        Requirement = "All ServiceProviderConfig attributes are readOnly: PUT and PATCH leave it as it was. RFC 7644 §3.2 lists GET only for it, so a refusal (non-2xx) is expected; a 2xx that changes nothing is allowed by the read-only rule and only recorded (Info). Safe on a real tenant: what is sent is the configuration as read, unchanged.")]
    public async Task ReadOnly()
    {
        var spc = await ReadAsync();
        var put = await Scim.PutAsync("ServiceProviderConfig", spc.DeepClone());
        var documentation = spc.Member("documentationUri")?.DeepClone();
        var patch = await Scim.PatchAsync("ServiceProviderConfig", new JsonObject
        {
            ["schemas"] = new JsonArray(ScimUrns.PatchOp),
            ["Operations"] = new JsonArray(new JsonObject { ["op"] = "replace", ["path"] = "documentationUri", ["value"] = documentation }),
        });
        var accepted = new[] { put, patch }.Where(r => r.Status is >= 200 and < 300).Select(r => r.Summary).ToList();
        if (accepted.Count == 0)
            return;
        var after = await ReadAsync();
        Expect.That(JsonNode.DeepEquals(after, spc), "a write changed the read-only ServiceProviderConfig",
            "the configuration as before the PUT and PATCH", $"before: {ScimJson.Abbreviate(spc.ToJsonString(), 160)}; after: {ScimJson.Abbreviate(after.ToJsonString(), 160)}");
        Expect.Violation($"the server accepted a write to the read-only ServiceProviderConfig ({ScimJson.List(accepted)}); it changed nothing, which the read-only rule allows, but RFC 7644 §3.2 defines the endpoint for GET only",
            "PUT and PATCH refused with a 4xx or 5xx status (e.g. 405 or 501)", $"accepted: {ScimJson.List(accepted)}", LevelOf("RFC7644-3.2-DISCOVERY-GET-ONLY"));
    }

    private async Task<JsonObject> ReadAsync()
    {
        var response = await Scim.GetAsync("ServiceProviderConfig");
        if (response.Status != 200)
            throw new PrerequisiteException($"GET /ServiceProviderConfig answered {response.Status} (see discovery.spc.single-object)");
        return response.JsonObject ?? throw new PrerequisiteException("GET /ServiceProviderConfig returned no JSON object (see discovery.spc.single-object)");
    }

    /// <summary>One SPC section: present, an object, with the given boolean and integer members.</summary>
    private async Task ExpectSectionAsync(string section, string[] booleans, string[]? integers = null)
    {
        var spc = await ReadAsync();
        var node = spc.Member(section);
        Expect.That(node is JsonObject, $"`{section}` is missing from the ServiceProviderConfig or is not an object",
            $"a `{section}` object", ScimJson.Describe(node));
        var problems = new List<string>();
        foreach (var member in booleans)
        {
            var value = ((JsonObject)node!).Member(member);
            if (!value.IsBoolean())
                problems.Add($"`{section}.{member}` is {ScimJson.Describe(value)}, not a JSON boolean");
        }
        foreach (var member in integers ?? [])
        {
            var value = ((JsonObject)node!).Member(member);
            if (!value.IsInteger())
                problems.Add($"`{section}.{member}` is {ScimJson.Describe(value)}, not an integer");
        }
        var expected = string.Join(", ", booleans.Select(b => $"`{section}.{b}` a boolean")
            .Concat((integers ?? []).Select(i => $"`{section}.{i}` an integer")));
        Expect.NoProblems(problems, $"the `{section}` section is incomplete", expected);
    }
}
