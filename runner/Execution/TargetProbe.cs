using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Runner.Execution;

/// <summary>One request before any check: can the target be reached, and does it accept the credentials?</summary>
public static class TargetProbe
{
    public static async Task EnsureReachableAsync(TargetSession session, CancellationToken cancellationToken)
    {
        var client = new ScimClient(session, session.SessionExchanges.Enqueue, cancellationToken);
        ScimResponse response;
        try
        {
            response = await client.GetAsync("ResourceTypes");
        }
        catch (HarnessException e)
        {
            throw new TargetUnreachableException($"target '{session.Name}' at {session.BaseUrl} is unreachable: {e.Message}");
        }
        if (response.Status is 401 or 403)
        {
            var why = session.Options.Token is null ? "no token was configured" : "the configured token was refused";
            throw new TargetUnreachableException(
                $"target '{session.Name}' at {session.BaseUrl} answered {response.Status} to an authenticated request: {why}");
        }
    }
}
