using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Scim.Conformance.Suites.Kit;

/// <summary>Everything a check created, deleted in reverse order when the check ends — whether it passed, failed or
/// threw — so a run leaves nothing behind in the tenant. Only what was recorded here is ever deleted. Resources
/// created inside an <see cref="Independent"/> scope (a thousand users none of which refers to another) are deleted
/// side by side, a few at a time, instead of one after the other.</summary>
public sealed class ResourceLedger(ScimClient client)
{
    /// <summary>How many DELETEs of one independent batch are in flight at once: as many as a check's creates.</summary>
    public const int IndependentDeletesAtOnce = 8;

    private readonly ConcurrentStack<Entry> _created = new();
    private readonly AsyncLocal<object?> _batch = new();

    public IReadOnlyCollection<string> Outstanding => [.. _created.Select(entry => entry.Location)];

    /// <summary>Until disposed, what this flow (and the tasks it starts) creates is one batch of resources that do not
    /// refer to one another, so their order of deletion does not matter.</summary>
    public IDisposable Independent()
    {
        var previous = _batch.Value;
        _batch.Value = new object();
        return new Scope(() => _batch.Value = previous);
    }

    /// <summary>Records the resource a successful create returned: <c>{endpoint}/{id}</c>, or, when the body has no
    /// <c>id</c>, its <c>meta.location</c> or <c>Location</c> header — but only a URL under the target's base URL, so
    /// a server cannot steer a DELETE (with our credentials) anywhere else.</summary>
    public void Track(ScimResponse created, string endpoint)
    {
        if (created.Status is < 200 or >= 300 || LocationOf(created, endpoint, client.Session) is not { } location)
            return;
        _created.Push(new Entry(location, _batch.Value));
    }

    /// <summary>Records a resource created other than by a plain POST (a Bulk operation, say) by its URL — but only a
    /// URL under the target's base URL, for the same reason as <see cref="Track"/>.</summary>
    public void TrackLocation(string? location)
    {
        if (location is not null && client.Session.IsUnderBaseUrl(client.Session.Resolve(location)))
            _created.Push(new Entry(location, _batch.Value));
    }

    public static string? LocationOf(ScimResponse created, string endpoint, TargetSession session)
    {
        var body = created.JsonObject;
        if (body?.StringMember("id") is { Length: > 0 } id)
            return $"{endpoint.TrimEnd('/')}/{Uri.EscapeDataString(id)}";
        var candidate = body?.Path("meta.location") is JsonValue v && v.IsString() ? v.GetValue<string>() : created.Header("Location");
        return candidate is not null && session.IsUnderBaseUrl(session.Resolve(candidate)) ? candidate : null;
    }

    /// <summary>Deletes what was created, newest first (an independent batch all at once, in no particular order).
    /// Returns what could not be deleted (404 counts as gone).</summary>
    public async Task<IReadOnlyList<string>> CleanupAsync()
    {
        var leftovers = new ConcurrentQueue<string>();
        while (_created.TryPop(out var newest))
        {
            var batch = new List<string> { newest.Location };
            while (newest.Batch is not null && _created.TryPeek(out var next) && next.Batch == newest.Batch && _created.TryPop(out next))
                batch.Add(next.Location);
            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = IndependentDeletesAtOnce },
                async (location, _) => await DeleteAsync(location, leftovers));
        }
        return [.. leftovers];
    }

    private async Task DeleteAsync(string location, ConcurrentQueue<string> leftovers)
    {
        try
        {
            var response = await client.DeleteAsync(location);
            if (response.Status is not (>= 200 and < 300) and not 404)
                leftovers.Enqueue($"{location} (DELETE answered {response.Status})");
        }
        catch (HarnessException e)
        {
            leftovers.Enqueue($"{location} ({e.Message})");
        }
    }

    private sealed record Entry(string Location, object? Batch);

    private sealed class Scope(Action end) : IDisposable
    {
        public void Dispose() => end();
    }
}
