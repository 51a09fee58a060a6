using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Lifecycle;

/// <summary>RFC 7643 §3.1: `id` (server-assigned, unique, stable, never reused) and `externalId` (the client's).</summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class IdentifierChecks : LifecycleCheck
{
    [Check("lifecycle.id.unique-across-types", "Every resource has an id, unique across all resource types",
        References = ["RFC7643 §3.1"], Rows = ["RFC7643-3.1-ID-UNIQUE", "RFC7643-3.1-ID-PRESENT"], Tags = ["id"],
        Requirement = "Each resource has a non-empty `id` that is unique across the service provider's entire set of resources, not only within its type: two resources of each type created here have distinct ids.")]
    public async Task UniqueAcrossTypes()
    {
        var seen = new Dictionary<string, string>();
        var problems = new List<string>();
        foreach (var type in await ResourceTypesAsync())
        {
            for (var i = 0; i < 2; i++)
            {
                var created = await Resources.CreateOrSkipAsync(type, await Resources.MinimalAsync(type));
                var id = created.StringMember("id");
                if (string.IsNullOrEmpty(id))
                    problems.Add($"a {ResourceFactory.NameOf(type)} has no id");
                else if (seen.TryGetValue(id, out var other))
                    problems.Add($"id \"{id}\" was given to a {other} and to a {ResourceFactory.NameOf(type)}");
                else
                    seen[id] = ResourceFactory.NameOf(type);
            }
        }
        Expect.NoProblems(problems, "resource ids are not unique across the server", "a distinct, non-empty id for every resource");
    }

    [Check("lifecycle.id.not-reused", "A deleted resource's id is not given to a new one",
        References = ["RFC7643 §3.1"], Rows = ["RFC7643-3.1-ID-STABLE"], Tags = ["id", "delete"],
        Requirement = "An id is never reassigned: after DELETE, re-creating a resource with the same values gets a different id.")]
    public async Task NotReused()
    {
        var userType = await UserTypeAsync();
        var body = await Resources.MinimalAsync(userType);
        var first = await Resources.CreateOrSkipAsync(userType, (JsonObject)body.DeepClone());
        var delete = await Scim.DeleteAsync($"{ResourceFactory.EndpointOf(userType).TrimStart('/')}/{IdOf(first)}");
        if (delete.Status is < 200 or >= 300)
            throw new PrerequisiteException($"the user could not be deleted: {delete.Summary} (see lifecycle.delete.status-204)");
        // The same values first, the likeliest to get the old id back. A server that keeps a deleted user's unique
        // values taken (lifecycle.delete.no-conflict judges that) refuses them; a fresh user then still shows whether
        // the id comes back, which is all this requirement asks.
        var again = await Resources.CreateAsync(userType, (JsonObject)body.DeepClone());
        var second = again.Status is >= 200 and < 300 && again.JsonObject?.StringMember("id") is not null
            ? again.JsonObject!
            : await Resources.CreateOrSkipAsync(userType, await Resources.MinimalAsync(userType));
        Expect.That(IdOf(second) != IdOf(first), "a new resource got the id of a deleted one",
            $"an id other than {IdOf(first)}", $"id {IdOf(second)}");
    }

    [Check("lifecycle.id.no-bulkid", "No id contains the reserved word bulkId",
        References = ["RFC7643 §3.1"], Rows = ["RFC7643-3.1-ID-NO-BULKID"], Tags = ["id"],
        Requirement = "The string \"bulkId\" is reserved and MUST NOT be used within any unique identifier.")]
    public async Task NoBulkId()
    {
        var problems = new List<string>();
        foreach (var type in await ResourceTypesAsync())
        {
            var created = await Resources.CreateOrSkipAsync(type, await Resources.MinimalAsync(type));
            if (IdOf(created).Contains("bulkId", StringComparison.OrdinalIgnoreCase))
                problems.Add($"a {ResourceFactory.NameOf(type)} got id {IdOf(created)}");
        }
        Expect.NoProblems(problems, "an id contains the reserved string bulkId", "ids without \"bulkId\"");
    }

    [Check("lifecycle.external-id.not-invented", "The server does not invent an externalId",
        References = ["RFC7643 §3.1"], Rows = ["RFC7643-3.1-EXTID-CLIENT-ONLY"], Tags = ["externalId"],
        Requirement = "`externalId` is the client's identifier for the resource: \"the service provider MUST NOT specify\" it, so a resource created without one has none.")]
    public async Task NotInvented()
    {
        var user = await CreateUserAsync(adjust: body => body.Remove("externalId"));
        var read = await ReadOrSkipAsync(await UserTypeAsync(), IdOf(user));
        var externalId = read.Member("externalId");
        Expect.That(externalId is null, "the server set an externalId the client never sent", "no externalId", ScimJson.Describe(externalId));
    }

    [Check("lifecycle.external-id.round-trip", "externalId is kept exactly as the client sent it",
        References = ["RFC7643 §3.1"], Rows = ["RFC7643-3.1-EXTID-ROUNDTRIP"], Tags = ["externalId"],
        Requirement = "`externalId` is readWrite and caseExact: the value the client sets is returned exactly, letter case included.")]
    public async Task RoundTrip()
    {
        var externalId = Target.Prefix.Name("Ext-MiXeD");
        var user = await CreateUserAsync(adjust: body => body["externalId"] = externalId);
        var read = await ReadOrSkipAsync(await UserTypeAsync(), IdOf(user));
        Expect.That(read.StringMember("externalId") == externalId, "externalId did not come back exactly as sent",
            $"\"{externalId}\"", ScimJson.Describe(read.Member("externalId")));
    }
}
