using Scim.Conformance.ReferenceServer.Query;
using Xunit;

namespace Scim.Conformance.Tests.ReferenceServer.Query;

/// <summary>The xsd:dateTime reading behind dateTime comparisons and sorting (RFC 7643 §2.3.5).</summary>
public class XsdDateTimeTests
{
    [Theory]
    [InlineData("2011-05-13T04:42:34Z", "2011-05-13T04:42:34.0000000+00:00")]
    [InlineData("2011-05-13T04:42:34", "2011-05-13T04:42:34.0000000+00:00")]
    [InlineData("2011-05-13T06:42:34+02:00", "2011-05-13T04:42:34.0000000+00:00")]
    [InlineData("2011-05-12T23:42:34-05:00", "2011-05-13T04:42:34.0000000+00:00")]
    [InlineData("2011-05-13T04:42:34.5Z", "2011-05-13T04:42:34.5000000+00:00")]
    [InlineData("2011-05-13T04:42:34.123456789Z", "2011-05-13T04:42:34.1234567+00:00")]
    [InlineData("2011-05-13T24:00:00Z", "2011-05-14T00:00:00.0000000+00:00")]
    [InlineData("2024-02-29T00:00:00+14:00", "2024-02-28T10:00:00.0000000+00:00")]
    [InlineData("0001-01-01T00:00:00Z", "0001-01-01T00:00:00.0000000+00:00")]
    public void Reads_instants(string text, string expectedUtc)
    {
        Assert.True(ScimValues.TryParseDateTime(text, out var instant));
        Assert.Equal(expectedUtc, instant.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("2011-05-13")]
    [InlineData("2011-05-13T04:42Z")]
    [InlineData("2011-05-13 04:42:34Z")]
    [InlineData("2011-05-13t04:42:34z")]
    [InlineData("2011-13-01T00:00:00Z")]
    [InlineData("2023-02-29T00:00:00Z")]
    [InlineData("2011-05-13T24:00:01Z")]
    [InlineData("2011-05-13T23:60:00Z")]
    [InlineData("2011-05-13T23:59:60Z")]
    [InlineData("2011-05-13T04:42:34+14:30")]
    [InlineData("2011-05-13T04:42:34+0200")]
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    [InlineData("\u0662\u0660\u0661\u0661-05-13T04:42:34Z")]
    [InlineData("")]
    public void Refuses_what_is_not_an_xsd_date_time(string text) =>
        Assert.False(ScimValues.TryParseDateTime(text, out _));
}
