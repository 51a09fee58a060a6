using System.Text.Json.Nodes;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Retrieval;

/// <summary>RFC 7644 §3.9 and §3.4.2: where the query parameters apply: <c>attributes</c> and
/// <c>excludedAttributes</c> on every resource of a list and on every write that returns a resource; unknown
/// parameters are ignored rather than refused.</summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class ParameterScopeChecks : RetrievalCheck
{
    [Check("retrieval.parameters-on-lists", "attributes and excludedAttributes apply to every resource of a list",
        References = ["RFC7644 §3.9", "RFC7644 §3.4.2"], Rows = ["RFC7644-3.9-PARAMS-ON-LIST"], Tags = ["attributes", "excludedAttributes", "list", "users"],
        Requirement = "In a list response each resource is shaped by the parameters: every User on the page of GET /Users?attributes=userName&count=2 holds `userName` and nothing else but `id`, `schemas` and attributes returned \"always\"; no User on the page of GET /Users?excludedAttributes=userName,emails&count=2 holds `userName` or `emails` (userName because every User holds it, so any page shows whether the parameter was applied). The check creates a User first so the page is not empty, and judges whatever Users the page holds (other Users are only read).")]
    public async Task ParametersOnLists()
    {
        var subject = await RichUserAsync();
        var stored = await ReadStoredAsync(subject);
        // userName (held by every User, so every item of any page can show the exclusion) and a multi-valued one.
        var candidates = subject.Shape.DefaultAttributesIn(stored);
        var excluded = new[] { ResourceShape.Pick(candidates, "userName"), ResourceShape.Pick(candidates.Where(c => !ResourceShape.Is(c, "userName")).ToList(), "emails") }
            .OfType<string>().Distinct().ToList();
        if (excluded.Count == 0)
            throw new PrerequisiteException("the User read back holds no attribute returned by default to exclude");
        var excludedParameter = string.Join(",", excluded);
        var selection = new AttributeSelection(subject.Shape, "userName");

        var selected = await Scim.GetAsync($"{subject.Endpoint}{Query("attributes", selection.Parameter)}&count=2");
        Expect.Status(selected, 200, "`attributes` is a query parameter every SCIM server supports on a list (RFC 7644 §3.9)");
        var items = ListItems(selected, $"GET /{subject.Endpoint}?attributes=userName");
        if (items.Count == 0)
            throw new PrerequisiteException($"{selected.Summary} returned no resource to judge although the check created one (see retrieval.list.resources)");
        var problems = new List<string>();
        foreach (var item in items)
        {
            var label = item.StringMember("id") ?? "a resource without id";
            if (!ResourceShape.Present(item.Member("userName")))
                problems.Add($"{label} has no `userName`");
            var extra = selection.Unrequested(item);
            if (extra.Count > 0)
                problems.Add($"{label} holds {ScimJson.List(extra.Select(e => $"`{e}`"))}");
        }

        var trimmed = await Scim.GetAsync($"{subject.Endpoint}{Query("excludedAttributes", excludedParameter)}&count=2");
        Expect.Status(trimmed, 200, "`excludedAttributes` is a query parameter every SCIM server supports on a list (RFC 7644 §3.9)");
        foreach (var item in ListItems(trimmed, $"GET /{subject.Endpoint}?excludedAttributes={excludedParameter}"))
        {
            var kept = excluded.Where(e => ResourceShape.Present(item.Member(e))).Select(e => $"`{e}`").ToList();
            if (kept.Count > 0)
                problems.Add($"{item.StringMember("id") ?? "a resource without id"} still holds {ScimJson.List(kept)} under excludedAttributes={excludedParameter}");
        }
        Expect.NoProblems(problems, "a list response did not apply `attributes` / `excludedAttributes` to its resources",
            $"with attributes=userName, items holding only `userName`, `id` and `schemas`; with excludedAttributes={excludedParameter}, no item holding {ScimJson.List(excluded.Select(e => $"`{e}`"))}");
    }

    [Check("retrieval.parameters-on-writes", "attributes and excludedAttributes shape the resource returned by POST and PUT",
        References = ["RFC7644 §3.9", "RFC7644 §3.3", "RFC7644 §3.5.1"], Rows = ["RFC7644-3.9-PARAMS-ON-WRITES"], Tags = ["attributes", "excludedAttributes", "users", "writes"],
        Requirement = "The parameters apply to every operation that returns a resource: POST /Users?attributes=userName answers with a body holding `userName` and nothing else but `id`, `schemas` and attributes returned \"always\"; PUT /Users/{id}?excludedAttributes=emails (judged when the server supports PUT) answers with no `emails`. The User is created under the run prefix and deleted afterwards.")]
    public async Task ParametersOnWrites()
    {
        var type = await ResourceTypeAsync(ScimUrns.User);
        var shape = ResourceShape.Of(await DiscoveryAsync(), type);
        var body = await Resources.RichAsync(type);
        var selection = new AttributeSelection(shape, "userName");
        var created = await Resources.CreateAsync(type, body, Query("attributes", selection.Parameter));
        if (created.Status is < 200 or >= 300)
        {
            // Refused because of the parameter, or because of the body? The same body without it tells.
            await Resources.CreateOrSkipAsync(type, body);
            throw Expect.Violation("POST with ?attributes=userName was refused although the same body without the parameter was accepted",
                "HTTP 201 with the created User, shaped by `attributes`", $"{created.Summary}{ErrorReplies.DetailHint(created)}");
        }
        var problems = new List<string>();
        if (created.JsonObject is not { } createdBody)
            throw Expect.Violation("POST with ?attributes=userName returned no resource", "a JSON object with `userName`", created.JsonError ?? ScimJson.Describe(created.Json));
        if (!JsonNode.DeepEquals(createdBody.Member("userName"), body.Member("userName")))
            problems.Add($"the POST response's `userName` is {ScimJson.Describe(createdBody.Member("userName"))}");
        var extra = selection.Unrequested(createdBody);
        if (extra.Count > 0)
            problems.Add($"the POST response holds unrequested {ScimJson.List(extra.Select(e => $"`{e}`"))}");

        var subject = new Subject(type, shape, body, createdBody.StringMember("id")
            ?? throw Expect.Violation("the POST response with ?attributes=userName has no `id` (returned always)", "`id` in the response", Describe(createdBody)));
        var stored = await ReadStoredAsync(subject);
        var excluded = ResourceShape.Pick(shape.DefaultAttributesIn(stored).Where(c => !ResourceShape.Is(c, "userName")).ToList(), "emails");
        if (excluded is not null)
        {
            var path = $"{subject.Endpoint}/{Uri.EscapeDataString(subject.Id)}";
            var put = await Scim.PutAsync(path + Query("excludedAttributes", excluded), body.DeepClone());
            if (put.Status is >= 200 and < 300 && put.JsonObject is { } replaced)
            {
                if (ResourceShape.Present(replaced.Member(excluded)))
                    problems.Add($"the PUT response still holds `{excluded}` under excludedAttributes={excluded}");
                if (!ResourceShape.Present(replaced.Member("userName")))
                    problems.Add("the PUT response lost `userName`, which excludedAttributes did not name");
            }
            else if (put.Status is < 200 or >= 300)
            {
                var plain = await Scim.PutAsync(path, body.DeepClone());
                if (plain.Status is >= 200 and < 300)
                    problems.Add($"PUT with ?excludedAttributes={excluded} was refused ({put.Summary}{ErrorReplies.DetailHint(put)}) although the same PUT without it was accepted");
                // Otherwise PUT itself is not served: the lifecycle suite judges that.
            }
        }
        Expect.NoProblems(problems, "a write response was not shaped by `attributes` / `excludedAttributes`",
            $"the POST response holding only `userName`, `id` and `schemas`; the PUT response without `{excluded ?? "the excluded attribute"}`");
    }

    [Check("retrieval.unknown-parameter-ignored", "An unknown query parameter is ignored, not refused",
        References = ["RFC7644 §3.4.2"], Rows = ["RFC7644-3.4.2-IGNORE-UNKNOWN-PARAM"], Tags = ["list", "users"],
        Requirement = "A query parameter the server does not know is ignored: GET /Users/{id}?scimctUnknownParameter=1 returns the same attributes as GET /Users/{id}, and GET /Users?count=1&scimctUnknownParameter=1 answers 200 with a ListResponse.")]
    public async Task UnknownParameterIgnored()
    {
        var subject = await RichUserAsync();
        var stored = await ReadStoredAsync(subject);
        var problems = new List<string>();

        var single = await ReadAsync(subject.Type, subject.Id, "?scimctUnknownParameter=1");
        if (single.Status != 200 || single.JsonObject is not { } read)
            problems.Add($"{single.Summary}{ErrorReplies.DetailHint(single)}");
        else
        {
            var differs = stored.Select(p => p.Key).Where(k => !ResourceShape.Is(k, "meta") && !JsonNode.DeepEquals(read.Member(k), stored.Member(k))).ToList();
            if (differs.Count > 0)
                problems.Add($"{single.Summary} differs from the plain read in {ScimJson.List(differs.Select(d => $"`{d}`"))}");
        }
        var list = await Scim.GetAsync($"{subject.Endpoint}?count=1&scimctUnknownParameter=1");
        if (list.Status != 200 || list.JsonObject?.StringArray("schemas")?.Contains(ScimUrns.ListResponse) != true)
            problems.Add($"{list.Summary}{ErrorReplies.DetailHint(list)}{(list.Status == 200 ? " without a ListResponse" : "")}");
        Expect.NoProblems(problems, "a request with an unknown query parameter was not answered as if the parameter were absent",
            "HTTP 200 with the same result as without the parameter");
    }
}
