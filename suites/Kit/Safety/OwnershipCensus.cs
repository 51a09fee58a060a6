namespace Scim.Conformance.Suites.Kit.Safety;

/// <summary>Before the run creates anything, it reads the first page of every advertised collection once: every id
/// listed then is someone else's, so a create later answered with one of those ids (the run's values echoed over an
/// existing resource) is recognised as not the run's (see <see cref="RunOwnership"/>). One request per resource type;
/// a tenant with more resources than a page is protected for that page, and for every resource the run sees later.</summary>
public static class OwnershipCensus
{
    private const int PageSize = 200;

    public static async Task TakeAsync(TargetSession session, CancellationToken cancellationToken)
    {
        var discovery = await session.DiscoveryAsync();
        // Its exchanges are the run's, like discovery's: they back the findings that rest on them.
        var client = new ScimClient(session, session.SessionExchanges.Enqueue, cancellationToken);
        foreach (var type in discovery.ResourceTypes)
        {
            if (type.StringMember("endpoint") is not { Length: > 0 } endpoint)
                continue;
            try
            {
                await client.GetAsync($"{endpoint.TrimStart('/')}?startIndex=1&count={PageSize}");
            }
            catch (HarnessException)
            {
                // The census is a precaution: a collection it cannot read (or one named outside the base URL, already a
                // finding) is simply not counted.
            }
        }
    }
}
