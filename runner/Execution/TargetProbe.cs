using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Suites.Kit.Authentication;

namespace Scim.Conformance.Runner.Execution;

/// <summary>One request before any check (per configured identity): can the target be reached, and does it accept the
/// credentials? A failure here ends the run with exit 3 and the reason, instead of a cascade of failing checks.</summary>
public static class TargetProbe
{
    public static async Task EnsureReachableAsync(TargetSession session, CancellationToken cancellationToken)
    {
        await ProbeAsync(session, session.Primary, cancellationToken);
        if (session.Second is { } second)
            await ProbeAsync(session, second, cancellationToken);
    }

    private static async Task ProbeAsync(TargetSession session, TargetIdentity identity, CancellationToken cancellationToken)
    {
        var client = new ScimClient(session, session.SessionExchanges.Enqueue, cancellationToken).As(identity);
        var who = identity == session.Primary ? "" : $" for the {identity.Label} identity";
        ScimResponse response;
        try
        {
            response = await client.GetAsync("ResourceTypes");
        }
        catch (HarnessException e) when (e.InnerException is AuthenticationFailedException failed)
        {
            throw new TargetUnreachableException(session.Redactor.Text($"target '{session.Name}': authentication failed{who}: {failed.Message}"));
        }
        catch (HarnessException e)
        {
            throw new TargetUnreachableException(session.Redactor.Text($"target '{session.Name}' at {session.BaseUrl} is unreachable{who}: {e.Message}"));
        }
        if (response.Status is 401 or 403)
        {
            var scheme = identity.Options.Description;
            var why = !identity.Options.Authenticates ? "no credentials were configured" : $"the configured credentials ({scheme}) were refused";
            throw new TargetUnreachableException(session.Redactor.Text(
                $"target '{session.Name}' at {session.BaseUrl} answered {response.Status} to an authenticated request{who}: {why}"));
        }
    }
}
