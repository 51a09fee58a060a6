using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Lifecycle;

/// <summary>RFC 7643 §4.3: the Enterprise User extension, when the User resource type lists it.</summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class EnterpriseUserChecks : LifecycleCheck
{
    [Check("lifecycle.enterprise.round-trip", "Enterprise User attributes are stored under the extension",
        References = ["RFC7643 §4.3", "RFC7643 §3.3"], Rows = ["RFC7643-4.3-ATTRS", "RFC7643-4.3-EXT-URN"], Tags = ["extensions", "enterprise"],
        Requirement = "employeeNumber, costCenter, organization, division and department sent inside the urn:ietf:params:scim:schemas:extension:enterprise:2.0:User container read back there, and `schemas` lists the URN.")]
    public async Task RoundTrip()
    {
        var userType = await EnterpriseUserTypeAsync();
        var values = new JsonObject();
        foreach (var name in new[] { "employeeNumber", "costCenter", "organization", "division", "department" })
            values[name] = Target.Prefix.Name(name);
        var user = await CreateUserAsync(adjust: body => WithExtension(body, values));
        var read = await ReadOrSkipAsync(userType, IdOf(user));
        var extension = read.Member(ScimUrns.EnterpriseUser) as JsonObject;
        var problems = values.Where(p => extension?.StringMember(p.Key) != p.Value!.ToString())
            .Select(p => $"{p.Key}: read back {ScimJson.Describe(extension?.Member(p.Key))}").ToList();
        if (read.StringArray("schemas")?.Contains(ScimUrns.EnterpriseUser) != true)
            problems.Add($"schemas {ScimJson.Describe(read.Member("schemas"))} lacks the extension URN");
        Expect.NoProblems(problems, "Enterprise User values did not round-trip", "each value under the extension URN, and the URN in schemas");
    }

    [Check("lifecycle.enterprise.manager", "manager refers to another user by id and URI",
        References = ["RFC7643 §4.3"], Rows = ["RFC7643-4.3-MANAGER"], Tags = ["extensions", "enterprise", "references"],
        Requirement = "`manager.value` is the id of the manager's User and reads back as sent; `manager.$ref`, when present, resolves to that user.")]
    public async Task Manager()
    {
        var userType = await EnterpriseUserTypeAsync();
        var manager = await CreateUserAsync();
        var user = await CreateUserAsync(adjust: body => WithExtension(body, new JsonObject { ["manager"] = new JsonObject { ["value"] = IdOf(manager) } }));
        var read = await ReadOrSkipAsync(userType, IdOf(user));
        var managerNode = (read.Member(ScimUrns.EnterpriseUser) as JsonObject)?.Member("manager") as JsonObject;
        Expect.That(managerNode?.StringMember("value") == IdOf(manager), "manager.value did not read back as the manager's id",
            $"manager.value {IdOf(manager)}", ScimJson.Describe(managerNode));
        if (managerNode!.StringMember("$ref") is { } reference)
        {
            var resolved = Target.IsUnderBaseUrl(Target.Resolve(reference)) ? await Scim.GetAsync(reference) : null;
            Expect.That(resolved is { Status: 200 } && resolved.JsonObject?.StringMember("id") == IdOf(manager),
                "manager.$ref does not resolve to the manager", $"GET {reference} → the manager", resolved?.Summary ?? "not under the base URL");
        }
    }

    [Check("lifecycle.enterprise.manager-display-name-read-only", "manager.displayName is not taken from the client",
        References = ["RFC7643 §4.3"], Rows = ["RFC7643-4.3-MANAGER-DISPLAYNAME-RO"], Tags = ["extensions", "enterprise"],
        Requirement = "`manager.displayName` is readOnly: a value sent by the client is ignored (absent, or the server's own from the manager's displayName).")]
    public async Task ManagerDisplayNameReadOnly()
    {
        var userType = await EnterpriseUserTypeAsync();
        var manager = await CreateUserAsync();
        var fake = Target.Prefix.Name("fake-manager-name");
        var user = await CreateUserAsync(adjust: body => WithExtension(body, new JsonObject
        {
            ["manager"] = new JsonObject { ["value"] = IdOf(manager), ["displayName"] = fake },
        }));
        var read = await ReadOrSkipAsync(userType, IdOf(user));
        var displayName = ((read.Member(ScimUrns.EnterpriseUser) as JsonObject)?.Member("manager") as JsonObject)?.StringMember("displayName");
        Expect.That(displayName != fake, "the client's manager.displayName was stored", "absent, or the manager's own displayName", $"\"{displayName}\"");
    }

    private async Task<JsonObject> EnterpriseUserTypeAsync()
    {
        var userType = await UserTypeAsync();
        var listed = (userType.Member("schemaExtensions") as JsonArray ?? []).OfType<JsonObject>()
            .Any(e => string.Equals(e.StringMember("schema"), ScimUrns.EnterpriseUser, StringComparison.OrdinalIgnoreCase));
        return listed ? userType : throw new NotApplicableException("the User resource type does not list the Enterprise User extension");
    }

    private static void WithExtension(JsonObject body, JsonObject values)
    {
        body[ScimUrns.EnterpriseUser] = values;
        if (body["schemas"] is JsonArray schemas && !schemas.Any(s => s?.ToString() == ScimUrns.EnterpriseUser))
            schemas.Add(ScimUrns.EnterpriseUser);
    }
}
