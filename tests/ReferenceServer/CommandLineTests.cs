using System.Net;
using System.Text.RegularExpressions;
using Scim.Conformance.ReferenceServer;
using Scim.Conformance.ReferenceServer.CommandLine;
using Xunit;

namespace Scim.Conformance.Tests.ReferenceServer;

/// <summary>The standalone server: its options, its exit codes, and the one line it prints on start.</summary>
public partial class CommandLineTests
{
    [Fact]
    public async Task List_faults_prints_one_line_per_fault_and_exits_0()
    {
        var result = await ServerProcess.RunAsync("--list-faults");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.StdErr);
        Assert.Equal(FaultCatalog.All.Count, result.StdOutLines.Length);
        Assert.All(FaultCatalog.All.Zip(result.StdOutLines), pair =>
        {
            var (fault, line) = pair;
            Assert.StartsWith(fault.Name + " ", line);
            Assert.EndsWith(fault.Description, line);
        });
    }

    [Theory]
    [InlineData("error: unknown fault 'no-such-fault'; see --list-faults", "--fault", "no-such-fault")]
    [InlineData("error: unknown fault 'nope'; see --list-faults", "--fault=spc-without-etag,nope")]
    [InlineData("error: unknown argument '--port'; usage:", "--port", "8080")]
    [InlineData("error: option --urls needs a value; usage:", "--urls")]
    [InlineData("error: invalid URL 'not a url'; expected e.g. http://127.0.0.1:8080", "--urls", "not a url")]
    public async Task A_bad_command_line_prints_one_line_and_exits_2(string expectedStart, params string[] arguments)
    {
        var result = await ServerProcess.RunAsync(arguments);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.StdOut);
        var line = Assert.Single(result.StdErrLines);
        Assert.StartsWith(expectedStart, line);
    }

    [Fact]
    public async Task Starts_prints_where_it_listens_without_the_token_and_serves_there()
    {
        const string token = "process-token-that-must-not-be-printed";
        using var server = ServerProcess.Start("--urls", "http://127.0.0.1:0", "--token", token, "--fault", "spc-without-etag", "--fault", "spc-without-sort");
        try
        {
            var line = await server.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken);

            Assert.NotNull(line);
            var match = ListeningLine().Match(line);
            Assert.True(match.Success, $"unexpected start line: {line}");
            Assert.DoesNotContain(token, line);
            Assert.Equal("spc-without-etag, spc-without-sort", match.Groups["faults"].Value);

            using var http = new HttpClient();
            var client = new ScimTestClient(http, new Uri(match.Groups["url"].Value), token);
            var configuration = (await client.WithToken(null).GetAsync("/ServiceProviderConfig")).AssertStatus(HttpStatusCode.OK).Json;
            Assert.Null(configuration["etag"]);
            (await client.WithToken(null).GetAsync("/Users")).AssertScimError(HttpStatusCode.Unauthorized);
            (await client.GetAsync("/Users")).AssertStatus(HttpStatusCode.OK);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task With_https_it_writes_its_certificate_authority_and_serves_tls_a_client_trusting_it_accepts()
    {
        const string token = "tls-process-token";
        var caFile = Path.Combine(Path.GetTempPath(), $"scim-server-ca-{Guid.NewGuid():N}.pem");
        using var server = ServerProcess.Start("--https", "--urls", "https://127.0.0.1:0", "--ca-out", caFile, "--token", token);
        try
        {
            var line = await server.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken);
            var match = ListeningLine().Match(line ?? "");
            Assert.True(match.Success, $"unexpected start line: {line}");
            Assert.StartsWith("https://", match.Groups["url"].Value);

            var trusted = Scim.Conformance.Suites.Kit.Authentication.ClientCertificates.LoadBundle(caFile);
            using var handler = new Scim.Conformance.Suites.Kit.Authentication.ConnectionSettings { ExtraAuthorities = trusted }.CreateHandlerForTest(null);
            using var http = new HttpClient(handler);
            var client = new ScimTestClient(http, new Uri(match.Groups["url"].Value), token);
            (await client.GetAsync("/Users")).AssertStatus(HttpStatusCode.OK);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync(TestContext.Current.CancellationToken);
            File.Delete(caFile);
        }
    }

    [Fact]
    public void Options_take_values_after_a_space_or_an_equals_sign_and_faults_repeat()
    {
        var parsed = ServerCommandLine.Parse(["--urls=http://127.0.0.1:9000", "--token", "t", "--fault", "a,b", "--fault=c"]);

        Assert.Equal("http://127.0.0.1:9000", parsed.Options.Urls);
        Assert.Equal("t", parsed.Options.Token);
        Assert.Equal(["a", "b", "c"], parsed.Options.Faults);
        Assert.False(parsed.ListFaults);
    }

    [Fact]
    public void Without_names_optional_features_in_any_case_and_refuses_unknown_ones()
    {
        var parsed = ServerCommandLine.Parse(["--without", "patch,Bulk", "--without=asynchronous-requests"]);

        Assert.Equal([OptionalFeature.Patch, OptionalFeature.Bulk, OptionalFeature.AsynchronousRequests], parsed.Options.Without);
        Assert.Empty(ServerCommandLine.Parse([]).Options.Without);
        var refusal = Assert.Throws<CommandLineException>(() => ServerCommandLine.Parse(["--without", "patch,teleport"]));
        Assert.Contains("'teleport'", refusal.Message);
    }

    [Fact]
    public void Authentication_options_configure_each_scheme()
    {
        var parsed = ServerCommandLine.Parse(["--basic", "u:p:w", "--api-key=X-Key:k", "--oauth-client", "c:s", "--oauth-token-lifetime", "60",
            "--second-token", "t2", "--https", "--ca-out", "ca.pem"]);

        Assert.Contains(new AcceptedBasicCredentials("u", "p:w"), parsed.Options.Credentials);
        Assert.Contains(new AcceptedApiKey("X-Key", "k"), parsed.Options.Credentials);
        Assert.Contains(new AcceptedOAuthClient("c", "s") { TokenLifetime = TimeSpan.FromSeconds(60) }, parsed.Options.Credentials);
        Assert.Contains(new AcceptedBearerToken("t2") { Actor = ServerActor.Second }, parsed.Options.Credentials);
        Assert.True(parsed.Options.ServesTls);
        Assert.Equal("ca.pem", parsed.CertificateAuthorityOut);
    }

    [Theory]
    [InlineData("--basic", "no-colon")]
    [InlineData("--api-key", ":k")]
    [InlineData("--oauth-token-lifetime", "0")]
    [InlineData("--client-cn", "x")]
    [InlineData("--ca-out", "ca.pem")]
    public void Incomplete_authentication_options_are_refused(string option, string value)
    {
        var refusal = Assert.Throws<CommandLineException>(() => ServerCommandLine.Parse([option, value]));
        Assert.DoesNotContain("\n", refusal.Message);
    }

    [Fact]
    public void No_arguments_mean_the_correct_server_on_a_free_loopback_port_without_authentication()
    {
        var parsed = ServerCommandLine.Parse([]);

        Assert.Equal(new ReferenceServerOptions().Urls, parsed.Options.Urls);
        Assert.Null(parsed.Options.Token);
        Assert.Empty(parsed.Options.Faults);
    }

    [Theory]
    [InlineData("--list-faults=yes")]
    [InlineData("--token")]
    [InlineData("positional")]
    [InlineData("--cursor-timeout=0")]
    [InlineData("--cursor-timeout=1.5")]
    [InlineData("--cursor-timeout=-3")]
    [InlineData("--cursor-timeout=soon")]
    public void Refuses_malformed_arguments(string argument)
    {
        Assert.Throws<CommandLineException>(() => ServerCommandLine.Parse([argument]));
    }

    [Fact]
    public void The_cursor_timeout_is_given_in_seconds_and_defaults_to_one()
    {
        Assert.Equal(TimeSpan.FromSeconds(90), ServerCommandLine.Parse(["--cursor-timeout", "90"]).Options.CursorTimeout);
        Assert.Equal(TimeSpan.FromSeconds(1), ServerCommandLine.Parse([]).Options.CursorTimeout);
    }

    [Fact]
    public async Task Help_prints_the_usage_and_exits_0()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await ReferenceServerProgram.RunAsync(["--help"], output, error);

        Assert.Equal(0, exitCode);
        Assert.StartsWith("usage:", output.ToString());
        Assert.Empty(error.ToString());
    }

    [GeneratedRegex(@"^Reference SCIM server listening on (?<url>https?://127\.0\.0\.1:[1-9][0-9]*/scim/v2) \(faults: (?<faults>.+)\)$")]
    private static partial Regex ListeningLine();
}
