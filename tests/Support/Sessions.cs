using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Tests.Support;

public static class Sessions
{
    public const string Token = "s3cr3t-token-value-0123456789";

    public static TargetSession Over(HttpMessageHandler handler, string baseUrl = "https://scim.example.test/v2", TimeSpan? timeout = null,
        int recordedBodyLimit = 64 * 1024, long maxResponseBytes = 16 * 1024 * 1024) =>
        new(new TargetSessionOptions
        {
            Name = "stub",
            BaseUrl = new Uri(baseUrl),
            Token = Token,
            Handler = handler,
            RequestTimeout = timeout ?? TimeSpan.FromSeconds(5),
            RecordedBodyLimit = recordedBodyLimit,
            MaxResponseBytes = maxResponseBytes,
            Prefix = new RunPrefix("scimct-test01"),
        });
}
