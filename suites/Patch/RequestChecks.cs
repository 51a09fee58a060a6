using System.Text.Json.Nodes;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Errors;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Patch;

/// <summary>RFC 7644 §3.5.2: the PatchOp request as a whole — its message schema and Operations, the answer, the
/// errors, the order of operations and atomicity.</summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class RequestChecks : PatchCheck
{
    [Check("patch.supported", "An advertised PATCH is really served",
        References = ["RFC7644 §3.5", "RFC7643 §5"], Rows = ["RFC7644-3.5-PATCH-SHOULD"], Tags = ["patch", "spc"],
        Requirement = "Service providers SHOULD support PATCH; one whose ServiceProviderConfig says patch.supported true accepts a valid PATCH (200 or 204) instead of refusing it as not implemented.")]
    public async Task Supported()
    {
        var userType = await PatchableUserTypeAsync();
        // Incidental to what is judged: any settable string the schema declares (nickName where it does).
        var attribute = await AttributeAsync(userType, AttributeNeed.SettableOptionalString);
        var user = await CreateUserAsync();
        var response = await PatchAsync(userType, user, Op("replace", attribute, Target.Prefix.Name("nick")));
        Expect.That(response.Status is 200 or 204, "the ServiceProviderConfig advertises patch.supported, but a valid PATCH was not accepted",
            "HTTP 200 or 204", $"{response.Summary}{ErrorReplies.DetailHint(response)}");
    }

    [Check("patch.request.schema", "A PATCH body without the PatchOp schema is refused",
        References = ["RFC7644 §3.5.2", "RFC7644 §3.12"], Rows = ["RFC7644-3.5.2-PATCH-SCHEMA"], Tags = ["patch", "errors"],
        Requirement = "A PATCH request body declares urn:ietf:params:scim:api:messages:2.0:PatchOp in schemas; one that names the User schema instead is refused with 400 invalidSyntax and changes nothing.")]
    public async Task Schema()
    {
        var userType = await PatchableUserTypeAsync();
        // Incidental to what is judged: any settable string the schema declares (nickName where it does).
        var attribute = await AttributeAsync(userType, AttributeNeed.SettableOptionalString);
        var user = await CreateUserAsync();
        var body = PatchBody(Op("replace", attribute, Target.Prefix.Name("nick")));
        body["schemas"] = new JsonArray(ScimUrns.User);
        var response = await SendPatchAsync(userType, IdOf(user), body);
        ExpectRefused(response, "declares the User schema instead of PatchOp", "invalidSyntax");
        var read = await ReadOrSkipAsync(userType, IdOf(user));
        Expect.That(read.Member(attribute) is null, "a PATCH without the PatchOp schema was applied anyway",
            $"no {attribute}", ScimJson.Describe(read.Member(attribute)));
    }

    [Check("patch.request.operations", "A PATCH without operations is refused",
        References = ["RFC7644 §3.5.2", "RFC7644 §3.12"], Rows = ["RFC7644-3.12-400-INVALIDSYNTAX", "RFC7644-3.5.2-PATCH-OPERATIONS"], Tags = ["patch", "errors"],
        Requirement = "The body of a PATCH holds Operations, an array of one or more operations: an empty Operations array and a body without Operations are both refused with 400.")]
    public async Task Operations()
    {
        var userType = await PatchableUserTypeAsync();
        var user = await CreateUserAsync();
        var empty = await SendPatchAsync(userType, IdOf(user), PatchBody());
        ExpectRefused(empty, "has an empty Operations array", "invalidSyntax", "invalidValue");
        var missing = PatchBody();
        missing.Remove("Operations");
        ExpectRefused(await SendPatchAsync(userType, IdOf(user), missing), "has no Operations", "invalidSyntax", "invalidValue");
    }

    [Check("patch.request.op-valid", "An operation whose op is not add, remove or replace is refused",
        References = ["RFC7644 §3.5.2", "RFC7644 §3.12"], Rows = ["RFC7644-3.12-400-INVALIDSYNTAX", "RFC7644-3.5.2-PATCH-OP-VALUE"], Tags = ["patch", "errors"],
        Requirement = "Each operation has exactly one op, add, remove or replace: an operation with op \"move\" and one without op are refused with 400, and neither changes the resource.")]
    public async Task OpValid()
    {
        var userType = await PatchableUserTypeAsync();
        // Incidental to what is judged: any settable string the schema declares (nickName where it does).
        var attribute = await AttributeAsync(userType, AttributeNeed.SettableOptionalString);
        var user = await CreateUserAsync();
        var move = await PatchAsync(userType, user, Op("move", attribute, Target.Prefix.Name("moved")));
        ExpectRefused(move, "has op \"move\"", "invalidSyntax", "invalidValue");
        var withoutOp = new JsonObject { ["path"] = attribute, ["value"] = Target.Prefix.Name("no-op") };
        ExpectRefused(await PatchAsync(userType, user, withoutOp), "has an operation without op", "invalidSyntax", "invalidValue");
        var read = await ReadOrSkipAsync(userType, IdOf(user));
        Expect.That(read.Member(attribute) is null, "a refused operation changed the resource", $"no {attribute}", ScimJson.Describe(read.Member(attribute)));
    }

    [Check("patch.response.status", "A successful PATCH answers 200 with the resource, or 204",
        References = ["RFC7644 §3.5.2"], Rows = ["RFC7644-3.5.2-PATCH-RESPONSE"], Tags = ["patch"],
        Requirement = "On success the server answers 200 with the whole resource as now stored (its id, the change applied), or 204 No Content with no body.")]
    public async Task ResponseStatus()
    {
        var userType = await PatchableUserTypeAsync();
        // Incidental to what is judged: any settable string the schema declares (nickName where it does).
        var attribute = await AttributeAsync(userType, AttributeNeed.SettableOptionalString);
        var user = await CreateUserAsync();
        var nick = Target.Prefix.Name("nick");
        var response = await PatchAsync(userType, user, Op("replace", attribute, nick));
        if (response.Status == 204)
        {
            Expect.That(string.IsNullOrWhiteSpace(response.Body), "a 204 answer to PATCH has a body", "no body with 204", ScimJson.Abbreviate(response.Body ?? ""));
            return;
        }
        Expect.That(response.Status == 200, "a valid PATCH answered neither 200 nor 204", "HTTP 200 with the resource, or 204", $"{response.Summary}{ErrorReplies.DetailHint(response)}");
        var body = response.JsonObject;
        Expect.That(body?.StringMember("id") == IdOf(user) && body.StringMember(attribute) == nick,
            "the 200 answer to PATCH is not the patched resource", $"a body with id {IdOf(user)} and {attribute} \"{nick}\"",
            body is null ? $"body {ScimJson.Abbreviate(response.Body ?? "(empty)")}" : $"id {ScimJson.Describe(body.Member("id"))}, {attribute} {ScimJson.Describe(body.Member(attribute))}");
    }

    [Check("patch.response.attributes", "A PATCH with attributes answers 200 with just those attributes",
        References = ["RFC7644 §3.5.2", "RFC7644 §3.9"], Rows = ["RFC7644-3.5.2-PATCH-ATTRS-200"], Tags = ["patch", "attributes"],
        Requirement = "When the PATCH request carries attributes, the answer MUST be 200 with the resource cut down to them: ?attributes=userName gives id and userName, not the attribute the PATCH just set (nickName, or another settable string the schema declares).")]
    public async Task ResponseAttributes()
    {
        var userType = await PatchableUserTypeAsync();
        // Incidental to what is judged: any settable string the schema declares (nickName where it does).
        var attribute = await AttributeAsync(userType, AttributeNeed.SettableOptionalString);
        var user = await CreateUserAsync();
        var response = await SendPatchAsync(userType, IdOf(user), PatchBody(Op("replace", attribute, Target.Prefix.Name("nick"))), "?attributes=userName");
        Expect.That(response.Status == 200, "a PATCH with attributes did not answer 200", "HTTP 200 with id and userName", $"{response.Summary}{ErrorReplies.DetailHint(response)}");
        var body = Expect.JsonObject(response, "the 200 answer to a PATCH with attributes");
        var problems = new List<string>();
        if (body.StringMember("id") != IdOf(user))
            problems.Add($"id is {ScimJson.Describe(body.Member("id"))}");
        if (body.StringMember("userName") is null)
            problems.Add("userName is missing");
        if (body.Member(attribute) is not null)
            problems.Add($"{attribute} {ScimJson.Describe(body.Member(attribute))} is there although not asked for");
        Expect.NoProblems(problems, "the answer to a PATCH with attributes=userName is not cut down to them", $"id and userName (and other returned-always attributes), no {attribute}");
    }

    [Check("patch.errors.body", "A refused PATCH answers with a SCIM error",
        References = ["RFC7644 §3.5.2", "RFC7644 §3.12"], Rows = ["RFC7644-3.5.2-PATCH-ERRORS"], Tags = ["patch", "errors"],
        Requirement = "Every PATCH failure answers an HTTP error status with a SCIM error body: schemas [urn:ietf:params:scim:api:messages:2.0:Error] and status, the HTTP status as a string.")]
    public async Task ErrorBody()
    {
        var userType = await PatchableUserTypeAsync();
        var user = await CreateUserAsync();
        var failures = new[]
        {
            await PatchAsync(userType, user, Op("move", "nickName", "x")),
            await PatchAsync(userType, user, Op("remove", null)),
            await PatchAsync(userType, user, Op("replace", $"emails[type eq \"{Target.Prefix.Name("none")}\"].value", "x")),
        };
        // This check judges the body of a refusal. An invalid PATCH that the server accepted is the finding of the
        // check for that operation (patch.request.op-valid, patch.remove.no-path, patch.replace.no-target), not a
        // malformed error; only the refused ones are judged here.
        var refused = failures.Where(r => r.Status >= 400).ToList();
        if (refused.Count == 0)
            throw new PrerequisiteException($"none of the {failures.Length} invalid PATCH requests was refused ({string.Join("; ", failures.Select(r => r.Summary))}), so there is no error body to judge");
        var problems = new List<string>();
        foreach (var response in refused)
        {
            var body = ErrorBodies.BodyOf(response);
            var problem = ErrorBodies.BodyProblem(response) ?? ErrorBodies.SchemaProblem(response, body!)
                ?? ErrorBodies.StatusStringProblem(response, body!) ?? ErrorBodies.StatusMatchProblem(response, body!);
            if (problem is not null)
                problems.Add(problem);
        }
        Expect.NoProblems(problems, "a refused PATCH did not answer with a SCIM error", $"schemas [\"{ScimUrns.Error}\"] with status as a string, for each of the {refused.Count} refused invalid PATCH requests");
    }

    [Check("patch.unknown-404", "PATCH of a resource that does not exist answers 404",
        References = ["RFC7644 §3.12", "RFC7644 §3.5.2"], Rows = ["RFC7644-3.5.2-PATCH-404"], Tags = ["patch", "errors"],
        Requirement = "A PATCH of {endpoint}/{id} for an id that does not exist is answered 404 with a SCIM error.")]
    public async Task Unknown404()
    {
        var userType = await PatchableUserTypeAsync();
        // Incidental to what is judged: any settable string the schema declares (nickName where it does).
        var attribute = await AttributeAsync(userType, AttributeNeed.SettableOptionalString);
        var response = await SendPatchAsync(userType, MissingId(), PatchBody(Op("replace", attribute, "x")));
        Ledger.Track(response, ResourceFactory.EndpointOf(userType));
        Expect.Status(response, 404, "Table 8 answers a request for a resource that does not exist with 404");
    }

    [Check("patch.sequential", "Operations apply in order, each to the result of the one before",
        References = ["RFC7644 §3.5.2"], Rows = ["RFC7644-3.5.2-PATCH-SEQUENTIAL"], Tags = ["patch", "groups"],
        Requirement = "Operations are applied in the order sent: [add nickName \"a\", replace nickName \"b\"] leaves \"b\", and on a group [remove members, add members B] leaves exactly B.")]
    public async Task Sequential()
    {
        var userType = await PatchableUserTypeAsync();
        var user = await CreateUserAsync();
        var attribute = (await SettableUserStringsAsync(1, "nickName", "title", "displayName", "profileUrl"))[0];
        var (first, second) = (Target.Prefix.Name("first"), Target.Prefix.Name("second"));
        ExpectApplied(await PatchAsync(userType, user, Op("add", attribute, first), Op("replace", attribute, second)), $"adds then replaces {attribute}");
        var read = await ReadOrSkipAsync(userType, IdOf(user));
        Expect.That(read.StringMember(attribute) == second, "the operations were not applied in order", $"{attribute} \"{second}\"", ScimJson.Describe(read.Member(attribute)));

        var groupType = await GroupTypeAsync();
        var (a, b) = (await CreateUserAsync(), await CreateUserAsync());
        var group = await CreateGroupAsync(IdOf(a));
        ExpectApplied(await PatchAsync(groupType, group, Op("remove", "members"), Op("add", "members", MemberList(IdOf(b)))), "removes all members, then adds one");
        var members = MemberIds(await ReadOrSkipAsync(groupType, IdOf(group)));
        Expect.That(members.SequenceEqual([IdOf(b)]), "[remove members, add members B] did not leave exactly B", $"members [{IdOf(b)}]", $"members {ScimJson.List(members)}");
    }

    [Check("patch.atomic", "A PATCH with one failing operation changes nothing",
        References = ["RFC7644 §3.5.2"], Rows = ["RFC7644-3.5.2-PATCH-ATOMIC"], Tags = ["patch", "atomic"],
        Requirement = "A PATCH is atomic: when any operation fails, the resource is left exactly as it was — [replace nickName, replace a value filter that matches nothing] is refused, and nickName, meta.lastModified, meta.version and the ETag are unchanged.")]
    public async Task Atomic()
    {
        var userType = await PatchableUserTypeAsync();
        // The operation that must not stick is set on an attribute the server's schema declares, so that what the
        // check compares is something the server does store; every comparison is with the server's own state
        // before the PATCH, never with what the check sent.
        var attribute = (await SettableUserStringsAsync(1, "nickName", "displayName", "title", "profileUrl"))[0];
        var user = await CreateUserAsync(adjust: body =>
        {
            body[attribute] = Target.Prefix.Name("original");
            body["emails"] = new JsonArray(Email(EmailAddress("work"), "work"));
        });
        var before = await ReadAsync(userType, IdOf(user));
        var beforeBody = before.JsonObject ?? throw new PrerequisiteException($"the user could not be read: {before.Summary}");
        var changed = Target.Prefix.Name("changed");
        var response = await PatchAsync(userType, user, Op("replace", attribute, changed),
            Op("replace", $"emails[type eq \"{Target.Prefix.Name("none")}\"].value", EmailAddress("other")));
        // Accepting a value filter that selects nothing is patch.replace.no-target's finding; here it only means
        // that this PATCH had no failing operation, so atomicity was not exercised.
        if (response.Status is >= 200 and < 300)
            throw new PrerequisiteException($"the PATCH whose second operation selects no value was accepted ({response.Summary}), so no operation failed and atomicity could not be observed");
        Expect.That(response.Status is >= 400 and < 500, "a PATCH whose second operation cannot apply (its filter selects nothing) was not refused",
            "HTTP 400 (noTarget)", $"{response.Summary}{ErrorReplies.DetailHint(response)}");
        var after = await ReadAsync(userType, IdOf(user));
        var afterBody = after.JsonObject ?? throw new PrerequisiteException($"the user could not be read back: {after.Summary}");
        var problems = new List<string>();
        foreach (var path in new[] { attribute, "emails", "meta.lastModified", "meta.version" })
        {
            if (!JsonNode.DeepEquals(beforeBody.Path(path), afterBody.Path(path)))
                problems.Add($"{path} moved from {ScimJson.Describe(beforeBody.Path(path))} to {ScimJson.Describe(afterBody.Path(path))}");
        }
        if (before.Header("ETag") != after.Header("ETag"))
            problems.Add($"the ETag moved from {before.Header("ETag")} to {after.Header("ETag")}");
        Expect.NoProblems(problems, "a refused PATCH left part of its operations applied", "the resource exactly as before the refused PATCH");
        // Nothing moved. That proves atomicity only if the first operation would have succeeded on its own: a server
        // that refuses it as well stopped at the first operation, and no operation succeeded before the failure.
        var alone = await PatchAsync(userType, user, Op("replace", attribute, changed));
        if (alone.Status is < 200 or >= 300)
            throw new PrerequisiteException($"the first operation (replace {attribute}) is refused on its own as well ({alone.Summary}{ErrorReplies.DetailHint(alone)}), so the PATCH never held an operation that succeeded before the failing one");
    }
}
