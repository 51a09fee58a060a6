using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Lifecycle;

/// <summary>RFC 7644 §3.4.1 and RFC 7643 §3.1: reading a resource back, and the `meta` the server maintains.</summary>
[TargetEffect(TargetEffect.Writes)]
public sealed partial class ReadAndMetaChecks : LifecycleCheck
{
    // xsd:dateTime with a time zone (RFC 7643 §2.3.5 refers to XML Schema dateTime; a zone is expected in practice).
    [GeneratedRegex(@"^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex XsdDateTime();

    [Check("lifecycle.read.by-id", "A resource can be read by its id",
        References = ["RFC7644 §3.4.1"], Rows = ["RFC7644-3.4.1-GET-200"], Tags = ["read"],
        Requirement = "GET {endpoint}/{id} of an existing resource answers 200 with that resource, for every resource type.")]
    public async Task ById()
    {
        var problems = new List<string>();
        foreach (var type in await ResourceTypesAsync())
        {
            var created = await Resources.CreateOrSkipAsync(type, await Resources.MinimalAsync(type));
            var read = await ReadAsync(type, IdOf(created));
            if (read.Status != 200 || read.JsonObject?.StringMember("id") != IdOf(created))
                problems.Add($"{ResourceFactory.NameOf(type)}: {read.Summary}");
        }
        Expect.NoProblems(problems, "an existing resource could not be read by its id", "HTTP 200 with the resource, for every type");
    }

    [Check("lifecycle.meta.assigned", "The server fills in meta: resourceType, created, lastModified, location",
        References = ["RFC7643 §3.1", "RFC7644 §3.3.1"], Rows = ["RFC7643-3.1-META-ASSIGNED", "RFC7644-3.3.1-CREATE-RESOURCETYPE"], Tags = ["meta"], PerResourceType = true,
        Requirement = "After creation, `meta` carries resourceType (the resource type's name), created, lastModified and location (and version when ETags are supported), for every resource type.")]
    public Task Assigned() => ForEachResourceTypeAsync(async type =>
    {
        var etag = (await DiscoveryAsync()).ServiceProviderConfig.Path("etag.supported").IsTrue();
        var created = await Resources.CreateOrSkipAsync(type.ResourceType, await Resources.MinimalAsync(type.ResourceType));
        var meta = (await ReadOrSkipAsync(type.ResourceType, IdOf(created))).Member("meta") as JsonObject;
        var required = new List<string> { "resourceType", "created", "lastModified", "location" };
        if (etag)
            required.Add("version");
        var problems = required.Where(m => !(meta?.Member(m)).IsString()).Select(m => $"meta.{m} is {ScimJson.Describe(meta?.Member(m))}").ToList();
        if (meta?.StringMember("resourceType") is { } rt && rt != type.ResourceType.StringMember("name"))
            problems.Add($"meta.resourceType is \"{rt}\", not \"{type.ResourceType.StringMember("name")}\"");
        Expect.NoProblems(problems, $"the meta of a new {type.Name} is incomplete",
            $"meta.resourceType \"{type.ResourceType.StringMember("name")}\", created, lastModified and location" + (etag ? " and version" : ""));
    });

    [Check("lifecycle.meta.datetimes", "meta.created and meta.lastModified are xsd:dateTime values",
        References = ["RFC7643 §3.1", "RFC7643 §2.3.5"], Rows = ["RFC7643-3.1-META-CREATED-DATETIME"], Tags = ["meta"],
        Requirement = "`meta.created` and `meta.lastModified` are dateTime values as XML Schema defines them: a date and a time with a time zone, e.g. 2026-11-23T04:22:39Z.")]
    public async Task DateTimes()
    {
        var user = await CreateUserAsync();
        var meta = (await ReadOrSkipAsync(await UserTypeAsync(), IdOf(user))).Member("meta") as JsonObject;
        var problems = new[] { "created", "lastModified" }
            .Where(m => !(meta?.StringMember(m) is { } v && XsdDateTime().IsMatch(v) && DateTimeOffset.TryParse(v, CultureInfo.InvariantCulture, out _)))
            .Select(m => $"meta.{m} is {ScimJson.Describe(meta?.Member(m))}").ToList();
        Expect.NoProblems(problems, "a meta timestamp is not an xsd:dateTime", "YYYY-MM-DDThh:mm:ss with a zone (Z or ±hh:mm)");
    }

    [Check("lifecycle.meta.last-modified-equals-created", "A resource never modified has lastModified equal to created",
        References = ["RFC7643 §3.1"], Rows = ["RFC7643-3.1-META-LASTMOD-EQ-CREATED"], Tags = ["meta"],
        Requirement = "\"If this resource has never been modified since its initial creation, the value MUST be the same as the value of created.\"")]
    public async Task LastModifiedEqualsCreated()
    {
        var user = await CreateUserAsync();
        var meta = (await ReadOrSkipAsync(await UserTypeAsync(), IdOf(user))).Member("meta") as JsonObject;
        var created = meta?.StringMember("created");
        var lastModified = meta?.StringMember("lastModified");
        if (created is null || lastModified is null)
            throw new PrerequisiteException("meta.created or meta.lastModified is missing (see lifecycle.meta.assigned)");
        var same = created == lastModified
            || (DateTimeOffset.TryParse(created, CultureInfo.InvariantCulture, out var c) && DateTimeOffset.TryParse(lastModified, CultureInfo.InvariantCulture, out var l) && c == l);
        Expect.That(same, "a resource that was never modified has lastModified different from created",
            $"lastModified = created ({created})", $"lastModified {lastModified}");
    }

    [Check("lifecycle.meta.location-resolves", "meta.location is the resource's own URI",
        References = ["RFC7643 §3.1"], Rows = ["RFC7643-3.1-META-LOCATION"], Tags = ["meta"],
        Requirement = "`meta.location` is the URI of the resource: a GET of it answers 200 with the same id, for every resource type.")]
    public async Task LocationResolves()
    {
        var problems = new List<string>();
        foreach (var type in await ResourceTypesAsync())
        {
            var created = await Resources.CreateOrSkipAsync(type, await Resources.MinimalAsync(type));
            var location = created.Path("meta.location")?.ToString();
            if (location is null)
                throw new PrerequisiteException($"the {ResourceFactory.NameOf(type)} has no meta.location (see lifecycle.meta.assigned)");
            var url = Target.Resolve(location);
            if (!Target.IsUnderBaseUrl(url))
            {
                problems.Add($"{ResourceFactory.NameOf(type)}: meta.location {location} is not under the base URL");
                continue;
            }
            var read = await Scim.GetAsync(location);
            if (read.Status != 200 || read.JsonObject?.StringMember("id") != IdOf(created))
                problems.Add($"{ResourceFactory.NameOf(type)}: GET {location} → {read.Status}, id {ScimJson.Describe(read.JsonObject?.Member("id"))}");
        }
        Expect.NoProblems(problems, "meta.location does not lead to the resource", "GET meta.location → 200 with the same id");
    }

    [Check("lifecycle.meta.content-location", "A Content-Location header, when sent, equals meta.location",
        References = ["RFC7643 §3.1"], Rows = ["RFC7643-3.1-META-LOCATION-CONTENT-LOCATION"], Tags = ["meta"],
        Requirement = "`meta.location` \"MUST be the same as the Content-Location HTTP response header\": when a GET of a resource carries Content-Location, it equals meta.location (most servers send none, which is fine).")]
    public async Task ContentLocation()
    {
        var user = await CreateUserAsync();
        var read = await ReadAsync(await UserTypeAsync(), IdOf(user));
        if (read.Header("Content-Location") is not { } header)
            return;
        var location = read.JsonObject?.Path("meta.location")?.ToString();
        Expect.That(location is not null && Target.Resolve(header) == Target.Resolve(location),
            "the Content-Location header differs from meta.location", $"Content-Location {location}", $"Content-Location {header}");
    }

    [Check("lifecycle.meta.version-matches-etag", "meta.version equals the ETag header of the same response",
        References = ["RFC7643 §3.1", "RFC7644 §3.14"], Rows = ["RFC7643-3.1-META-VERSION-ETAG", "RFC7644-3.14-ETAG-META-VERSION"], Tags = ["meta", "etag"],
        Requirement = "When a resource carries `meta.version`, it is the same entity tag as the ETag header of the response that carries it (checked on the create and a fresh GET). RFC 7643 §3.1 writes this \"must\" in lower case, but as the definition of the attribute: a version that differs from the ETag breaks If-Match for every client, so it is graded as a MUST.")]
    public async Task VersionMatchesEtag()
    {
        var userType = await UserTypeAsync();
        var created = await Resources.CreateAsync(userType, await Resources.MinimalAsync(userType));
        if (created.Status != 201 || created.JsonObject?.StringMember("id") is not { } id)
            throw new PrerequisiteException($"a minimal user could not be created: {created.Summary}");
        var read = await ReadAsync(userType, id);
        var problems = new List<string>();
        foreach (var response in new[] { created, read })
        {
            if (response.JsonObject?.Path("meta.version")?.ToString() is not { } version)
                continue;
            if (response.Header("ETag") is { } etag && etag != version)
                problems.Add($"{response.Summary}: meta.version {version} but ETag {etag}");
        }
        if (created.JsonObject?.Path("meta.version") is null && read.JsonObject?.Path("meta.version") is null)
            throw new NotApplicableException("the server sets no meta.version");
        Expect.NoProblems(problems, "meta.version and the ETag header disagree", "the ETag header equal to meta.version");
    }

    [Check("lifecycle.meta.weak-version-prefix", "A weak version is marked with the case-sensitive W/ prefix",
        References = ["RFC7643 §3.1", "RFC7232 §2.3"], Rows = ["RFC7643-3.1-META-VERSION-WEAK"], Tags = ["meta", "etag"],
        Requirement = "A weak entity tag in `meta.version` (and ETag) starts with the case-sensitive weakness indicator `W/` followed by a quoted tag; `w/` is not a weak tag.")]
    public async Task WeakVersionPrefix()
    {
        var user = await CreateUserAsync();
        var read = await ReadAsync(await UserTypeAsync(), IdOf(user));
        var version = read.JsonObject?.Path("meta.version")?.ToString() ?? throw new NotApplicableException("the server sets no meta.version");
        var candidates = new[] { ("meta.version", version), ("ETag", read.Header("ETag")) }.Where(c => c.Item2 is not null).ToList();
        var problems = candidates.Where(c => c.Item2!.StartsWith("w/", StringComparison.Ordinal) || !(c.Item2!.StartsWith("W/\"", StringComparison.Ordinal) || c.Item2.StartsWith('"')) || !c.Item2.EndsWith('"'))
            .Select(c => $"{c.Item1} is {c.Item2}").ToList();
        Expect.NoProblems(problems, "an entity tag is malformed", "W/\"…\" for a weak tag or \"…\" for a strong one");
    }

    [Check("lifecycle.meta.last-modified-advances", "lastModified moves forward when the resource changes",
        References = ["RFC7643 §3.1"], Rows = ["RFC7643-3.1-META-LASTMOD-ADVANCES"], Tags = ["meta", "put"],
        Requirement = "`meta.lastModified` is the time of the latest change: after a PUT it is not earlier than before, nor than meta.created. (That it strictly advances needs changes further apart than the server's clock resolution; the suite does not sleep to force that.)")]
    public async Task LastModifiedAdvances()
    {
        var userType = await UserTypeAsync();
        var user = await CreateUserAsync();
        var before = user.Path("meta.lastModified")?.ToString();
        var created = user.Path("meta.created")?.ToString();
        var body = (JsonObject)user.DeepClone();
        body.Remove("meta");
        body.Remove("id");
        body["displayName"] = Target.Prefix.Name("geändert");
        var put = await Scim.PutAsync($"{ResourceFactory.EndpointOf(userType).TrimStart('/')}/{IdOf(user)}", body);
        if (put.Status != 200)
            throw new PrerequisiteException($"PUT did not succeed: {put.Summary} (see lifecycle.put.replaces)");
        var after = (await ReadOrSkipAsync(userType, IdOf(user))).Path("meta.lastModified")?.ToString();
        if (!TryParse(before, out var b) || !TryParse(after, out var a) || !TryParse(created, out var c))
            throw new PrerequisiteException("meta.created or meta.lastModified is not a dateTime (see lifecycle.meta.datetimes)");
        Expect.That(a >= b && a >= c, "lastModified went backwards after a change", $"lastModified ≥ {before} (and ≥ created {created})", $"lastModified {after}");
    }

    private static bool TryParse(string? text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
}
