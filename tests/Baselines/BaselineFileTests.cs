using Scim.Conformance.Reports.Model;
using Scim.Conformance.Runner.Baselines;
using Scim.Conformance.Runner.Configuration;
using Xunit;

using Scim.Conformance.Tests.Support;

namespace Scim.Conformance.Tests.Baselines;

public class BaselineFileTests : IDisposable
{
    private readonly TempDirectory _dir = new("scim-baseline-");

    private string Write(string reason, Outcome outcome = Outcome.Fail)
    {
        var path = _dir.File("baseline.json");
        new BaselineFile { Checks = { ["discovery.spc.etag"] = new() { Outcome = outcome, Reason = reason } } }.Save(path);
        return path;
    }

    [Theory]
    [InlineData("")]
    [InlineData("TODO")]
    [InlineData("TODO: explain why RFC7643 §5 is violated")]
    [InlineData("UNREVIEWED: etag missing — read RFC7643 §5 and say which requirement is violated")]
    [InlineData("the server is just like that, everyone knows it")]
    [InlineData("reason")]
    public void Expected_failures_without_a_real_reason_are_refused(string reason)
    {
        var path = Write(reason);
        var error = Assert.Throws<ConfigurationException>(() => BaselineFile.Load(path));
        Assert.Contains("discovery.spc.etag", error.Message);
        Assert.Contains("no reason naming the violated requirement", error.Message);
    }

    [Fact]
    public void A_reason_naming_the_requirement_is_accepted()
    {
        var path = Write("RFC7643 §5 (MUST): etag.supported is absent from the ServiceProviderConfig");
        Assert.Single(BaselineFile.Load(path).Checks);
    }

    [Fact]
    public void Expected_non_failures_need_no_reason() => Assert.Single(BaselineFile.Load(Write("", Outcome.NotApplicable)).Checks);

    [Fact]
    public void A_malformed_or_missing_file_is_one_line_naming_it()
    {
        var path = _dir.File("broken.json");
        File.WriteAllText(path, "{ \"checks\": [1, 2");
        Assert.Contains("broken.json: not a valid baseline", Assert.Throws<ConfigurationException>(() => BaselineFile.Load(path)).Message);
        Assert.Contains("nope.json: baseline file not found", Assert.Throws<ConfigurationException>(() => BaselineFile.Load(_dir.File("nope.json"))).Message);
    }

    public void Dispose() => _dir.Dispose();
}
