using System.Text.Json.Nodes;
using Scim.Conformance.ReferenceServer.Lists;
using Scim.Conformance.ReferenceServer.Query;
using Xunit;

namespace Scim.Conformance.Tests.ReferenceServer;

/// <summary>
/// The departures from RFC 7644 that the parser and sorter can be asked to make (<see cref="ScimFilterOptions"/>,
/// <see cref="ScimSortOptions"/>) and the text rewrite of <see cref="FilterFaults"/>: each does exactly its one thing,
/// and without them the engine is unchanged. The faults of the server are built from these.
/// </summary>
public class QueryOptionsTests
{
    [Theory]
    [InlineData("a eq 1 or b eq 2 and c eq 3", "((a eq 1 or b eq 2) and c eq 3)", "(a eq 1 or (b eq 2 and c eq 3))")]
    [InlineData("a eq 1 and b eq 2 or c eq 3 and d eq 4", "(((a eq 1 and b eq 2) or c eq 3) and d eq 4)", "((a eq 1 and b eq 2) or (c eq 3 and d eq 4))")]
    [InlineData("a eq 1 or (b eq 2 and c eq 3)", "(a eq 1 or (b eq 2 and c eq 3))", "(a eq 1 or (b eq 2 and c eq 3))")]
    public void Equal_precedence_reads_left_to_right_but_keeps_groups(string filter, string leftToRight, string standard)
    {
        Assert.Equal(leftToRight, ScimFilter.Parse(filter, new ScimFilterOptions { EqualPrecedence = true }).ToString());
        Assert.Equal(standard, ScimFilter.Parse(filter).ToString());
    }

    [Theory]
    [InlineData("a EQ 1")]
    [InlineData("a pr AND b pr")]
    [InlineData("a PR")]
    [InlineData("NOT (a pr)")]
    public void Lowercase_keywords_only_refuses_other_spellings(string filter)
    {
        Assert.NotNull(ScimFilter.Parse(filter));
        Assert.Throws<FilterException>(() => ScimFilter.Parse(filter, new ScimFilterOptions { LowercaseKeywordsOnly = true }));
    }

    [Fact]
    public void Unquoted_words_as_strings_keeps_literals()
    {
        var options = new ScimFilterOptions { UnquotedWordsAsStrings = true };

        Assert.Equal("userName eq \"bjensen\"", ScimFilter.Parse("userName eq bjensen", options).ToString());
        Assert.Equal("active eq true", ScimFilter.Parse("active eq true", options).ToString());
        Assert.Equal("x eq 12", ScimFilter.Parse("x eq 12", options).ToString());
        Assert.Throws<FilterException>(() => ScimFilter.Parse("userName eq bjensen"));
    }

    [Fact]
    public void Unknown_operators_match_all_becomes_a_tautology()
    {
        var options = new ScimFilterOptions { UnknownOperatorsMatchAll = true };

        Assert.Equal("(a pr and (b pr or not (b pr)))", ScimFilter.Parse("a pr and b regex \"x\"", options).ToString());
        Assert.Throws<FilterException>(() => ScimFilter.Parse("b regex \"x\""));
        Assert.Throws<FilterException>(() => ScimFilter.Parse("b regex", options));
    }

    [Theory]
    [InlineData("a eq 1 and", "a eq 1")]
    [InlineData("a eq 1 or", "a eq 1")]
    [InlineData("a eq 1 xor b pr", "a eq 1")]
    [InlineData("a eq 1 and b pr )", "(a eq 1 and b pr)")]
    public void Ignoring_trailing_tokens_keeps_the_complete_expression(string filter, string expected)
    {
        Assert.Equal(expected, ScimFilter.Parse(filter, new ScimFilterOptions { IgnoresTrailingTokens = true }).ToString());
        Assert.Throws<FilterException>(() => ScimFilter.Parse(filter));
    }

    [Fact]
    public void Trailing_tokens_inside_a_group_are_still_errors()
    {
        Assert.Throws<FilterException>(() => ScimFilter.Parse("(a eq 1", new ScimFilterOptions { IgnoresTrailingTokens = true }));
    }

    [Theory]
    [InlineData("(a eq \"(x)\" or b pr) and c pr", " a eq \"(x)\" or b pr  and c pr")]
    [InlineData("a eq \"say \\\"(\\\" please\"", "a eq \"say \\\"(\\\" please\"")]
    [InlineData("not (a pr)", "not  a pr ")]
    public void Parentheses_are_removed_outside_strings_only(string filter, string expected)
    {
        Assert.Equal(expected, FilterFaults.WithoutParentheses(filter));
    }

    [Fact]
    public void Sort_options_move_missing_values_and_pick_the_last_value()
    {
        var catalog = new JsonSchemaAttributeCatalog([JsonNode.Parse("""
            {"id":"urn:x","attributes":[{"name":"title","type":"string"},
             {"name":"emails","type":"complex","multiValued":true,"subAttributes":[{"name":"value","type":"string"},{"name":"primary","type":"boolean"}]}]}
            """)!.AsObject()], "urn:x");
        JsonObject[] resources =
        [
            JsonNode.Parse("""{"id":"1","title":"b","emails":[{"value":"z","primary":true},{"value":"a"}]}""")!.AsObject(),
            JsonNode.Parse("""{"id":"2"}""")!.AsObject(),
            JsonNode.Parse("""{"id":"3","title":"a","emails":[{"value":"m"}]}""")!.AsObject(),
        ];
        string[] Ids(IEnumerable<JsonObject> sorted) => [.. sorted.Select(resource => resource["id"]!.GetValue<string>())];

        Assert.Equal(["3", "1", "2"], Ids(ScimSorter.Sort(resources, "title", null, catalog)));
        Assert.Equal(["2", "3", "1"], Ids(ScimSorter.Sort(resources, "title", null, catalog, new ScimSortOptions { MissingFirst = true })));
        Assert.Equal(["1", "3", "2"], Ids(ScimSorter.Sort(resources, "title", "descending", catalog, new ScimSortOptions { MissingFirst = true })));
        Assert.Equal(["3", "1", "2"], Ids(ScimSorter.Sort(resources, "emails.value", null, catalog)));
        Assert.Equal(["1", "3", "2"], Ids(ScimSorter.Sort(resources, "emails.value", null, catalog, new ScimSortOptions { MultiValuedByLast = true })));
    }
}
