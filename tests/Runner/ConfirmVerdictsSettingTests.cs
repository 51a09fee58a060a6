using Scim.Conformance.Runner.Commands;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Tests.Support;
using Xunit;

namespace Scim.Conformance.Tests.Runner;

/// <summary>The confirmation pass is on by default and switched off by <c>--no-confirm</c> or a target's
/// <c>confirmVerdicts: false</c>; a target's <c>true</c> cannot override the command line's <c>--no-confirm</c>.</summary>
public sealed class ConfirmVerdictsSettingTests : IDisposable
{
    private readonly TempDirectory _dir = new("scim-confirm-");

    private string Targets(string confirmVerdicts)
    {
        var path = _dir.File("targets.json");
        File.WriteAllText(path, $$"""
            { "targets": { "acme": { "baseUrl": "https://scim.acme.test/v2"{{(confirmVerdicts.Length > 0 ? $", \"confirmVerdicts\": {confirmVerdicts}" : "")}} } } }
            """);
        return path;
    }

    [Theory]
    [InlineData("", false, true)]
    [InlineData("", true, false)]
    [InlineData("false", false, false)]
    [InlineData("true", false, true)]
    [InlineData("true", true, false)]
    public void Confirmation_follows_the_command_line_and_the_target(string confirmVerdicts, bool noConfirm, bool expected)
    {
        var settings = RunCommand.Resolve(new RunCommand.Arguments { Target = "acme", Config = Targets(confirmVerdicts), NoConfirm = noConfirm }, CheckCatalog.All);
        Assert.Equal(expected, settings.ConfirmVerdicts);
    }

    [Fact]
    public void The_embedded_server_is_confirmed_by_default()
    {
        Assert.True(RunCommand.Resolve(new RunCommand.Arguments(), CheckCatalog.All).ConfirmVerdicts);
    }

    public void Dispose() => _dir.Dispose();
}
