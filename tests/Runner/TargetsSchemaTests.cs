using System.Text.Json;
using System.Text.Json.Nodes;
using Scim.Conformance.Runner;
using Scim.Conformance.Runner.Configuration;
using Scim.Conformance.Tests.Support;
using Xunit;

namespace Scim.Conformance.Tests.Runner;

/// <summary>targets.json is checked against the published schema (schemas/targets.schema.json) before it is read:
/// a misspelt key is refused with its line, column, pointer and a suggestion instead of being silently ignored, and
/// every problem is reported at once.</summary>
public class TargetsSchemaTests : IDisposable
{
    private readonly TempDirectory _dir = new("scim-schema-");

    private string Write(string json)
    {
        var path = _dir.File("targets.json");
        File.WriteAllText(path, json.ReplaceLineEndings("\n"));
        return path;
    }

    [Fact]
    public void A_misspelt_key_is_refused_with_its_line_column_pointer_and_a_suggestion()
    {
        var path = Write("""
            {
              "targets": {
                "prod": {
                  "baseUrl": "https://scim.acme.test/v2",
                  "readOnyl": true
                }
              }
            }
            """);
        var error = Assert.Throws<ConfigurationException>(() => TargetsFile.Load(path, "prod"));
        var line = Assert.Single(error.Message.Split('\n'));
        Assert.StartsWith($"{path}:5:7: ", line);
        Assert.Contains("/targets/prod/readOnyl", line);
        Assert.Contains("unknown key \"readOnyl\"", line);
        Assert.Contains("did you mean \"readOnly\"?", line);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_in_file_order()
    {
        var path = Write("""
            {
              "targets": {
                "acme": {
                  "baseUrl": "https://scim.acme.test/v2",
                  "auth": { "type": "bearer", "tokenEnv": "ACME_TOKEN", "tokenEvn": "X" },
                  "concurrency": "4"
                }
              }
            }
            """);
        var error = Assert.Throws<ConfigurationException>(() => TargetsFile.Load(path, "acme"));
        var lines = error.Message.Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"{path}:5:61: at /targets/acme/auth/tokenEvn: ", lines[0]);
        Assert.Contains("unknown key \"tokenEvn\" in target 'acme' auth; did you mean \"tokenEnv\"?", lines[0]);
        Assert.StartsWith($"{path}:6:22: at /targets/acme/concurrency: ", lines[1]);
        Assert.Contains("target 'acme' concurrency '4' is a string, not a whole number", lines[1]);
    }

    [Theory]
    [InlineData("""{ "tragets": {} }""", "unknown key \"tragets\" in the top level; did you mean \"targets\"?")]
    [InlineData("""{ "targets": { "acme": { "baseUrl": "https://x.test", "ReadOnly": true } } }""", "did you mean \"readOnly\"?")]
    [InlineData("""{ "targets": { "acme": { "baseUrl": "https://x.test", "colour": "blue" } } }""", "unknown key \"colour\" in target 'acme' (allowed here: $comment, baseUrl,")]
    [InlineData("""{ "targets": { "acme": { "baseUrl": "https://x.test", "readOnly": "yes" } } }""", "target 'acme' readOnly 'yes' is a string, not true or false")]
    [InlineData("""{ "targets": { "acme": { "baseUrl": "https://x.test", "include": "discovery" } } }""", "target 'acme' include 'discovery' is a string, not an array")]
    [InlineData("""{ "targets": { "acme": { "baseUrl": "https://x.test", "include": ["discovery", 7] } } }""", "target 'acme' include[1] 7 is a number, not a string")]
    [InlineData("""{ "targets": { "acme": { "baseUrl": "https://x.test", "profile": "strickt" } } }""", "target 'acme' profile 'strickt' is not one of strict, interop, lenient, schema-literal")]
    [InlineData("""{ "targets": { "acme": { "baseUrl": "https://x.test", "tls": { "caBundel": "ca.pem" } } } }""", "did you mean \"caBundle\"?")]
    [InlineData("""{ "targets": { "acme": { "baseUrl": "https://x.test", "clientCertificate": { "path": "c.pfx", "password": "hunter2" } } } }""", "secrets never go in the targets file; use passwordEnv")]
    public void Unknown_keys_and_wrong_types_are_refused_in_words(string json, string expected)
    {
        var path = Write(json);
        var error = Assert.Throws<ConfigurationException>(() => TargetsFile.Load(path, "acme"));
        Assert.StartsWith($"{path}:1:", error.Message);
        Assert.True(error.Message.Contains(expected, StringComparison.Ordinal), error.Message);
        Assert.DoesNotContain("hunter2", error.Message);
    }

