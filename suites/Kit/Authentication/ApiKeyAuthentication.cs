namespace Scim.Conformance.Suites.Kit.Authentication;

/// <summary>An API key sent as the value of a named header (e.g. <c>X-API-Key</c>). The header is registered as a
/// credential header, so its value is masked in every recorded exchange whatever it holds.</summary>
public sealed class ApiKeyAuthentication : TargetAuthentication
{
    private readonly string _headerName;
    private readonly string _key;

    public ApiKeyAuthentication(string headerName, string key)
    {
        if (string.IsNullOrWhiteSpace(headerName) || headerName.Any(c => c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?={}".Contains(c)))
            throw new ArgumentException($"'{headerName}' is not a valid HTTP header name");
        if (string.Equals(headerName, "Authorization", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException("an API key in the Authorization header is a bearer token or another scheme: configure that scheme instead");
        _headerName = headerName;
        _key = key;
    }

    public override string Scheme => "api-key";
    public string HeaderName => _headerName;
    protected override IEnumerable<string?> Secrets => [_key];

    public override void Attach(AuthenticationServices services)
    {
        services.Redactor.AddCredentialHeader(_headerName);
        base.Attach(services);
    }

    public override ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Remove(_headerName);
        request.Headers.TryAddWithoutValidation(_headerName, _key);
        return ValueTask.CompletedTask;
    }

    public override void ApplyWrong(HttpRequestMessage request)
    {
        request.Headers.Remove(_headerName);
        request.Headers.TryAddWithoutValidation(_headerName, MadeUp());
    }
}
