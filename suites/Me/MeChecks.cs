using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Me;

/// <summary>RFC 7644 §3.11: /Me, the alias of the resource the authenticated subject is. There is no
/// ServiceProviderConfig flag for it, so what GET /Me answers decides which of these checks applies. The checks only
/// read: the subject is not the run's to change.</summary>
[TargetEffect(TargetEffect.ReadsOnly)]
public sealed class MeChecks : ScimCheck
{
    [Check("me.alias.location", "/Me names the subject's resource",
        References = ["RFC7644 §3.11"], Rows = ["RFC7644-3.11-ME-DIRECT-LOCATION", "RFC7644-3.11-ME-REDIRECT"], Tags = ["me"],
        Requirement = "A server that supports /Me either redirects with 308 Permanent Redirect to the subject's resource, or answers directly with the resource and a Location header holding its permanent URL (its meta.location).")]
    public async Task AliasLocation()
    {
        var me = await GetMeAsync();
        if (me.Status is 501 or 404 or 403 or 400)
            throw new NotApplicableException($"GET /Me answered {me.Status}: the server does not support /Me, or the token's subject is no resource");
        var location = me.Header("Location");
        if (me.Status is >= 300 and < 400)
        {
            Expect.That(me.Status == 308, "/Me redirects, but not with 308 Permanent Redirect", "HTTP 308 with Location", me.Summary);
            Expect.That(location is not null, "/Me answered 308 without a Location", "a Location header naming the subject's resource", me.Summary);
            var target = await Scim.GetAsync(location!);
            Expect.That(target.Status == 200 && target.JsonObject?.StringMember("id") is not null, "the resource /Me redirects to cannot be read",
                $"GET {location} → 200 with a resource", target.Summary);
            return;
        }
        Expect.Status(me, 200, "/Me is either served directly (200) or redirected (308)");
        var body = Expect.JsonObject(me, "the body of GET /Me");
        var metaLocation = body.Path("meta.location")?.ToString();
        Expect.That(location is not null, "/Me was answered directly without a Location header", "Location: the subject's resource URL (RFC 7644 §3.11)",
            $"{me.Summary} without Location");
        if (metaLocation is not null)
        {
            Expect.That(location == metaLocation, "/Me's Location is not the resource's meta.location",
                $"Location {metaLocation}", $"Location {location}");
            return;
        }
        var target2 = await Scim.GetAsync(location!);
        Expect.That(target2.JsonObject?.StringMember("id") == body.StringMember("id"), "/Me's Location does not lead to the same resource",
            $"GET {location} → the resource with id {body.StringMember("id")}", target2.Summary);
    }

    [Check("me.unsupported.501", "A server without /Me answers it 501",
        References = ["RFC7644 §3.11", "RFC7644 §3.12"], Rows = ["RFC7644-3.11-ME-UNSUPPORTED-501"], Tags = ["me"],
        Requirement = "A service provider that does not support /Me should answer it 501 Not Implemented, which tells a client the alias is not offered; a 404 leaves it guessing whether the subject has no resource.")]
    public async Task Unsupported501()
    {
        var me = await GetMeAsync();
        if (me.Status is 200 or (>= 300 and < 400))
            throw new NotApplicableException($"GET /Me answered {me.Status}: the server supports /Me");
        Expect.That(me.Status == 501, "/Me is not supported, but not answered 501", "HTTP 501 Not Implemented",
            $"{me.Summary}{ErrorReplies.DetailHint(me)}");
    }

    /// <summary>GET /Me on a connection of its own, closed after it: a server without /Me may drop the connection after
    /// refusing it although it announced keep-alive (SCIMMY does after its 501), and another check's request must not
    /// be the one to find the connection dead.</summary>
    private Task<ScimResponse> GetMeAsync() =>
        Scim.SendAsync(HttpMethod.Get, "Me", headers: new Dictionary<string, string> { ["Connection"] = "close" });
}
