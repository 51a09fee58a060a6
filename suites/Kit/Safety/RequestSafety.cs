using Scim.Conformance.Reports.Model;

namespace Scim.Conformance.Suites.Kit.Safety;

/// <summary>The gate every request passes before it is sent. A request that would leave the base URL, address a
/// parent path through a dot segment, or write to something the run does not own is not sent: it becomes a safety
/// finding of the run and a <see cref="HarnessException"/> for the check (Error: no verdict could be reached safely).</summary>
public static class RequestSafety
{
    public static void EnsureSafe(TargetSession session, HttpMethod method, string pathOrUrl, Uri url, string? body)
    {
        var shown = session.Redactor.Text(ScimJson.Abbreviate(pathOrUrl, 300));
        if (RequestBoundary.DotSegment(pathOrUrl) is { } dot)
            Refuse(session, SafetyFindingKinds.UnaddressableId,
                $"{method} {shown} was not sent: its path segment \"{dot}\" (an id the server gave, say) would be collapsed into the parent path, so the request would reach the collection or the base URL instead of a resource");
        if (!session.Boundary.Allows(url))
            Refuse(session, SafetyFindingKinds.OutsideBaseUrl,
                $"{method} {shown} was not sent: it is outside the base URL {session.Redactor.Text(session.BaseUrl.ToString())} (another origin, or a path that only starts like the base path), and no request of the run goes anywhere else");
        if (!session.Boundary.IsConfigured(url) && session.Ownership.WhyNotToSend(method, url, body) is { } why)
            Refuse(session, SafetyFindingKinds.WriteRefused,
                $"{method} {shown} was not sent: {why}, and the run writes to and deletes only what it created");
    }

    private static void Refuse(TargetSession session, string kind, string detail)
    {
        session.AddSafetyFinding(kind, detail);
        throw new HarnessException(session.Redactor.Text(detail));
    }
}
