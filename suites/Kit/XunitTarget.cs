using Xunit;
using Xunit.v3;

namespace Scim.Conformance.Suites.Kit;

/// <summary>The target when checks run as xunit tests (from an IDE or <c>dotnet test suites</c>):
/// <c>SCIM_CONFORMANCE_BASE_URL</c> (with the token in the variable that <c>SCIM_CONFORMANCE_TOKEN_ENV</c> names),
/// or else the embedded reference server, started once for the whole test run.</summary>
public static class XunitTarget
{
    public const string BaseUrlVariable = "SCIM_CONFORMANCE_BASE_URL";
    public const string TokenEnvVariable = "SCIM_CONFORMANCE_TOKEN_ENV";

    private static readonly Lazy<TargetSession> Session = new(CreateSession, LazyThreadSafetyMode.ExecutionAndPublication);
    private static EmbeddedTarget? _embedded;

    public static CheckContext CreateContextForCurrentTest()
    {
        var method = (TestContext.Current.TestMethod as IXunitTestMethod)?.Method
            ?? throw new InvalidOperationException("a check runs under the runner or under xunit, not from plain code");
        var check = CheckCatalog.All.FirstOrDefault(c => c.Method == method)
            ?? throw new InvalidOperationException($"{method.Name} is not a [Check]");
        var session = Session.Value;
        return new CheckContext(check, session, Profiles.LevelFor(session.Profile, check), TestContext.Current.CancellationToken);
    }

    private static TargetSession CreateSession()
    {
        var baseUrl = Environment.GetEnvironmentVariable(BaseUrlVariable);
        if (!string.IsNullOrWhiteSpace(baseUrl))
        {
            var tokenVariable = Environment.GetEnvironmentVariable(TokenEnvVariable);
            var token = string.IsNullOrWhiteSpace(tokenVariable) ? null : Environment.GetEnvironmentVariable(tokenVariable);
            return new TargetSession(new TargetSessionOptions { Name = "xunit", BaseUrl = new Uri(baseUrl), Token = token });
        }

        _embedded = EmbeddedTarget.StartAsync().GetAwaiter().GetResult();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => _embedded.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return _embedded.CreateSession("reference");
    }
}
