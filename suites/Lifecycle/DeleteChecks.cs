using System.Text.Json.Nodes;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Suites.Kit.PerType;

namespace Scim.Conformance.Suites.Lifecycle;

/// <summary>RFC 7644 §3.6: deleting resources. Each check deletes only resources it created.</summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class DeleteChecks : LifecycleCheck
{
    private const int PagesWalkedAtMost = 50;

    [Check("lifecycle.delete.status-204", "A successful DELETE answers 204 No Content",
        References = ["RFC7644 §3.6"], Rows = ["RFC7644-3.6-DELETE-204", "RFC7644-3.6-DELETE-GROUP"], Tags = ["delete"],
        Requirement = "DELETE of an existing resource answers 204 No Content with an empty body, for every resource type.")]
    public async Task Status204()
    {
        var problems = new List<string>();
        foreach (var type in await ResourceTypesAsync())
        {
            var created = await Resources.CreateOrSkipAsync(type, await Resources.MinimalAsync(type));
            var delete = await DeleteAsync(type, IdOf(created));
            if (delete.Status != 204)
                problems.Add($"{ResourceFactory.NameOf(type)}: {delete.Summary}");
            else if (!string.IsNullOrWhiteSpace(delete.Body))
                problems.Add($"{ResourceFactory.NameOf(type)}: 204 with a body");
        }
        Expect.NoProblems(problems, "a DELETE did not answer 204 No Content", "HTTP 204 with an empty body, for every type");
    }

    [Check("lifecycle.delete.then-404", "After DELETE, every operation on the resource answers 404",
        References = ["RFC7644 §3.6"], Rows = ["RFC7644-3.6-DELETE-THEN-404"], Tags = ["delete"], PerResourceType = true,
        Requirement = "Once deleted (even if the server only marks it), the resource answers 404 with a SCIM error to GET, PUT and DELETE (and PATCH when PATCH is supported).")]
    public Task Then404() => ForEachResourceTypeAsync(async type =>
    {
        var created = await Resources.CreateOrSkipAsync(type.ResourceType, await Resources.MinimalAsync(type.ResourceType));
        var delete = await DeleteAsync(type.ResourceType, IdOf(created));
        if (delete.Status is < 200 or >= 300)
            throw new PrerequisiteException($"the {type.Name} could not be deleted: {delete.Summary} (see lifecycle.delete.status-204)");
        var path = PathOf(type.ResourceType, IdOf(created));
        var replacement = (JsonObject)created.DeepClone();
        replacement.Remove("meta");
        var responses = new List<ScimResponse>
        {
            await Scim.GetAsync(path),
            await Scim.PutAsync(path, replacement),
            await Scim.DeleteAsync(path),
        };
        if ((await DiscoveryAsync()).ServiceProviderConfig.Path("patch.supported").IsTrue())
        {
            // Any writable string of the type will do; the resource is gone, so the value is never applied.
            var target = type.First(TypeNeed.CaseInsensitiveString, "displayName")?.Path ?? "displayName";
            responses.Add(await Scim.PatchAsync(path, ScimMessages.PatchRequest(ScimMessages.PatchOperation("replace", target, JsonValue.Create("x")))));
        }
        var problems = responses.Where(r => r.Status != 404 || r.JsonObject?.StringArray("schemas")?.Contains(ScimUrns.Error) != true)
            .Select(r => r.Status == 404 ? $"{r.Summary} without a SCIM error body" : r.Summary).ToList();
        Expect.NoProblems(problems, $"a deleted {type.Name} is still answered as if it existed", "HTTP 404 with a SCIM error for every operation");
    });

    [Check("lifecycle.delete.omitted-from-queries", "A deleted resource no longer appears in lists",
        References = ["RFC7644 §3.6"], Rows = ["RFC7644-3.6-DELETE-OMIT-FROM-QUERIES"], Tags = ["delete", "list"],
        Requirement = "A deleted resource MUST be omitted from query results. With filtering the check asks for it by id; without, it walks the pages of the list (at most 50 pages of 100).")]
    public async Task OmittedFromQueries()
    {
        var type = await UserTypeAsync();
        var user = await CreateUserAsync();
        var delete = await DeleteAsync(type, IdOf(user));
        if (delete.Status is < 200 or >= 300)
            throw new PrerequisiteException($"the user could not be deleted: {delete.Summary} (see lifecycle.delete.status-204)");
        var endpoint = ResourceFactory.EndpointOf(type).TrimStart('/');
        if ((await DiscoveryAsync()).ServiceProviderConfig.Path("filter.supported").IsTrue())
        {
            var filtered = await Scim.GetAsync($"{endpoint}?filter={Uri.EscapeDataString($"id eq \"{IdOf(user)}\"")}");
            var listed = (filtered.JsonObject?.Member("Resources") as JsonArray ?? []).OfType<JsonObject>().Any(r => r.StringMember("id") == IdOf(user));
            Expect.That(!listed, "a deleted resource is still returned by a query", "no resource with the deleted id", $"{filtered.Summary} listing it");
            return;
        }
        for (var page = 0; page < PagesWalkedAtMost; page++)
        {
            var response = await Scim.GetAsync($"{endpoint}?startIndex={page * 100 + 1}&count=100");
            var items = (response.JsonObject?.Member("Resources") as JsonArray ?? []).OfType<JsonObject>().ToList();
            Expect.That(items.All(r => r.StringMember("id") != IdOf(user)), "a deleted resource is still listed",
                "the deleted resource absent from every page", $"it is on the page {response.Summary}");
            if (items.Count == 0 || (response.JsonObject?.Member("totalResults")).IsInteger() && response.JsonObject!.Member("totalResults")!.GetValue<long>() <= (page + 1) * 100)
                return;
        }
        throw new PrerequisiteException($"the list is longer than {PagesWalkedAtMost * 100} resources and the server does not filter; not walked further");
    }

    [Check("lifecycle.delete.no-conflict", "A deleted resource's unique values are free again",
        References = ["RFC7644 §3.6"], Rows = ["RFC7644-3.6-DELETE-NO-CONFLICT"], Tags = ["delete", "uniqueness"],
        Requirement = "A deleted resource should not count for uniqueness: creating a user with the userName of one just deleted answers 201, not 409.")]
    public async Task NoConflict()
    {
        var type = await UserTypeAsync();
        var body = await Resources.MinimalAsync(type);
        var first = await Resources.CreateOrSkipAsync(type, (JsonObject)body.DeepClone());
        var delete = await DeleteAsync(type, IdOf(first));
        if (delete.Status is < 200 or >= 300)
            throw new PrerequisiteException($"the user could not be deleted: {delete.Summary} (see lifecycle.delete.status-204)");
        var again = await Resources.CreateAsync(type, body);
        Expect.That(again.Status == 201, "the userName of a deleted user cannot be used again", "HTTP 201", again.Summary);
    }

    [Check("lifecycle.delete.unknown-404", "DELETE of an unknown id answers 404",
        References = ["RFC7644 §3.6", "RFC7644 §3.12"], Rows = ["RFC7644-3.6-DELETE-MISSING"], Tags = ["delete"],
        Requirement = "Deleting a resource that does not exist answers 404 Not Found (Table 8), for every resource type.")]
    public async Task Unknown404()
    {
        var problems = new List<string>();
        foreach (var type in await ResourceTypesAsync())
        {
            var delete = await DeleteAsync(type, MissingId());
            if (delete.Status != 404)
                problems.Add($"{ResourceFactory.NameOf(type)}: {delete.Summary}");
        }
        Expect.NoProblems(problems, "DELETE of an unknown id did not answer 404", "HTTP 404 for every type");
    }

    private Task<ScimResponse> DeleteAsync(JsonObject type, string id) =>
        Scim.DeleteAsync($"{ResourceFactory.EndpointOf(type).TrimStart('/')}/{Uri.EscapeDataString(id)}");
}
