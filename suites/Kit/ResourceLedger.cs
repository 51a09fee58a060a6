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

    /// <summary>Records the resource a create returned — only when the answer proves it is the run's (see
    /// <see cref="Safety.RunOwnership"/>): it carries the run-prefixed values the run sent, and its id is not one the run
    /// saw on someone else's resource. A successful create that proves nothing is a safety finding: that resource is
    /// never written to or deleted, and the run ends with a sweep of its own prefix in case the server did create one.</summary>
    public void Track(ScimResponse created, string endpoint)
    {
        if (created.Status is < 200 or >= 300)
            return;
        var session = client.Session;
        var collection = session.Resolve(endpoint.TrimStart('/'));
        JsonObject? sent = null;
        try
        {
            sent = created.SentBody is { } text ? JsonNode.Parse(text) as JsonObject : null;
        }
        catch (System.Text.Json.JsonException)
        {
            // a deliberately malformed body: the answer alone must show the run's values
        }
        var proof = session.Ownership.Prove(created, collection, sent);
        if (proof.Location is { } location)
        {
            _created.Push(new Entry(location, _batch.Value));
            return;
        }
        session.NoteLeftSomethingBehind();
        session.AddSafetyFinding(proof.Unaddressable ? Reports.Model.SafetyFindingKinds.UnaddressableId : Reports.Model.SafetyFindingKinds.NotTheRunsResource,
            $"{created.Summary} was not taken as a resource of the run: {proof.Refusal}; it is never written to or deleted");
    }

    /// <summary>Records a resource created other than by a plain POST (a Bulk operation, say) by its URL: the run reads
    /// it first, and records it only when that read proves it is the run's, as <see cref="Track"/> does.</summary>
    public async Task TrackLocationAsync(string? location)
    {
        if (location is null)
            return;
        var session = client.Session;
        var url = session.Resolve(location);
        if (!session.IsUnderBaseUrl(url) || Safety.RequestBoundary.DotSegment(location) is not null || session.Boundary.SegmentsBelowBase(url) is not { Count: >= 2 } segments)
        {
            session.NoteLeftSomethingBehind();
            session.AddSafetyFinding(Reports.Model.SafetyFindingKinds.OutsideBaseUrl,
                $"the location {ScimJson.Abbreviate(location, 300)} of a created resource does not name a resource under the base URL; it was not read, written to or deleted");
            return;
        }
        var collection = session.Resolve(string.Join('/', segments.Take(segments.Count - 1).Select(Uri.EscapeDataString)));
        Track(await client.GetAsync(url.ToString()), collection.ToString());
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
            {
                client.Session.NoteLeftSomethingBehind();
                leftovers.Enqueue($"{location} (DELETE answered {response.Status})");
            }
        }
        catch (HarnessException e)
        {
            client.Session.NoteLeftSomethingBehind();
            leftovers.Enqueue($"{location} ({e.Message})");
        }
    }

    private sealed record Entry(string Location, object? Batch);

    private sealed class Scope(Action end) : IDisposable
    {
        public void Dispose() => end();
    }
}
