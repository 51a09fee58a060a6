using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Scim.Conformance.ReferenceServer.Model;
using Scim.Conformance.ReferenceServer.Protocol;
using Xunit;

namespace Scim.Conformance.Tests.ReferenceServer;

/// <summary>The paging arithmetic of RFC 7644 §3.4.2.4, including the cap that a test over HTTP would need 1000+ resources to reach.</summary>
public class PageRequestTests
{
    private static readonly PagingPolicy Policy = new(DefaultPageSize: 100, MaxPageSize: 1000);

    [Theory]
    [InlineData(null, null, 1, 100)]
    [InlineData("3", "7", 3, 7)]
    [InlineData("0", "5", 1, 5)]
    [InlineData("-2", "-5", 1, 0)]
    [InlineData("1", "1001", 1, 1000)]
    [InlineData("1", "5000000000", 1, 1000)]
    [InlineData("99999999999999999999999", "0", int.MaxValue, 0)]
    public void Normalises_start_index_and_count(string? startIndex, string? count, int expectedStartIndex, int expectedCount)
    {
        var query = new Dictionary<string, StringValues>();
        if (startIndex is not null)
            query["startIndex"] = startIndex;
        if (count is not null)
            query["count"] = count;

        var page = PageRequest.Parse(new QueryCollection(query), Policy);

        Assert.Equal(new PageRequest(expectedStartIndex, expectedCount), page);
    }

    [Fact]
    public void Slices_the_page_and_tolerates_a_start_past_the_end()
    {
        int[] items = [1, 2, 3, 4, 5];

        Assert.Equal([2, 3], new PageRequest(2, 2).Slice(items));
        Assert.Empty(new PageRequest(6, 10).Slice(items));
        Assert.Empty(new PageRequest(int.MaxValue, 10).Slice(items));
    }

    [Fact]
    public void Refuses_a_value_that_is_not_an_integer()
    {
        var query = new QueryCollection(new Dictionary<string, StringValues> { ["count"] = "many" });

        var error = Assert.Throws<ScimRequestException>(() => PageRequest.Parse(query, Policy));

        Assert.Equal((400, "invalidValue"), (error.Status, error.ScimType));
    }
}
