using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Suites.Kit.PerType;

namespace Scim.Conformance.Suites.Retrieval;

/// <summary>RFC 7643 §2.2: a writeOnly attribute can be written but its values are never returned (a password is
/// kept as a hash, say), whatever its <c>returned</c> characteristic and whatever the request asks for.</summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class WriteOnlyChecks : RetrievalCheck
{
    [Check("retrieval.write-only-never-returned", "Values of writeOnly attributes are never returned",
        References = ["RFC7643 §2.2", "RFC7643 §7"], Rows = ["RFC7643-2.2-WRITEONLY-NOT-RETURNED"], Tags = ["returned", "mutability"],
        TypeNeeds = [TypeNeed.WriteOnlyAttribute],
        Requirement = "An attribute the type's schema declares `mutability` \"writeOnly\" (a User's password) is accepted in a create, and its value appears neither in the POST response, nor in a GET, nor in a GET whose `attributes` names it. Judged on every advertised resource type with a writeOnly attribute.")]
    public Task NeverReturned() => ForEachResourceTypeAsync(async type =>
    {
        var attributes = type.With(TypeNeed.WriteOnlyAttribute);
        var body = await Resources.MinimalAsync(type.ResourceType);
        foreach (var attribute in attributes)
            attribute.SetIn(body, ValueFor(attribute));
        var create = await Resources.CreateAsync(type.ResourceType, body);
        if (create.Status is < 200 or >= 300 || create.JsonObject?.StringMember("id") is not { } id)
            throw new PrerequisiteException($"a {type.Name} with its writeOnly attributes set could not be created: {create.Summary}");
        var names = string.Join(",", attributes.Select(a => a.Path));
        var responses = new List<ScimResponse> { create, await ReadAsync(type.ResourceType, id), await ReadAsync(type.ResourceType, id, Query("attributes", names)) };
        var problems = new List<string>();
        foreach (var response in responses.Where(r => r.Status is >= 200 and < 300 && r.JsonObject is not null))
        {
            foreach (var attribute in attributes)
            {
                if (attribute.ValueIn(response.JsonObject!) is { } leaked)
                    problems.Add($"{response.Summary} returned {attribute.Path} ({ScimJson.Describe(leaked)})");
            }
        }
        Expect.NoProblems(problems, $"a writeOnly value of a {type.Name} came back in a response",
            $"no {ScimJson.List(attributes.Select(a => a.Path))} in any response, even when named in attributes");
    });

    /// <summary>A value for the attribute; a string gets letters of both cases, digits and a symbol, so a password
    /// policy does not refuse it.</summary>
    private JsonNode ValueFor(TypedAttribute attribute) =>
        attribute.Definition.StringMember("type") == "string" && !attribute.Definition.Member("multiValued").IsTrue()
            ? JsonValue.Create($"{Target.Prefix.Name("Pw")}-Aa9!{Guid.NewGuid():N}")
            : SampleValues.For(attribute.Definition, Target.Prefix);
}
