using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Scim.Conformance.Suites.Kit;

/// <summary>Everything a check created, deleted in reverse order when the check ends — whether it passed, failed or
/// threw — so a run leaves nothing behind in the tenant. Only what was recorded here is ever deleted.</summary>
public sealed class ResourceLedger(ScimClient client)
{
    private readonly ConcurrentStack<string> _created = new();

    public IReadOnlyCollection<string> Outstanding => _created.ToArray();

    /// <summary>Records the resource a successful create returned: <c>{endpoint}/{id}</c>, or, when the body has no
    /// <c>id</c>, its <c>meta.location</c> or <c>Location</c> header — but only a URL under the target's base URL, so
    /// a server cannot steer a DELETE (with our credentials) anywhere else.</summary>
    public void Track(ScimResponse created, string endpoint)
    {
        if (created.Status is < 200 or >= 300 || LocationOf(created, endpoint, client.Session) is not { } location)
            return;
        _created.Push(location);
    }

    /// <summary>Records a resource created other than by a plain POST (a Bulk operation, say) by its URL — but only a
    /// URL under the target's base URL, for the same reason as <see cref="Track"/>.</summary>
    public void TrackLocation(string? location)
    {
        if (location is not null && client.Session.IsUnderBaseUrl(client.Session.Resolve(location)))
            _created.Push(location);
    }

    public static string? LocationOf(ScimResponse created, string endpoint, TargetSession session)
    {
        var body = created.JsonObject;
        if (body?.StringMember("id") is { Length: > 0 } id)
            return $"{endpoint.TrimEnd('/')}/{Uri.EscapeDataString(id)}";
        var candidate = body?.Path("meta.location") is JsonValue v && v.IsString() ? v.GetValue<string>() : created.Header("Location");
        return candidate is not null && session.IsUnderBaseUrl(session.Resolve(candidate)) ? candidate : null;
    }

    /// <summary>Deletes what was created, newest first. Returns what could not be deleted (404 counts as gone).</summary>
    public async Task<IReadOnlyList<string>> CleanupAsync()
    {
        var leftovers = new List<string>();
        while (_created.TryPop(out var location))
        {
            try
            {
                var response = await client.DeleteAsync(location);
                if (response.Status is not (>= 200 and < 300) and not 404)
                    leftovers.Add($"{location} (DELETE answered {response.Status})");
            }
            catch (HarnessException e)
            {
                leftovers.Add($"{location} ({e.Message})");
            }
        }
        return leftovers;
    }
}
