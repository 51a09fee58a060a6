using System.Net.Http.Headers;
using System.Text;

namespace Scim.Conformance.Suites.Kit.Authentication;

/// <summary>HTTP Basic (RFC 7617): <c>Authorization: Basic base64(user:password)</c>, UTF-8 encoded. The password and
/// the encoded pair are both secrets (a server echoing either must not put it in a report).</summary>
public sealed class BasicAuthentication : TargetAuthentication
{
    private readonly string _userName;
    private readonly string _encoded;
    private readonly string _password;

    public BasicAuthentication(string userName, string password)
    {
        if (userName.Contains(':'))
            throw new ArgumentException("an HTTP Basic user name cannot contain ':' (RFC 7617 §2)");
        _userName = userName;
        _password = password;
        _encoded = Encode(userName, password);
    }

    public override string Scheme => "basic";
    protected override IEnumerable<string?> Secrets => [_password, _encoded];

    public override ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", _encoded);
        return ValueTask.CompletedTask;
    }

    public override void ApplyWrong(HttpRequestMessage request) =>
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Encode(_userName, MadeUp()));

    private static string Encode(string userName, string password) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{userName}:{password}"));
}