    [Fact]
    public void Notes_are_allowed_on_every_object_and_a_schema_reference_at_the_top()
    {
        var path = Write("""
            { "$schema": "./schemas/targets.schema.json", "$comment": "top",
              "targets": { "$comment": "all", "acme": { "$comment": "one", "baseUrl": "https://x.test",
                "auth": { "$comment": "a", "type": "basic", "username": "u", "passwordEnv": "P" },
                "clientCertificate": { "$comment": "c", "path": "c.pfx" }, "tls": { "$comment": "t" },
                "secondIdentity": { "$comment": "s", "tokenEnv": "S" },
                "deprovisioning": { "$comment": "d", "onOwnerDeleted": "none" },
                "credentialProbe": { "$comment": "p", "tokenUrl": "https://x.test/t", "protectedUrl": "https://x.test/me" },
                "resourceTemplates": { "$comment": "r", "User": { "anything": { "goes": [1, true] } } } } } }
            """);
        Assert.Equal("acme", TargetsFile.Load(path, "acme").Name);
    }

    [Fact]
    public void The_example_file_names_the_schema_and_validates_with_no_errors()
    {
        var example = RepositoryRoot.File("targets.example.json");
        Assert.Empty(TargetsSchema.Problems(example, File.ReadAllBytes(example)));
        var json = JsonNode.Parse(File.ReadAllText(example), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!;
        Assert.Equal("./schemas/targets.schema.json", (string?)json["$schema"]);
        Assert.True(File.Exists(RepositoryRoot.File("schemas", "targets.schema.json")));
    }

    [Fact]
    public void The_embedded_schema_is_the_published_file()
    {
        var published = JsonNode.Parse(File.ReadAllText(RepositoryRoot.File("schemas", "targets.schema.json")));
        Assert.True(JsonNode.DeepEquals(published, TargetsSchema.Document));
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", (string?)TargetsSchema.Document["$schema"]);
    }

    [Theory]
    [InlineData("readOnyl", "readOnly")]
    [InlineData("baseurl", "baseUrl")]
    [InlineData("tokenenv", "tokenEnv")]
    [InlineData("concurency", "concurrency")]
    [InlineData("colour", null)]
    public void The_suggestion_is_the_closest_allowed_key_when_it_is_close(string key, string? expected)
    {
        Assert.Equal(expected, TargetsSchema.Closest(key, ["baseUrl", "tokenEnv", "tokenFile", "readOnly", "concurrency", "include", "exclude"]));
    }

    [Fact]
    public async Task A_run_with_a_misspelt_key_exits_2_naming_the_line_and_contacts_nothing()
    {
        await File.WriteAllTextAsync(_dir.File("file-with-readOnyl.json"), """
            {
              "targets": {
                "x": {
                  "baseUrl": "http://127.0.0.1:1/scim/v2",
                  "readOnyl": true
                }
              }
            }
            """.ReplaceLineEndings("\n"), TestContext.Current.CancellationToken);
        var result = await RunnerProcess.RunAsync(_dir.Path, new Dictionary<string, string>(),
            "run", "--target", "x", "--config", "file-with-readOnyl.json");
        // 2 (configuration), not 3 (target unreachable): the file is refused before anything is contacted.
        Assert.Equal(ExitCodes.UsageOrConfiguration, result.ExitCode);
        var line = Assert.Single(RunnerProcess.Lines(result));
        Assert.Contains("file-with-readOnyl.json:5:7:", line);
        Assert.Contains("/targets/x/readOnyl", line);
        Assert.Contains("did you mean \"readOnly\"?", line);
        Assert.False(Directory.Exists(_dir.File("conformance-report")), "a refused configuration writes no reports");
    }

    public void Dispose() => _dir.Dispose();
}
