using System.Runtime.CompilerServices;
using Scim.Conformance.Reports.Model;

namespace Scim.Conformance.Suites.Kit;

/// <summary>Bounds the exchanges a run keeps as evidence, whatever a server sends: the recorder caps each body, but a
/// server whose ids are 60,000 characters long puts one in every URL, every Location header and every body, and a full
/// run keeps thousands of exchanges (each discovery exchange cited again by every check short of a Pass) — gigabytes,
/// and an out-of-memory death before any report is written. So every kept exchange has its URL and header values
/// capped; bodies of up to <see cref="BodyAlwaysWhole"/> characters are kept whole; a longer one is kept whole while
/// the run's budget lasts (each citation draws its full length, as each is written out again in every report), and
/// after that it is cut to <see cref="BodyAfterBudget"/> characters, visibly. A full run against the reference server
/// cites about 3.5 million characters of bodies, so ordinary runs stay within the budget.</summary>
public sealed class EvidenceBudget(long bodyCharacters = EvidenceBudget.DefaultBodyCharacters)
{
    public const long DefaultBodyCharacters = 6 * 1024 * 1024;
    public const int BodyAlwaysWhole = 4 * 1024;
    public const int BodyAfterBudget = 512;
    public const int MaxUrlLength = 512;
    public const int MaxHeaderValueLength = 256;

    private static readonly ConditionalWeakTable<TargetSession, EvidenceBudget> PerSession = new();

    private long _remaining = bodyCharacters;
    // Per exchange, made once: the form with URL and headers capped and bodies whole, and the form with bodies cut.
    private readonly ConditionalWeakTable<Exchange, Exchange> _whole = new();
    private readonly ConditionalWeakTable<Exchange, Exchange> _cut = new();

    /// <summary>The budget of a session's run.</summary>
    public static EvidenceBudget For(TargetSession session) => PerSession.GetValue(session, _ => new EvidenceBudget());

    /// <summary>A check's own exchange as it is recorded: capped, and its long bodies drawn from the budget once (it is
    /// cited by that check's result only). <see cref="Keep(Exchange)"/> passes it through unchanged later.</summary>
    public Exchange Admit(Exchange exchange)
    {
        var admitted = Cited(exchange);
        _admitted.AddOrUpdate(admitted, Marker);
        return admitted;
    }

    /// <summary>The exchange as a result keeps it: itself when nothing needed cutting, and the same object for every
    /// citation that keeps it whole, so that shared evidence (discovery's) is shared in memory too.</summary>
    public Exchange Keep(Exchange exchange) => _admitted.TryGetValue(exchange, out _) ? exchange : Cited(exchange);

    private static readonly object Marker = new();
    // Exchanges already drawn from the budget when they were recorded.
    private readonly ConditionalWeakTable<Exchange, object> _admitted = new();

    private Exchange Cited(Exchange exchange)
    {
        var whole = _whole.GetValue(exchange, e => Capped(e, cutBodies: false));
        var cost = LongBodyLength(exchange);
        if (cost == 0)
            return whole;
        if (Interlocked.Add(ref _remaining, -cost) >= 0)
            return whole;
        Interlocked.Add(ref _remaining, cost); // not spent: a shorter body later may still fit
        return _cut.GetValue(exchange, e => Capped(e, cutBodies: true));
    }

    public IReadOnlyList<Exchange> Keep(IReadOnlyList<Exchange> exchanges) => [.. exchanges.Select(Keep)];

    private static long LongBodyLength(Exchange e) =>
        (e.RequestBody?.Length > BodyAlwaysWhole ? e.RequestBody.Length : 0)
        + (e.ResponseBody?.Length > BodyAlwaysWhole ? e.ResponseBody.Length : 0);

    private static Exchange Capped(Exchange e, bool cutBodies)
    {
        var url = EvidenceText.Cap(e.Url, MaxUrlLength)!;
        var requestHeaders = Headers(e.RequestHeaders);
        var responseHeaders = Headers(e.ResponseHeaders);
        var requestBody = cutBodies ? Body(e.RequestBody) : e.RequestBody;
        var responseBody = cutBodies ? Body(e.ResponseBody) : e.ResponseBody;
        var error = EvidenceText.Cap(e.Error);
        var note = EvidenceText.Cap(e.Note);
        if (ReferenceEquals(url, e.Url) && ReferenceEquals(requestHeaders, e.RequestHeaders) && ReferenceEquals(responseHeaders, e.ResponseHeaders)
            && ReferenceEquals(requestBody, e.RequestBody) && ReferenceEquals(responseBody, e.ResponseBody)
            && ReferenceEquals(error, e.Error) && ReferenceEquals(note, e.Note))
            return e;
        return e with
        {
            Url = url,
            RequestHeaders = requestHeaders,
            ResponseHeaders = responseHeaders,
            RequestBody = requestBody,
            RequestBodyTruncated = e.RequestBodyTruncated || !ReferenceEquals(requestBody, e.RequestBody),
            ResponseBody = responseBody,
            ResponseBodyTruncated = e.ResponseBodyTruncated || !ReferenceEquals(responseBody, e.ResponseBody),
            Error = error,
            Note = note,
        };
    }

    private static IReadOnlyDictionary<string, string> Headers(IReadOnlyDictionary<string, string> headers) =>
        headers.Values.All(v => v.Length <= MaxHeaderValueLength)
            ? headers
            : headers.ToDictionary(h => h.Key, h => EvidenceText.Cap(h.Value, MaxHeaderValueLength)!, StringComparer.OrdinalIgnoreCase);

    private static string? Body(string? body) => body is null || body.Length <= BodyAlwaysWhole ? body : EvidenceText.Cap(body, BodyAfterBudget);
}
