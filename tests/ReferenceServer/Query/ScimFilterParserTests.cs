using System.Text.Json.Nodes;
using Scim.Conformance.ReferenceServer.Query;
using Xunit;

namespace Scim.Conformance.Tests.ReferenceServer.Query;

/// <summary>The filter grammar of RFC 7644 §3.4.2.2: what parses, into which tree, and what is refused.</summary>
public class ScimFilterParserTests
{
    // Each parsed filter is written back fully parenthesised, so the tree's shape is visible in the text.
    public static TheoryData<string, string> Valid => new()
    {
        { "userName eq \"bjensen\"", "userName eq \"bjensen\"" },
        { "USERNAME EQ \"x\"", "USERNAME eq \"x\"" },
        { "  userName \t eq\n\"x\"  ", "userName eq \"x\"" },
        { "title pr", "title pr" },
        { "title PR", "title pr" },
        { "a eq 1 or b eq 2 and c eq 3", "(a eq 1 or (b eq 2 and c eq 3))" },
        { "a eq 1 and b eq 2 or c eq 3", "((a eq 1 and b eq 2) or c eq 3)" },
        { "a eq 1 OR b eq 2 AND c eq 3", "(a eq 1 or (b eq 2 and c eq 3))" },
        { "(a eq 1 or b eq 2) and c eq 3", "((a eq 1 or b eq 2) and c eq 3)" },
        { "a pr and b pr and c pr", "((a pr and b pr) and c pr)" },
        { "a pr or b pr or c pr", "((a pr or b pr) or c pr)" },
        { "not (a pr) and b pr", "(not (a pr) and b pr)" },
        { "not (a pr or b pr)", "not ((a pr or b pr))" },
        { "not(a pr)", "not (a pr)" },
        { "NOT (a pr)", "not (a pr)" },
        { "not (not (a pr))", "not (not (a pr))" },
        { "((a pr))", "a pr" },
        { "a pr or not (b pr) and c pr", "(a pr or (not (b pr) and c pr))" },
        { "emails[type eq \"work\" and value co \"@\"]", "emails[(type eq \"work\" and value co \"@\")]" },
        { "emails[type eq \"work\"] or userType eq \"Intern\"", "(emails[type eq \"work\"] or userType eq \"Intern\")" },
        { "emails[not (type eq \"work\")]", "emails[not (type eq \"work\")]" },
        { "emails[(type eq \"a\" or type eq \"b\") and primary eq true]", "emails[((type eq \"a\" or type eq \"b\") and primary eq true)]" },
        { "emails [type eq \"work\"]", "emails[type eq \"work\"]" },
        { "name.familyName co \"O'Malley\"", "name.familyName co \"O'Malley\"" },
        { "urn:ietf:params:scim:schemas:core:2.0:User:name.familyName eq \"J\"", "urn:ietf:params:scim:schemas:core:2.0:User:name.familyName eq \"J\"" },
        { "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager[value eq \"u9\"]", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager[value eq \"u9\"]" },
        { "members.$ref eq \"https://x.test/Users/1\"", "members.$ref eq \"https://x.test/Users/1\"" },
        { "meta.lastModified gt \"2011-05-13T04:42:34Z\"", "meta.lastModified gt \"2011-05-13T04:42:34Z\"" },
        { "a eq true", "a eq true" },
        { "a ne false", "a ne false" },
        { "a eq null", "a eq null" },
        { "a gt -1.5e3", "a gt -1.5e3" },
        { "a lt 0", "a lt 0" },
        { "a ge 10.25", "a ge 10.25" },
        { "a le 1E+2", "a le 1E+2" },
        { "a co \"caf\\u00e9\"", "a co \"café\"" },
        { "a sw \"tab\\tend\"", "a sw \"tab\\tend\"" },
        { "a ew \"\\\"quoted\\\"\"", "a ew \"\\\"quoted\\\"\"" },
        { "a eq \"(not) [a] and or\"", "a eq \"(not) [a] and or\"" },
        { "a eq \"\"", "a eq \"\"" },
        // Keywords are only keywords where the grammar expects them: these are attributes named not, and and or.
        { "not eq \"x\"", "not eq \"x\"" },
        { "or eq 1 or and pr", "(or eq 1 or and pr)" },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Parses_into_the_expected_tree(string filter, string expected) =>
        Assert.Equal(expected, ScimFilter.Parse(filter).ToString());

    [Fact]
    public void The_tree_has_the_documented_node_types_and_values()
    {
        var parsed = ScimFilter.Parse("userType eq \"Intern\" or not (emails[type eq \"work\"]) and x:y:z.s ge 2");

        var or = Assert.IsType<FilterNode.Or>(parsed);
        var left = Assert.IsType<FilterNode.Comparison>(or.Left);
        Assert.Equal(new AttributePath(null, "userType", null), left.Path);
        Assert.Equal(ComparisonOperator.Eq, left.Operator);
        Assert.Equal("Intern", left.Value!.GetValue<string>());
        var and = Assert.IsType<FilterNode.And>(or.Right);
        var not = Assert.IsType<FilterNode.Not>(and.Left);
        var valuePath = Assert.IsType<FilterNode.ValuePath>(not.Inner);
        Assert.Equal(new AttributePath(null, "emails", null), valuePath.Path);
        Assert.Equal(new FilterNode.Comparison(new AttributePath(null, "type", null), ComparisonOperator.Eq, JsonValue.Create("work")), valuePath.Filter);
        var ge = Assert.IsType<FilterNode.Comparison>(and.Right);
        Assert.Equal(new AttributePath("x:y", "z", "s"), ge.Path);
        Assert.Equal(ComparisonOperator.Ge, ge.Operator);
        Assert.Equal(2m, ge.Value!.GetValue<decimal>());
    }

    [Fact]
    public void Comparison_values_are_typed_json()
    {
        Assert.Null(Comparison("a eq null").Value);
        Assert.True(Comparison("a eq true").Value!.GetValue<bool>());
        Assert.False(Comparison("a eq false").Value!.GetValue<bool>());
        Assert.Equal(System.Text.Json.JsonValueKind.Number, Comparison("a eq -0.5").Value!.GetValueKind());
        Assert.Equal(System.Text.Json.JsonValueKind.String, Comparison("a eq \"1\"").Value!.GetValueKind());
        Assert.Equal("a\"b\\c/d\u00e9\n", Comparison("a eq \"a\\\"b\\\\c\\/d\\u00E9\\n\"").Value!.GetValue<string>());
    }

    [Fact]
    public void Parsed_trees_compare_by_value()
    {
        Assert.Equal(ScimFilter.Parse("a eq \"x\" and b pr"), ScimFilter.Parse("a  EQ  \"x\"  AND  b  PR"));
        Assert.Equal(ScimFilter.Parse("a eq \"x\"").GetHashCode(), ScimFilter.Parse("a eq \"x\"").GetHashCode());
        Assert.NotEqual(ScimFilter.Parse("a eq \"x\""), ScimFilter.Parse("a eq \"y\""));
        Assert.NotEqual(ScimFilter.Parse("a eq \"1\""), ScimFilter.Parse("a eq 1"));
    }

    [Theory]
    [InlineData("name.familyName", null, "name", "familyName")]
    [InlineData("userName", null, "userName", null)]
    [InlineData("urn:ietf:params:scim:schemas:core:2.0:User:userName", "urn:ietf:params:scim:schemas:core:2.0:User", "userName", null)]
    [InlineData("urn:ietf:params:scim:schemas:core:2.0:User:name.givenName", "urn:ietf:params:scim:schemas:core:2.0:User", "name", "givenName")]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.$ref", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", "manager", "$ref")]
    [InlineData("x509Certificates.value", null, "x509Certificates", "value")]
    public void Attribute_paths_split_at_the_last_colon_and_the_dot(string text, string? urn, string attribute, string? sub)
    {
        var path = AttributePath.Parse(text);

        Assert.Equal(new AttributePath(urn, attribute, sub), path);
        Assert.Equal(text, path.ToString());
    }

