using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Lifecycle;

/// <summary>RFC 7643 §3 and §3.3: the `schemas` attribute every resource representation carries.</summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class ResourceSchemasChecks : LifecycleCheck
{
    [Check("lifecycle.schemas.present", "Every resource carries a non-empty schemas array",
        References = ["RFC7643 §3"], Rows = ["RFC7643-3-SCHEMAS-PRESENT"], Tags = ["schemas"],
        Requirement = "\"All representations of SCIM schemas MUST include a non-empty array with value(s) of the URIs supported by that representation\": checked on the create response and a fresh read of every resource type.")]
    public async Task Present()
    {
        var problems = new List<string>();
        foreach (var type in await ResourceTypesAsync())
        {
            var created = await Resources.CreateOrSkipAsync(type, await Resources.MinimalAsync(type));
            var read = await ReadOrSkipAsync(type, IdOf(created));
            foreach (var (what, body) in new[] { ("201 body", created), ("GET", read) })
            {
                if (body.StringArray("schemas") is not { Count: > 0 })
                    problems.Add($"{ResourceFactory.NameOf(type)} {what}: schemas is {ScimJson.Describe(body.Member("schemas"))}");
            }
        }
        Expect.NoProblems(problems, "a resource representation has no schemas", "a non-empty array of schema URIs");
    }

    [Check("lifecycle.schemas.no-duplicates", "schemas lists each URI once",
        References = ["RFC7643 §3"], Rows = ["RFC7643-3-SCHEMAS-NO-DUP"], Tags = ["schemas"],
        Requirement = "\"Duplicate values MUST NOT be included\" in `schemas`.")]
    public async Task NoDuplicates()
    {
        var problems = new List<string>();
        foreach (var type in await ResourceTypesAsync())
        {
            var created = await Resources.CreateOrSkipAsync(type, await Resources.RichAsync(type));
            var schemas = (await ReadOrSkipAsync(type, IdOf(created))).StringArray("schemas") ?? [];
            var twice = schemas.GroupBy(s => s, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            if (twice.Count > 0)
                problems.Add($"{ResourceFactory.NameOf(type)} lists {ScimJson.List(twice)} more than once");
        }
        Expect.NoProblems(problems, "schemas has duplicate values", "each URI once");
    }

    [Check("lifecycle.schemas.base", "schemas always includes the resource type's core schema",
        References = ["RFC7643 §3", "RFC7643 §3.3", "RFC7643 §4.1", "RFC7643 §4.2"], Rows = ["RFC7643-3.3-SCHEMAS-BASE", "RFC7643-4.1-USER-SCHEMA", "RFC7643-4.2-GROUP-SCHEMA"], Tags = ["schemas"],
        Requirement = "A resource's `schemas` always contains its resource type's core schema (urn:…:core:2.0:User for Users, …:Group for Groups), also when it carries extension data.")]
    public async Task Base()
    {
        var problems = new List<string>();
        foreach (var type in await ResourceTypesAsync())
        {
            var core = type.StringMember("schema")!;
            var created = await Resources.CreateOrSkipAsync(type, await Resources.RichAsync(type));
            var schemas = (await ReadOrSkipAsync(type, IdOf(created))).StringArray("schemas") ?? [];
            if (!schemas.Contains(core, StringComparer.OrdinalIgnoreCase))
                problems.Add($"{ResourceFactory.NameOf(type)} has schemas {ScimJson.List(schemas)}, without {core}");
        }
        Expect.NoProblems(problems, "a resource's schemas lacks its core schema", "the resource type's `schema` among `schemas`");
    }

    [Check("lifecycle.schemas.extension-listed", "Extension data is announced in schemas",
        References = ["RFC7643 §3", "RFC7643 §3.3"], Rows = ["RFC7643-3-SCHEMAS-EXT-LISTED"], Tags = ["schemas", "extensions"],
        Requirement = "When a resource carries attributes of a schema extension (e.g. the Enterprise User), the extension's URN is listed in `schemas`.")]
    public async Task ExtensionListed()
    {
        var problems = new List<string>();
        var tried = 0;
        foreach (var type in await ResourceTypesAsync())
        {
            if (type.Member("schemaExtensions") is not JsonArray { Count: > 0 })
                continue;
            var created = await Resources.CreateOrSkipAsync(type, await Resources.RichAsync(type));
            var read = await ReadOrSkipAsync(type, IdOf(created));
            var schemas = read.StringArray("schemas") ?? [];
            foreach (var (key, value) in read)
            {
                if (!key.StartsWith("urn:", StringComparison.OrdinalIgnoreCase) || value is not JsonObject { Count: > 0 })
                    continue;
                tried++;
                if (!schemas.Contains(key, StringComparer.OrdinalIgnoreCase))
                    problems.Add($"a {ResourceFactory.NameOf(type)} carries {key} data but schemas is {ScimJson.List(schemas)}");
            }
        }
        if (tried == 0)
            throw new NotApplicableException("no resource type returned extension data (no schemaExtensions, or none kept)");
        Expect.NoProblems(problems, "extension data is present without its URN in schemas", "every extension URN with data listed in `schemas`");
    }
}
