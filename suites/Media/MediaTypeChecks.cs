using System.Text.Json.Nodes;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Errors;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Media;

/// <summary>RFC 7644 §3.1, §3.8 and §8.1: the media type application/scim+json, asked for, sent and answered with.
/// The reads are a list of one resource and the ServiceProviderConfig; what is written is a resource the check
/// creates itself (deleted through the ledger).</summary>
[TargetEffect(TargetEffect.ReadsOnly)]
public sealed class MediaTypeChecks : ScimCheck
{
    private const string ScimJsonType = ScimClient.ScimMediaType;
    private const string PlainJsonType = "application/json";

    [Check("media.accept-scim-json", "Accept: application/scim+json is served",
        References = ["RFC7644 §3.8"], Rows = ["RFC7644-3.8-ACCEPT-SCIMJSON"], Tags = ["media-type"],
        Requirement = "A GET that accepts only application/scim+json (of the ServiceProviderConfig and of a resource list) is answered 200 with a JSON body, never 406 Not Acceptable.")]
    public async Task AcceptScimJson()
    {
        // Not through the discovery snapshot alone: a server that refuses this Accept header also refused discovery.
        var answers = new List<ScimResponse> { await Scim.GetAsync("ServiceProviderConfig") };
        var discovery = await DiscoveryAsync();
        if (discovery.ResourceTypesOrNull is { Count: > 0 })
            answers.Add(await Scim.GetAsync($"{ProbeRequests.EndpointPath(ProbeRequests.ProbeType(discovery))}?count=1"));

        var refused = answers.Where(r => r.Status is 406 or 415).Select(r => r.Summary)
            .Concat(answers.Where(r => r.Status is >= 200 and < 300 && r.JsonObject is null).Select(r => $"{r.Summary} without a JSON object body"))
            .ToList();
        Expect.NoProblems(refused, "a request that accepts application/scim+json was not served JSON",
            "HTTP 200 with a JSON body for every request with Accept: application/scim+json");
        if (!answers.Any(r => r.Status is >= 200 and < 300))
            throw new PrerequisiteException($"no request was served to judge ({ScimJson.List(answers.Select(a => a.Summary))})");
    }

    [Check("media.accept-json", "Accept: application/json is served",
        References = ["RFC7644 §3.8"], Rows = ["RFC7644-3.8-ACCEPT-JSON"], Tags = ["media-type"],
        Requirement = "A GET that accepts only application/json (of the ServiceProviderConfig and of a resource list) is answered 200 with a JSON body, like the same GET with application/scim+json.")]
    public async Task AcceptJson()
    {
        var problems = new List<string>();
        var judged = 0;
        foreach (var path in await ProbePathsAsync())
        {
            // First with the SCIM type: proof that the path is servable at all.
            var companion = await Scim.GetAsync(path);
            if (companion.Status != 200)
                continue;
            judged++;
            var plain = await Scim.GetAsync(path, accept: PlainJsonType);
            if (plain.Status != 200 || plain.JsonObject is null)
                problems.Add($"{plain.Summary} with Accept: {PlainJsonType}, Content-Type {plain.ContentType ?? "(none)"} (with Accept: {ScimJsonType} it answered 200)");
        }
        if (judged == 0)
            throw new PrerequisiteException("neither the ServiceProviderConfig nor a resource list could be read with Accept: application/scim+json");
        Expect.NoProblems(problems, "a request that accepts only application/json was not served",
            "HTTP 200 with a JSON body for a GET with Accept: application/json");
    }

    [Check("media.default-content-type", "Without a requested format the answer is application/scim+json",
        References = ["RFC7644 §3.8"], Rows = ["RFC7644-3.8-DEFAULT-FORMAT"], Tags = ["media-type"],
        Requirement = "A GET of a resource list that names no format (no Accept header) is answered in the default format: Content-Type application/scim+json (a charset parameter is fine).")]
    public async Task DefaultContentType()
    {
        var path = $"{ProbeRequests.EndpointPath(ProbeRequests.ProbeType(await DiscoveryAsync()))}?count=1";
        var companion = await Scim.GetAsync(path);
        var unspecified = await Scim.GetAsync(path, accept: null);
        if (unspecified.Status is not (>= 200 and < 300 or 406))
            throw new PrerequisiteException($"the list could not be read: {unspecified.Summary}; with Accept: {ScimJsonType}: {companion.Summary}");
        Expect.That(unspecified.Status != 406, "a request naming no format was refused instead of answered in the default format",
            $"HTTP 200 with Content-Type {ScimJsonType}", unspecified.Summary);
        Expect.That(ScimClient.MediaTypeOf(unspecified.ContentType) == ScimJsonType,
            "a request naming no format was not answered in the default format application/scim+json",
            $"Content-Type {ScimJsonType}", $"{unspecified.Summary} with no Accept header: Content-Type {unspecified.ContentType ?? "(none)"}");
    }

