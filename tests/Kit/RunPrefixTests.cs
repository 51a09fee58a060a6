using Scim.Conformance.Suites.Kit;
using Xunit;

namespace Scim.Conformance.Tests.Kit;

public class RunPrefixTests
{
    [Fact]
    public void Random_prefixes_differ_and_carry_the_marker()
    {
        var a = RunPrefix.NewRandom();
        var b = RunPrefix.NewRandom();
        Assert.NotEqual(a.Value, b.Value);
        Assert.Matches("^scimct-[0-9a-f]{6}$", a.Value);
    }

    [Fact]
    public void Names_are_unique_within_the_run_and_recognisable()
    {
        var prefix = new RunPrefix("scimct-abc123");
        var names = Enumerable.Range(0, 100).AsParallel().Select(_ => prefix.Name("user")).ToList();
        Assert.Equal(100, names.Distinct().Count());
        Assert.All(names, n => Assert.True(prefix.Owns(n)));
        Assert.False(prefix.Owns("scimct-abc1234-user-1"));
        Assert.False(prefix.Owns("bjensen"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("ünïcode")]
    public void Unsafe_prefixes_are_refused(string value) => Assert.Throws<ArgumentException>(() => new RunPrefix(value));
}
