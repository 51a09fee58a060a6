using System.Text.Json.Nodes;
using Scim.Conformance.Runner;
using Scim.Conformance.Runner.Configuration;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Tests.Support;
using Xunit;

namespace Scim.Conformance.Tests.Runner;

public sealed class ResourceTemplatesConfigTests : IDisposable
{
    private readonly TempDirectory _dir = new("scim-templates-");

    private string Write(string templates)
    {
        var path = _dir.File("targets.json");
        File.WriteAllText(path, $$"""{ "targets": { "acme": { "baseUrl": "https://scim.acme.test/v2", "resourceTemplates": {{templates}} } } }""");
        return path;
    }

    [Fact]
    public void The_example_file_gives_users_a_work_email_template()
    {
        var target = TargetsFile.Load(RepositoryRoot.File("targets.example.json"), "example-vendor");
        Assert.Equal(["User"], target.ResourceTemplates!.Types);
        var body = new JsonObject();
        Assert.True(target.ResourceTemplates.ApplyTo("User", body, new RunPrefix("scimct-test01")));
        Assert.Equal("work", body["emails"]![0]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void A_target_without_templates_has_none() =>
        Assert.Null(TargetsFile.Load(Write("null"), "acme").ResourceTemplates);

    [Theory]
    [InlineData("""["User"]""", "must be an object keyed by resource type name")]
    [InlineData("""{ "User": "emails" }""", "the template of User is not a JSON object")]
    [InlineData("""{ "User": { "meta": {} } }""", "sets `meta`")]
    [InlineData("""{ "User": { "userName": "{name}@example.com" } }""", "placeholder {name}")]
    public void A_bad_template_is_a_configuration_error_naming_the_target(string templates, string message)
    {
        var error = Assert.Throws<ConfigurationException>(() => TargetsFile.Load(Write(templates), "acme"));
        Assert.Contains("target 'acme'", error.Message);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public async Task A_run_with_a_bad_template_exits_2_before_anything_is_sent()
    {
        Write("""{ "User": { "id": "fixed" } }""");
        var result = await RunnerProcess.RunAsync(_dir.Path, new Dictionary<string, string>(), "run", "--target", "acme");
        Assert.Equal(ExitCodes.UsageOrConfiguration, result.ExitCode);
        Assert.Contains("resourceTemplates", Assert.Single(RunnerProcess.Lines(result)));
    }

    public void Dispose() => _dir.Dispose();
}