    // At least one filter for every way of breaking the grammar; each must be refused, never read as something else.
    public static TheoryData<string, string> Malformed => new()
    {
        { "", "empty" },
        { "   ", "empty" },
        { "userName eq", "expected a value" },
        { "userName eq )", "expected a value" },
        { "userName", "expected an operator" },
        { "userName regex \"x\"", "'regex' is not an operator" },
        { "userName equals \"x\"", "'equals' is not an operator" },
        { "userName eq \"a\" xor title pr", "expected 'and', 'or' or the end" },
        { "userName eq \"a\" title pr", "expected 'and', 'or' or the end" },
        { "userName pr \"x\"", "expected 'and', 'or' or the end" },
        { "title pr pr", "expected 'and', 'or' or the end" },
        { "userName eq \"a\" and", "the filter ended" },
        { "userName eq \"a\" or or title pr", "is not an operator" },
        { "and title pr", "is not an operator" },
        { "(userName eq \"a\"", "never closed" },
        { "((userName eq \"a\")", "never closed" },
        { "userName eq \"a\")", "never opened" },
        { "()", "empty" },
        { "userName eq \"a\" and (title pr or)", "expected an expression" },
        { "emails[type eq \"work\"", "never closed" },
        { "emails[type eq \"work\")", "expected ']'" },
        { "(emails[type eq \"work\")]", "expected ']'" },
        { "userName eq \"a\"]", "never opened" },
        { "emails[]", "empty" },
        { "[type eq \"work\"]", "must follow an attribute" },
        { "emails[type eq \"work\" and addresses[type eq \"home\"]]", "do not nest" },
        { "emails[type eq \"work\"].value eq \"x\"", "expected 'and', 'or' or the end" },
        { "emails[value.x eq \"a\"]", "bare name" },
        { "emails[urn:a:b:type eq \"a\"]", "bare name" },
        { "name.familyName[value eq \"x\"]", "not the sub-attribute" },
        { "userName eq rid-bjensen", "not quoted" },
        { "userName eq bjensen", "not quoted" },
        { "userName eq 01", "not quoted" },
        { "userName eq 1.", "not quoted" },
        { "userName eq 'bjensen'", "not quoted" },
        { "active eq True", "lower case" },
        { "active eq NULL", "lower case" },
        { "userName eq \"abc", "no closing" },
        { "userName eq \"abc\\\"", "no closing" },
        { "userName eq \"a\\qb\"", "not a valid JSON string" },
        { "userName eq \"a\\u12\"", "not a valid JSON string" },
        { "userName eq \"tab\there\"", "not a valid JSON string" },
        { "not userName eq \"a\"", "must be followed by a parenthesised filter" },
        { "not", "must be followed by a parenthesised filter" },
        { "\"bjensen\" eq userName", "expected an attribute name" },
        { "name..familyName pr", "not an attribute name" },
        { "name.familyName.x pr", "one level" },
        { "1userName eq \"a\"", "not an attribute name" },
        { "user_name! eq \"a\"", "not an attribute name" },
        { "name:familyName eq \"a\"", "schema URI" },
        { ":userName eq \"a\"", "schema URI" },
        { "urn:ietf:params:scim:schemas:core:2.0:User: eq \"a\"", "not an attribute name" },
        { new string('(', ScimFilter.MaxNesting + 1) + "title pr" + new string(')', ScimFilter.MaxNesting + 1), "levels deep" },
        { string.Join(" or ", Enumerable.Repeat("title pr", ScimFilter.MaxExpressions + 1)), "expressions" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_filters_are_refused_with_a_readable_detail(string filter, string expectedDetail)
    {
        var error = Assert.Throws<FilterException>(() => ScimFilter.Parse(filter));

        Assert.Contains(expectedDetail, error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("Invalid filter", error.Message, StringComparison.Ordinal);
        Assert.Equal("invalidFilter", FilterException.ScimType);
    }

    [Fact]
    public void The_detail_points_at_the_offending_character()
    {
        var error = Assert.Throws<FilterException>(() => ScimFilter.Parse("userName eq \"a\" xor title pr"));

        Assert.Contains("character 17", error.Message, StringComparison.Ordinal);
        Assert.Contains("'xor'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_deepest_allowed_nesting_and_the_longest_allowed_filter_parse()
    {
        var deep = new string('(', ScimFilter.MaxNesting) + "title pr" + new string(')', ScimFilter.MaxNesting);
        var wide = string.Join(" or ", Enumerable.Repeat("title pr", ScimFilter.MaxExpressions));

        Assert.Equal("title pr", ScimFilter.Parse(deep).ToString());
        Assert.IsType<FilterNode.Or>(ScimFilter.Parse(wide));
    }

    private static FilterNode.Comparison Comparison(string filter) => Assert.IsType<FilterNode.Comparison>(ScimFilter.Parse(filter));
}
