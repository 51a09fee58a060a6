using System.Text.Json.Nodes;
using Scim.Conformance.ReferenceServer.Query;
using Xunit;
using static Scim.Conformance.Tests.ReferenceServer.Query.QueryFixtures;

namespace Scim.Conformance.Tests.ReferenceServer.Query;

/// <summary>sortBy and sortOrder (RFC 7644 §3.4.2.3) over the fixture users, input order u1, u2, u3, u4.</summary>
public class ScimSorterTests
{
    public static TheoryData<string, string?, string> Cases => new()
    {
        // strings ignore case unless caseExact (ordinal, no locale); ascending is the default
        { "userName", null, "u2,u1,u3,u4" },
        { "userName", "", "u2,u1,u3,u4" },
        { "userName", "ascending", "u2,u1,u3,u4" },
        { "USERNAME", "ASCENDING", "u2,u1,u3,u4" },
        { $"{CoreUrn}:userName", "descending", "u4,u3,u1,u2" },
        { "userName", "Descending", "u4,u3,u1,u2" },
        { $"{TestUrn}:secretCode", null, "u1,u2,u3,u4" },
        { "secretCode", "descending", "u3,u4,u2,u1" },

        // no data: last ascending, first descending, in input order both ways (null, absent, "", [] and {} alike)
        { "title", null, "u1,u3,u2,u4" },
        { "title", "descending", "u2,u4,u3,u1" },
        { "nickName", null, "u1,u2,u3,u4" },
        { "nickName", "descending", "u1,u2,u3,u4" },
        { "name.familyName", null, "u1,u2,u3,u4" },
        { "name.familyName", "descending", "u3,u4,u2,u1" },
        { "displayName", null, "u1,u4,u2,u3" },

        // multi-valued: the primary value, else the first
        { "emails.value", null, "u2,u1,u3,u4" },
        { "emails.value", "descending", "u4,u3,u1,u2" },
        { "emails.type", null, "u2,u3,u1,u4" },
        { "tags", null, "u2,u1,u3,u4" },

        // types: numbers numerically, dateTimes by instant (ties keep input order), false before true
        { "loginCount", null, "u2,u1,u3,u4" },
        { "loginCount", "descending", "u4,u3,u1,u2" },
        { "score", null, "u4,u1,u2,u3" },
        { "meta.created", null, "u1,u2,u4,u3" },
        { "meta.created", "descending", "u3,u2,u4,u1" },
        { "lastLogin", null, "u1,u4,u2,u3" },
        { "active", null, "u2,u1,u4,u3" },
        { "active", "descending", "u3,u1,u4,u2" },

        // extension attributes by URN path
        { $"{EnterpriseUrn}:employeeNumber", null, "u2,u1,u3,u4" },
        { $"{EnterpriseUrn}:manager.displayName", "descending", "u2,u3,u4,u1" },
        { "id", "descending", "u4,u3,u2,u1" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Sorts_in_the_expected_order(string sortBy, string? sortOrder, string expected) =>
        Assert.Equal(expected, Ids(ScimSorter.Sort(Users(), sortBy, sortOrder, Catalog)));

    [Fact]
    public void Case_insensitive_strings_do_not_sort_in_byte_order()
    {
        var users = new[] { "rid-bjensen", "rid-Zed", "rid-Alice", "rid-carol" }.Select(User).ToList();

        Assert.Equal("rid-Alice,rid-bjensen,rid-carol,rid-Zed", UserNames(ScimSorter.Sort(users, "userName", null, Catalog)));
        Assert.Equal("rid-Zed,rid-carol,rid-bjensen,rid-Alice", UserNames(ScimSorter.Sort(users, "userName", "descending", Catalog)));
    }

    [Fact]
    public void Case_exact_strings_sort_by_code_point()
    {
        var users = new[] { "b", "AbC", "abc", "B", "a" }.Select((code, i) => Coded(i, code)).ToList();

        Assert.Equal("AbC,B,a,abc,b", Codes(ScimSorter.Sort(users, "secretCode", null, Catalog)));
        Assert.Equal("b,abc,a,B,AbC", Codes(ScimSorter.Sort(users, "secretCode", "descending", Catalog)));
    }

    [Fact]
    public void A_multi_valued_key_is_the_primary_value_when_there_is_one_and_otherwise_the_first()
    {
        var primaryLast = Emails("primary-last", ("zz@x.test", false), ("aa@x.test", true));
        var noPrimary = Emails("no-primary", ("nn@x.test", false), ("bb@x.test", false));
        var single = Emails("single", ("mm@x.test", false));
        var primaryWithoutValue = Parse("""{ "userName": "primary-without-value", "emails": [ { "value": "pp@x.test" }, { "type": "work", "primary": true } ] }""");

        var sorted = ScimSorter.Sort([noPrimary, single, primaryLast, primaryWithoutValue], "emails.value", null, Catalog);

        // aa (primary), mm (only), nn (first of two without primary), pp (primary has no value: the first value)
        Assert.Equal("primary-last,single,no-primary,primary-without-value", UserNames(sorted));
    }

    [Fact]
    public void Equal_keys_keep_their_input_order_in_both_directions()
    {
        var users = new[] { ("one", "x"), ("two", "X"), ("three", "a"), ("four", "x") }
            .Select(pair => Parse($$"""{ "userName": "{{pair.Item1}}", "title": "{{pair.Item2}}" }""")).ToList();

        Assert.Equal("three,one,two,four", UserNames(ScimSorter.Sort(users, "title", null, Catalog)));
        Assert.Equal("one,two,four,three", UserNames(ScimSorter.Sort(users, "title", "descending", Catalog)));
    }

    [Fact]
    public void The_input_is_left_as_it_was()
    {
        var users = Users().ToList();

        var sorted = ScimSorter.Sort(users, "userName", "descending", Catalog);

        Assert.Equal("u1,u2,u3,u4", Ids(users));
        Assert.NotSame(users, sorted);
        Assert.Empty(ScimSorter.Sort([], "userName", null, Catalog));
    }

    [Theory]
    [InlineData("nickname2", null, "not an attribute of this resource type")]
    [InlineData("name.middle", null, "not an attribute of this resource type")]
    [InlineData("userName.first", null, "has no sub-attributes")]
    [InlineData("urn:example:unknown:userName", null, "not an attribute of this resource type")]
    [InlineData("name", null, "name one of its sub-attributes")]
    [InlineData("emails", null, "name one of its sub-attributes")]
    [InlineData("meta", null, "name one of its sub-attributes")]
    [InlineData("emails[type eq \"work\"].value", null, "not an attribute path")]
    [InlineData("name..familyName", null, "not an attribute path")]
    [InlineData("", null, "empty")]
    [InlineData("userName", "up", "use ascending or descending")]
    [InlineData("userName", "desc", "use ascending or descending")]
    public void Bad_sort_parameters_are_refused(string sortBy, string? sortOrder, string expectedDetail)
    {
        var error = Assert.Throws<SortException>(() => ScimSorter.Sort(Users(), sortBy, sortOrder, Catalog));

        Assert.Contains(expectedDetail, error.Message, StringComparison.Ordinal);
        Assert.Equal("invalidValue", SortException.ScimType);
    }

    private static JsonObject User(string userName) => new() { ["userName"] = userName };

    private static JsonObject Coded(int index, string code) =>
        new() { ["id"] = $"c{index}", [TestUrn] = new JsonObject { ["secretCode"] = code } };

    private static JsonObject Emails(string userName, params (string Value, bool Primary)[] emails) => new()
    {
        ["userName"] = userName,
        ["emails"] = new JsonArray([.. emails.Select(email => (JsonNode)new JsonObject { ["value"] = email.Value, ["primary"] = email.Primary })]),
    };

    private static string UserNames(IEnumerable<JsonObject> users) => string.Join(",", users.Select(user => user["userName"]!.GetValue<string>()));

    private static string Codes(IEnumerable<JsonObject> users) => string.Join(",", users.Select(user => user[TestUrn]!["secretCode"]!.GetValue<string>()));
}
