using Scim.Conformance.Suites.Kit.Safety;
using Xunit;

namespace Scim.Conformance.Tests.Security;

/// <summary>"Under the base URL" is one rule: same scheme, host and port, and the base path itself or a path that
/// continues it at a segment boundary; dot segments are recognised as written, before a URL parser collapses them.</summary>
public class RequestBoundaryTests
{
    private static readonly RequestBoundary Boundary = new(new Uri("https://scim.example.test/scim/v2/"));

    [Theory]
    [InlineData("https://scim.example.test/scim/v2/Users/1", true)]
    [InlineData("https://scim.example.test/scim/v2/", true)]
    [InlineData("https://scim.example.test/scim/v2", true)]
    [InlineData("https://SCIM.example.test:443/scim/v2/Users", true)]
    [InlineData("https://scim.example.test/scim/v2-evil/Users/1", false)]
    [InlineData("https://scim.example.test/scim/v20/Users", false)]
    [InlineData("https://scim.example.test/scim/", false)]
    [InlineData("https://scim.example.test/SCIM/v2/Users", false)]
    [InlineData("http://scim.example.test/scim/v2/Users", false)]
    [InlineData("https://scim.example.test:8443/scim/v2/Users", false)]
    [InlineData("https://scim.example.test.evil.test/scim/v2/Users", false)]
    [InlineData("https://user:pw@scim.example.test/scim/v2/Users", false)]
    public void A_url_is_under_the_base_only_at_a_segment_boundary_on_the_same_origin(string url, bool under) =>
        Assert.Equal(under, Boundary.Contains(new Uri(url)));

    [Theory]
    [InlineData("Users/..", "..")]
    [InlineData("Users/.", ".")]
    [InlineData("Users/%2e%2E", "%2e%2E")]
    [InlineData("Users/%2E?x=1", "%2E")]
    [InlineData("https://scim.example.test/scim/v2/Users/../x", "..")]
    [InlineData("Users/..a", null)]
    [InlineData("Users/a.b", null)]
    [InlineData("Users/1?filter=a..b", null)]
    public void Dot_segments_are_found_as_written(string path, string? dot) => Assert.Equal(dot, RequestBoundary.DotSegment(path));

    [Fact]
    public void A_configured_url_outside_the_base_is_allowed_exactly_as_configured()
    {
        var boundary = new RequestBoundary(new Uri("https://scim.example.test/scim/v2/"), [new Uri("https://scim.example.test/oauth/introspect")]);
        Assert.True(boundary.Allows(new Uri("https://scim.example.test/oauth/introspect")));
        Assert.False(boundary.Allows(new Uri("https://scim.example.test/oauth/introspect/other")));
        Assert.False(boundary.Allows(new Uri("https://scim.example.test/oauth/")));
    }
}
