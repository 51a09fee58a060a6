using System.Text.Json.Nodes;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Suites.Kit.PerType;

namespace Scim.Conformance.Suites.Errors;

/// <summary>RFC 7644 §3.12 Tables 8 and 9: which status (and scimType) a client mistake earns. Every probe targets
/// something that cannot exist (a run-prefixed id or endpoint), a body that cannot be parsed, or a resource this
/// check created itself; whatever a faulty server creates along the way is recorded in the ledger and deleted.</summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class StatusCodeChecks : ScimCheck
{
    [Check("errors.unknown-resource-404", "An unknown resource id is answered 404",
        References = ["RFC7644 §3.12"], Rows = ["RFC7644-3.12-404-RESOURCE"], Tags = ["errors", "http-status"],
        Requirement = "GET, PUT, PATCH and DELETE of {endpoint}/{id} for an id that does not exist are answered 404 (PUT and PATCH are only judged when the server implements them).")]
    public async Task UnknownResource404()
    {
        var resourceType = await ProbeTypeAsync();
        var endpoint = ProbeRequests.EndpointPath(resourceType);
        var target = $"{endpoint}/{Uri.EscapeDataString(Target.Prefix.Name("missing"))}";
        var body = await Resources.MinimalAsync(resourceType);

        var answers = new List<ScimResponse> { await Scim.GetAsync(target), await Scim.DeleteAsync(target) };
        var put = await Scim.PutAsync(target, body);
        Ledger.Track(put, "/" + endpoint); // a server that creates on PUT leaves a resource: ours to delete
        var notJudged = new List<string>();
        if (put.Status is 405 or 501)
            notJudged.Add($"{put.Summary} (PUT not implemented)");
        else
            answers.Add(put);
        if ((await DiscoveryAsync()).ServiceProviderConfigOrNull?.Path("patch.supported").IsTrue() == true)
        {
            var patch = await Scim.PatchAsync(target, ProbeRequests.NoOpPatch(body));
            Ledger.Track(patch, "/" + endpoint);
            answers.Add(patch);
        }
        else
            notJudged.Add("PATCH (the ServiceProviderConfig does not advertise patch.supported)");

        var wrong = answers.Where(r => r.Status != 404).Select(r => r.Summary).ToList();
        var note = notJudged.Count > 0 ? $"; not judged: {ScimJson.List(notJudged)}" : "";
        Expect.NoProblems(wrong, "a request for a resource that does not exist was not answered 404",
            $"HTTP 404 for {ScimJson.List(answers.Select(r => r.Exchange.Method))} of /{endpoint}/{{unknown id}}{note}");
    }

    [Check("errors.unknown-endpoint-404", "An unknown endpoint is answered 404",
        Effect = TargetEffect.ReadsOnly, References = ["RFC7644 §3.12"], Rows = ["RFC7644-3.12-404-ENDPOINT"], Tags = ["errors", "http-status"],
        Requirement = "A GET of a path under the base URL that is no SCIM endpoint is answered 404.")]
    public async Task UnknownEndpoint404()
    {
        var response = await Scim.GetAsync(Target.Prefix.Name("NoSuchEndpoint"));
        Expect.Status(response, 404, "Table 8 answers a request for an endpoint that does not exist with 404");
    }

    [Check("errors.invalid-syntax", "An unparsable request body is answered 400 invalidSyntax",
        References = ["RFC7644 §3.12"], Rows = ["RFC7644-3.12-400-INVALIDSYNTAX"], Tags = ["errors", "http-status"],
        Requirement = "A POST to a resource endpoint whose body is not valid JSON (a truncated document) is answered 400, with `scimType` invalidSyntax when it gives one (another keyword is a Warn; no scimType is recorded as Info, the member being optional).")]
    public async Task InvalidSyntax()
    {
        var endpoint = ProbeRequests.EndpointPath(await ProbeTypeAsync());
        var response = await ErrorProbes.PostMalformedAsync(Scim, Ledger, endpoint);
        Expect.Status(response, 400, "a request body that cannot be parsed is a client error (400 invalidSyntax)");
        ExpectScimType(response, "invalidSyntax");
    }

    [Check("errors.invalid-value", "A value of the wrong type is answered 400 invalidValue",
        References = ["RFC7644 §3.12", "RFC7643 §2.3"], Rows = ["RFC7644-3.12-400-INVALIDVALUE"], Tags = ["errors", "http-status"],
        PerResourceType = true,
        Requirement = "A POST whose body gives an attribute a value of another JSON type — a boolean (User `active`) the string \"notaboolean\", a number or date-time a string that is none, a string (a Group's displayName) the literal true — is refused with 400, with `scimType` invalidValue when it gives one (another keyword is a Warn; no scimType is recorded as Info, the member being optional); the value is never stored. Judged on every advertised resource type, with an attribute of its own schema.")]
    public Task InvalidValue() => ForEachResourceTypeAsync(async type =>
    {
        var (attribute, wrongValue) = WrongTypeFor(type)
            ?? throw new NotApplicableException($"the schemas of {type.Name} declare no writable single-valued attribute to send a wrong type for");
        var body = await Resources.MinimalAsync(type.ResourceType);
        attribute.SetIn(body, wrongValue.DeepClone());
        var response = await Resources.CreateAsync(type.ResourceType, body);
        var declared = attribute.Definition.StringMember("type");
        Expect.That(response.Status == 400, $"a {type.Name} with `{attribute.Path}` {ScimJson.Describe(wrongValue)} (declared {declared}) was not refused with 400",
            $"HTTP 400 (scimType invalidValue): a {declared} attribute cannot hold {ScimJson.Describe(wrongValue)}",
            response.Status is >= 200 and < 300
                ? $"{response.Summary}: accepted, `{attribute.Path}` returned as {ScimJson.Describe(response.JsonObject is { } created ? attribute.ValueIn(created) : null)}"
                : response.Summary);
        ExpectScimType(response, "invalidValue");
    });

    /// <summary>A writable single-valued attribute of the type and a value of another JSON type for it: a boolean
    /// (<c>active</c> first) gets a string, then a number or date-time a string that is none, then a string (one
    /// without canonical values) the literal true.</summary>
    private static (TypedAttribute Attribute, JsonNode Value)? WrongTypeFor(ResourceTypeUnderTest type)
    {
        var candidates = type.Attributes.Where(a => !a.Definition.Member("multiValued").IsTrue()
            && a.Definition.StringMember("mutability") is null or "readWrite" or "writeOnly").ToList();
        TypedAttribute? Of(string declared, string? preferred = null) =>
            candidates.Where(a => a.Definition.StringMember("type") == declared && a.Definition.StringArray("canonicalValues") is not { Count: > 0 })
                .OrderBy(a => a.InCore && a.Name == preferred ? 0 : a.InCore ? 1 : 2).FirstOrDefault();
        if (Of("boolean", "active") is { } boolean)
            return (boolean, JsonValue.Create("notaboolean"));
        if ((Of("integer") ?? Of("decimal")) is { } number)
            return (number, JsonValue.Create("notanumber"));
        if (Of("dateTime") is { } dateTime)
            return (dateTime, JsonValue.Create("notadatetime"));
        if (Of("string", "displayName") is { } text)
            return (text, JsonValue.Create(true));
        return null;
    }

    [Check("errors.unsupported-501", "An operation the server does not support is answered 501",
        References = ["RFC7644 §3.12", "RFC7643 §5"], Rows = ["RFC7644-3.12-501-UNSUPPORTED"], Tags = ["errors", "http-status", "spc"],
        Requirement = "What the ServiceProviderConfig says is unsupported is refused with 501 Not Implemented: PATCH of a resource when patch.supported is false, POST /Bulk when bulk.supported is false.")]
    public async Task Unsupported501()
    {
        var spc = (await DiscoveryAsync()).ServiceProviderConfig;
        var patchSupported = spc.Path("patch.supported").IsTrue();
        var bulkSupported = spc.Path("bulk.supported").IsTrue();
        if (patchSupported && bulkSupported)
            throw new NotApplicableException("the ServiceProviderConfig advertises both patch.supported and bulk.supported as true: no unsupported operation to probe");

        var answers = new List<ScimResponse>();
        if (!patchSupported)
        {
            var resourceType = await ProbeTypeAsync();
            var body = await Resources.MinimalAsync(resourceType);
            var created = await Resources.CreateOrSkipAsync(resourceType, body);
            answers.Add(await Scim.PatchAsync($"{ProbeRequests.EndpointPath(resourceType)}/{Uri.EscapeDataString(created.StringMember("id")!)}",
                ProbeRequests.NoOpPatch(body)));
        }
        if (!bulkSupported)
        {
            // No operations at all: even a server that does process it changes nothing.
            answers.Add(await Scim.PostAsync("Bulk", new JsonObject
            {
                ["schemas"] = new JsonArray("urn:ietf:params:scim:api:messages:2.0:BulkRequest"),
                ["Operations"] = new JsonArray(),
            }));
        }
        var wrong = answers.Where(r => r.Status != 501).Select(r => r.Summary).ToList();
        var unsupported = ScimJson.List(new[] { patchSupported ? null : "patch.supported", bulkSupported ? null : "bulk.supported" }.OfType<string>());
        Expect.NoProblems(wrong, $"an operation the ServiceProviderConfig declares unsupported ({unsupported} false) was not answered 501",
            "HTTP 501 Not Implemented for each unsupported operation");
    }

    [Check("errors.client-errors-not-5xx", "Client mistakes are answered 4xx, never 5xx",
        References = ["RFC7644 §3.12"], Rows = ["RFC7644-3.12-500-NOT-FOR-CLIENT-ERRORS"], Tags = ["errors", "http-status", "server-errors"],
        Requirement = "An unknown id or endpoint, an unparsable body or filter, and a value of the wrong type are the client's mistakes: each is answered with a 4xx status; 500 is for the server's own failures.")]
    public async Task ClientErrorsNot5xx()
    {
        var resourceType = await ProbeTypeAsync();
        var answers = (await ErrorProbes.ProvokeAsync(Scim, Ledger, Target.Prefix, resourceType)).Select(p => p.Response).ToList();
        if (await WrongTypeBodyAsync(resourceType) is { } wrong)
            answers.Add(await Resources.CreateAsync(resourceType, wrong.Body));
        var serverErrors = answers.Where(r => r.Status >= 500).Select(r => r.Summary).ToList();
        Expect.NoProblems(serverErrors, "a client mistake was answered with a server error status",
            $"a 4xx status (400, 404…) for each of the {answers.Count} invalid requests");
    }

    /// <summary>The 400's <c>scimType</c> names the keyword Table 9 gives this mistake. Another keyword is a
    /// violation at the check's level; none at all is recorded as Info, since RFC 7644 §3.12 makes scimType OPTIONAL.</summary>
    private void ExpectScimType(ScimResponse response, string keyword) => Expect.ScimType(response, keyword, "Table 9");

    private async Task<JsonObject> ProbeTypeAsync() => ProbeRequests.ProbeType(await DiscoveryAsync());

    /// <summary>A minimal body of the type in which a writable single-valued boolean attribute (<c>active</c> on
    /// User, else the first of the core schema, else one of an extension) holds the string "notaboolean".</summary>
    private async Task<WrongTypeBody?> WrongTypeBodyAsync(JsonObject resourceType)
    {
        var discovery = await DiscoveryAsync();
        (string? Container, string Attribute)? found = null;
        if (resourceType.StringMember("schema") is { } schemaUrn && discovery.Schema(schemaUrn) is { } core && Pick(core) is { } attribute)
            found = (null, attribute);
        foreach (var extension in (resourceType.Member("schemaExtensions") as JsonArray ?? []).OfType<JsonObject>())
        {
            if (found is null && extension.StringMember("schema") is { } urn && discovery.Schema(urn) is { } schema && Pick(schema) is { } inExtension)
                found = (urn, inExtension);
        }
        if (found is not { } f)
            return null;

        var body = await Resources.MinimalAsync(resourceType);
        var target = body;
        if (f.Container is { } container)
        {
            target = body[container] as JsonObject ?? new JsonObject();
            body[container] = target;
            if (body["schemas"] is JsonArray schemas && !schemas.Any(s => s?.GetValue<string>() == container))
                schemas.Add(container);
        }
        target[f.Attribute] = "notaboolean";
        return new WrongTypeBody(body, f.Container, f.Attribute);

        static string? Pick(JsonObject schema)
        {
            var candidates = (schema.Member("attributes") as JsonArray ?? []).OfType<JsonObject>()
                .Where(a => a.StringMember("type") == "boolean" && !a.Member("multiValued").IsTrue()
                            && a.StringMember("mutability") is not ("readOnly" or "immutable"))
                .Select(a => a.StringMember("name")).OfType<string>().ToList();
            return candidates.FirstOrDefault(n => n.Equals("active", StringComparison.OrdinalIgnoreCase)) ?? candidates.FirstOrDefault();
        }
    }

    private sealed record WrongTypeBody(JsonObject Body, string? Container, string Attribute)
    {
        public string Shown => Container is null ? Attribute : $"{Container}:{Attribute}";

        public JsonNode? ReadFrom(JsonObject? resource) =>
            Container is null ? resource?.Member(Attribute) : (resource?.Member(Container) as JsonObject)?.Member(Attribute);
    }
}
