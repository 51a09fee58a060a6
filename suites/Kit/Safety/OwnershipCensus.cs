namespace Scim.Conformance.Suites.Kit.Safety;

/// <summary>Before the run creates anything, it reads the first page of every advertised collection once: every id
/// listed then is someone else's, so a create later answered with one of those ids (the run's values echoed over an
/// existing resource) is recognised as not the run's (see <see cref="RunOwnership"/>). One request per resource type;
/// a tenant with more resources than a page is protected for that page, and for every resource the run sees later.</summary>
public static class OwnershipCensus
{
    private const int PageSize = 200;

    /// <summary>The census waits at most this long (or the request timeout, if shorter): a target slow to list its
    /// first page must not hold up the run, which then relies on what it sees later.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(3);

    public static async Task TakeAsync(TargetSession session, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(session.Options.RequestTimeout < Limit ? session.Options.RequestTimeout : Limit);
        try
        {
            var discovery = await session.DiscoveryAsync();
            // Its exchanges are the run's, like discovery's: they back the findings that rest on them.
            var client = new ScimClient(session, session.SessionExchanges.Enqueue, limit.Token);
            // All at once: against a target that does not answer, the census costs one request timeout, not one per type.
            await Task.WhenAll(discovery.ResourceTypes
                .Select(type => type.StringMember("endpoint"))
                .OfType<string>()
                .Where(endpoint => endpoint.Length > 0)
                .Select(endpoint => ReadFirstPageAsync(client, endpoint)));
        }
        catch (Exception e) when (e is HarnessException or PrerequisiteException or OperationCanceledException)
        {
            // The census is a precaution: unreadable discovery is the checks' to report, and a stop is the run's.
        }
    }

    private static async Task ReadFirstPageAsync(ScimClient client, string endpoint)
    {
        try
        {
            await client.GetAsync($"{endpoint.TrimStart('/')}?startIndex=1&count={PageSize}");
        }
        catch (HarnessException)
        {
            // A collection it cannot read (or one named outside the base URL, already a finding) is simply not counted.
        }
    }
}