    [Check("media.response-content-type", "SCIM responses are labelled application/scim+json",
        Effect = TargetEffect.Writes, References = ["RFC7644 §3.1", "RFC7644 §8.1"], Rows = ["RFC7644-3.1-RESP-MEDIA-TYPE", "RFC7644-3.8-DEFAULT-FORMAT"], Tags = ["media-type"],
        Requirement = "Every JSON response — configuration, list, created and read resource, errors (404, and 400 for an unparsable body) — is labelled application/scim+json; application/json is only a Warn, while another label (such as application/json+scim) or none breaks the MUST to answer Accept: application/scim+json.")]
    public async Task ResponseContentType()
    {
        var resourceType = ProbeRequests.ProbeType(await DiscoveryAsync());
        var endpoint = ProbeRequests.EndpointPath(resourceType);
        var answers = new List<ScimResponse>
        {
            await Scim.GetAsync("ServiceProviderConfig"),
            await Scim.GetAsync($"{endpoint}?count=1"),
            await Scim.GetAsync($"{endpoint}/{Uri.EscapeDataString(Target.Prefix.Name("missing"))}"),
            // A body the server cannot parse: its error often comes from a framework layer that labels it otherwise.
            await ErrorProbes.PostMalformedAsync(Scim, Ledger, endpoint),
        };
        var created = await Resources.CreateMinimalAsync(resourceType);
        answers.Add(created);
        if (created.JsonObject?.StringMember("id") is { } id)
            answers.Add(await ReadAsync(resourceType, id));

        var withBody = answers.Where(r => !string.IsNullOrWhiteSpace(r.Body)).ToList();
        var plainJson = new List<string>();
        var wrong = new List<string>();
        foreach (var response in withBody)
        {
            var mediaType = ScimClient.MediaTypeOf(response.ContentType);
            if (mediaType == ScimJsonType)
                continue;
            (mediaType == PlainJsonType ? plainJson : wrong).Add($"{response.Summary} is labelled {response.ContentType ?? "with no Content-Type"}");
        }
        Expect.NoProblems(wrong, "a SCIM response carries neither the SCIM media type nor JSON's",
            $"Content-Type {ScimJsonType} on each of the {withBody.Count} responses with a body", LevelOf("RFC7644-3.8-DEFAULT-FORMAT"));
        Expect.NoProblems(plainJson, "a SCIM response is labelled application/json instead of application/scim+json",
            $"Content-Type {ScimJsonType} on each of the {withBody.Count} responses with a body");
    }

    [Check("media.request-content-type", "Request bodies sent as application/scim+json are accepted",
        Effect = TargetEffect.Writes, References = ["RFC7644 §3.1", "RFC7644 §3.8"], Rows = ["RFC7644-3.8-REQ-CONTENT-TYPE"], Tags = ["media-type"],
        Requirement = "A POST (and, where implemented, a PUT and a PATCH) whose body is labelled Content-Type: application/scim+json is processed, not refused with 415 Unsupported Media Type.")]
    public async Task RequestContentType()
    {
        var resourceType = ProbeRequests.ProbeType(await DiscoveryAsync());
        var endpoint = ProbeRequests.EndpointPath(resourceType);
        var body = await Resources.MinimalAsync(resourceType);
        var created = await Resources.CreateAsync(resourceType, body);
        if (created.Status is < 200 or >= 300)
        {
            Expect.That(created.Status != 415, "a create labelled application/scim+json was refused as an unsupported media type",
                "HTTP 201", created.Summary);
            // Was it the label? The same kind of body labelled application/json tells.
            var control = await Scim.SendAsync(HttpMethod.Post, endpoint, await Resources.MinimalAsync(resourceType), contentType: PlainJsonType);
            Ledger.Track(control, "/" + endpoint);
            Expect.That(control.Status is < 200 or >= 300, "a create was refused when labelled application/scim+json but accepted as application/json",
                "the create accepted with Content-Type: application/scim+json", $"{created.Summary}, but {control.Summary} with Content-Type: {PlainJsonType}");
            throw new PrerequisiteException($"a {ResourceFactory.NameOf(resourceType)} could not be created with either label: {created.Summary}");
        }

        var refused = new List<string>();
        if (created.JsonObject?.StringMember("id") is { } id)
        {
            var item = $"{endpoint}/{Uri.EscapeDataString(id)}";
            var writes = new List<ScimResponse> { await Scim.PutAsync(item, body) };
            if ((await DiscoveryAsync()).ServiceProviderConfigOrNull?.Path("patch.supported").IsTrue() == true)
                writes.Add(await Scim.PatchAsync(item, ProbeRequests.NoOpPatch(body)));
            refused.AddRange(writes.Where(w => w.Status == 415).Select(w => w.Summary));
        }
        Expect.NoProblems(refused, "a write labelled application/scim+json was refused as an unsupported media type",
            "no 415 for a body labelled application/scim+json");
    }

    /// <summary>The ServiceProviderConfig and a list of one resource of the probed type.</summary>
    private async Task<IReadOnlyList<string>> ProbePathsAsync()
    {
        var paths = new List<string> { "ServiceProviderConfig" };
        if ((await DiscoveryAsync()).ResourceTypesOrNull is { Count: > 0 })
            paths.Add($"{ProbeRequests.EndpointPath(ProbeRequests.ProbeType(await DiscoveryAsync()))}?count=1");
        return paths;
    }
}
