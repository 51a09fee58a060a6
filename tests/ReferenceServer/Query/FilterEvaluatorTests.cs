using Scim.Conformance.ReferenceServer.Query;
using Xunit;
using static Scim.Conformance.Tests.ReferenceServer.Query.QueryFixtures;

namespace Scim.Conformance.Tests.ReferenceServer.Query;

/// <summary>
/// Filters evaluated over the four fixture users (see <see cref="QueryFixtures.Users"/>): each case names exactly the
/// users that must match, in fixture order.
/// </summary>
public class FilterEvaluatorTests
{
    private const string Ent = EnterpriseUrn;
    private const string Tst = TestUrn;

    public static TheoryData<string, string> Cases => new()
    {
        // eq, caseExact false and true, case-insensitive names and operators (RFC 7644 §3.4.2.2)
        { "userName eq \"bjensen\"", "u1" },
        { "userName eq \"BJENSEN\"", "u1" },
        { "USERNAME EQ \"bjensen\"", "u1" },
        { "UserName Eq \"alice\"", "u2" },
        { "title eq \"tour guide\"", "u1" },
        { "externalId eq \"Ext-A1\"", "u1" },
        { "externalId eq \"ext-a1\"", "u2" },
        { "externalId eq \"EXT-A1\"", "" },
        { "id eq \"u1\"", "u1" },
        { "id eq \"U1\"", "" },
        { "meta.resourceType eq \"User\"", "u1,u2,u3" },
        { "userName eq \"bj\\u0065nsen\"", "u1" },

        // ne: true when some value differs; an absent attribute has no value (the complement is not (... eq ...))
        { "userType ne \"Employee\"", "u2,u4" },
        { "not (userType eq \"Employee\")", "u2,u3,u4" },
        { "emails.type ne \"work\"", "u1,u2,u3" },
        { "emails.type eq \"work\"", "u1,u2" },
        { "not (emails.type eq \"work\")", "u3,u4" },
        { "userName ne \"BJENSEN\"", "u2,u3,u4" },

        // co, sw, ew
        { "name.familyName co \"ens\"", "u1" },
        { "name.familyName CO \"ENS\"", "u1" },
        { "emails.value co \"example.org\"", "u2" },
        { "emails co \"example.com\"", "u1,u2,u3" },
        { "userName sw \"bj\"", "u1" },
        { "userName sw \"bjensen\"", "u1" },
        { "userName sw \"A\"", "u2" },
        { "userName ew \"JENSEN\"", "u1" },
        { "userName ew \"bjensen\"", "u1" },
        { "emails.value ew \".org\"", "u1,u2" },
        { "userName co \"\"", "u1,u2,u3,u4" },

        // pr: null, missing, empty string, empty array and empty object are not present; false is
        { "title pr", "u1,u3" },
        { "TITLE PR", "u1,u3" },
        { "nickName pr", "" },
        { "name pr", "u1,u2" },
        { "emails pr", "u1,u2,u3" },
        { "active pr", "u1,u2,u4" },
        { $"{Tst}:tags pr", "u1,u2" },
        { "meta.lastModified pr", "u1,u2,u3" },
        { "displayName pr", "u1,u4" },

        // gt ge lt le on strings: lexicographic, honouring caseExact
        { "title gt \"Tour Guide\"", "u3" },
        { "title ge \"tour guide\"", "u1,u3" },
        { "title lt \"Zeta\"", "u1" },
        { "title le \"ZETA\"", "u1,u3" },
        { "userName gt \"b\"", "u1,u3,u4" },
        { "userName lt \"B\"", "u2" },
        { $"{Tst}:secretCode gt \"ABC\"", "u1,u2" },
        { "secretCode lt \"a\"", "u1" },
        { "secretCode eq \"abc\"", "u2" },
        { "secretCode co \"B\"", "" },
        { "secretCode co \"b\"", "u1,u2" },
        { "secretCode co \"C\"", "u1" },
        { "secretCode sw \"a\"", "u2" },
        { "secretCode ew \"C\"", "u1" },

        // integer: numeric, not lexicographic ("10" < "9" as text)
        { $"{Tst}:loginCount gt 9", "u1,u3" },
        { "loginCount ge 10", "u1,u3" },
        { "loginCount lt 10", "u2" },
        { "loginCount le 9", "u2" },
        { "loginCount eq 10", "u1" },
        { "loginCount eq 10.0", "u1" },
        { "loginCount eq 1e1", "u1" },
        { "loginCount ne 10", "u2,u3" },

        // decimal
        { "score gt 4.5", "u2" },
        { "score ge -0.5", "u1,u2,u4" },
        { "score lt 0", "u4" },
        { "score le 4.50", "u1,u4" },
        { "score eq 4.50", "u1" },
        { "score eq 10", "u2" },
        { "score ne 10", "u1,u4" },
        { "score gt 1E0", "u1,u2" },

        // boolean: eq and ne only
        { "active eq true", "u1,u4" },
        { "active eq false", "u2" },
        { "active ne true", "u2" },
        { "active ne false", "u1,u4" },
        { "emails.primary eq true", "u1,u2" },

        // dateTime: instants, across offsets (the text order disagrees in every case below)
        { "meta.created gt \"2024-01-01T20:00:00Z\"", "u3" },
        { "meta.created eq \"2024-01-01T19:00:00Z\"", "u2,u4" },
        { "meta.created eq \"2024-01-02T00:00:00+05:00\"", "u2,u4" },
        { "meta.created ne \"2024-01-01T19:00:00Z\"", "u1,u3" },
        { "meta.created lt \"2024-01-01T19:00:00Z\"", "u1" },
        { "meta.created le \"2024-01-01T14:00:00-05:00\"", "u1,u2,u4" },
        { "meta.created ge \"2024-01-01T19:00:00.0000001Z\"", "u3" },
        { "meta.created ge \"2024-01-01T19:00:00\"", "u2,u3,u4" },
        { "meta.lastModified lt \"2024-06-01T11:00:00Z\"", "u1,u2,u3" },
        { "meta.LASTMODIFIED GT \"2024-06-01T09:59:59.999Z\"", "u1" },
        { $"{Tst}:lastLogin eq \"2024-03-01T11:00:00+01:00\"", "u1,u4" },
        { "lastLogin gt \"2024-03-01T10:15:00Z\"", "u2" },
        { "meta.created lt \"2023-12-31T24:00:00Z\"", "" },
        { "meta.created le \"2023-12-31T24:00:00Z\"", "u1" },

        // binary and reference: case-exact
        { "x509Certificates.value eq \"TUlJRA==\"", "u1" },
        { "x509Certificates.value eq \"tulJRA==\"", "" },
        { "x509Certificates eq \"TUlJRA==\"", "u1" },
        { $"{Tst}:badge eq \"AQID\"", "u1" },
        { "badge ne \"AQID\"", "" },
        { "groups.$ref eq \"https://example.com/v2/Groups/g1\"", "u1" },
        { "groups.$ref eq \"HTTPS://EXAMPLE.COM/v2/Groups/g1\"", "" },
        { "groups.$ref sw \"https://example.com/\"", "u1" },

        // multi-valued: any value matches
        { "emails.value eq \"babs@jensen.org\"", "u1" },
        { "tags eq \"blue\"", "u1" },
        { "tags eq \"green\"", "u2" },
        { "tags ne \"red\"", "u1,u2" },
        { "phoneNumbers.type eq \"work\"", "u1" },
        { $"schemas eq \"{Ent}\"", "u1,u2" },
        { $"schemas eq \"{Ent.ToUpperInvariant()}\"", "u1,u2" },

        // URN-qualified paths, core and extension; bare extension attributes; a clash between core and extension
        { $"{CoreUrn}:userName sw \"bj\"", "u1" },
        { $"{CoreUrn}:name.familyName eq \"Smith\"", "u2" },
        { $"{CoreUrn}:id eq \"u3\"", "u3" },
        { $"{Ent}:employeeNumber eq \"701984\"", "u1" },
        { $"{Ent}:manager.displayName co \"smith\"", "u1" },
        { $"{Ent.ToUpperInvariant()}:EMPLOYEENUMBER eq \"42\"", "u2" },
        { "employeeNumber eq \"42\"", "u2" },
        { "manager.value eq \"u9\"", "u1" },
        { "title eq \"T-1000\"", "" },
        { $"{Tst}:title eq \"T-1000\"", "u1" },
        { $"{Tst}:title eq \"t-1000\"", "" },

        // logical operators, precedence not > and > or, grouping
        { "title pr and userType eq \"Employee\"", "u1" },
        { "userType eq \"Intern\" or title eq \"Zeta\"", "u2,u3" },
        { "userType eq \"Intern\" or userType eq \"Employee\" and title eq \"Zeta\"", "u2" },
        { "(userType eq \"Intern\" or userType eq \"Employee\") and title pr", "u1" },
        { "userType eq \"Employee\" and title eq \"Zeta\" or userName eq \"carol\"", "u3" },
        { "userName eq \"carol\" or userName eq \"Alice\" and active eq true", "u3" },
        { "(userName eq \"carol\" or userName eq \"Alice\") and active eq false", "u2" },
        { "not (title pr) and not (userName eq \"Alice\")", "u4" },
        { "not(userType eq \"Employee\")", "u2,u3,u4" },
        { "NOT (active eq true) AND emails PR", "u2,u3" },
        { "not (not (userName eq \"carol\"))", "u3" },
        { "((userName eq \"carol\"))", "u3" },
        { "not (active eq true or title pr)", "u2" },
        { "userName eq \"carol\" Or userName eq \"Alice\"", "u2,u3" },

        // value paths: one and the same value must satisfy the whole inner filter
        { "emails[type eq \"work\" and value co \"example.com\"]", "u1" },
        { "emails[type eq \"work\"] and emails[value co \"example.com\"]", "u1,u2" },
        { "emails[type eq \"home\"] or userType eq \"Intern\"", "u1,u2,u3" },
        { "emails[type eq \"work\" or primary eq true]", "u1,u2" },
        { "emails[primary eq true and type eq \"home\"]", "u2" },
        { "emails[not (type eq \"work\")]", "u1,u2,u3" },
        { "EMAILS[TYPE EQ \"WORK\"]", "u1,u2" },
        { "not (emails[type eq \"work\"])", "u3,u4" },
        { "emails[value pr and (type eq \"home\" or type eq \"other\")]", "u1,u2,u3" },
        { $"{Ent}:manager[displayName sw \"John\"]", "u1" },
        { "name[familyName eq \"Jensen\" and givenName eq \"Barbara\"]", "u1" },
        { "name[familyName eq \"Jensen\" and givenName eq \"Alice\"]", "" },
        { $"{CoreUrn}:emails[type eq \"home\" and value ew \"example.com\"]", "u2,u3" },

        // escapes in string values
        { "userName eq \"d\\\"ave\"", "u4" },
        { "displayName eq \"C:\\\\dir\\\\\u00e9\"", "u4" },
        { "displayName ew \"\\u00E9\"", "u4" },
        { "displayName co \"\\\\DIR\\\\\"", "u4" },
        { "displayName eq \"C:\\/dir\"", "" },

        // null as the comparison value: eq null is "not present", ne null is "present"
        { "title eq null", "u2,u4" },
        { "title ne null", "u1,u3" },
        { "nickName eq null", "u1,u2,u3,u4" },
        { "emails eq null", "u4" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Filter_matches_exactly_the_expected_users(string filter, string expected)
    {
        var evaluator = new FilterEvaluator(Catalog);
        var parsed = ScimFilter.Parse(filter);

        var matched = Users().Where(user => evaluator.Matches(parsed, user));

        Assert.Equal(expected, Ids(matched));
    }

    [Fact]
    public void A_compiled_predicate_agrees_with_matches()
    {
        var evaluator = new FilterEvaluator(Catalog);
        var parsed = ScimFilter.Parse("emails[type eq \"work\"] and not (active eq false)");
        var predicate = evaluator.Compile(parsed);

        Assert.Equal("u1", Ids(Users().Where(predicate)));
        Assert.Equal(Ids(Users().Where(predicate)), Ids(Users().Where(user => evaluator.Matches(parsed, user))));
    }

    [Fact]
    public void Attribute_names_in_the_data_match_without_regard_to_case()
    {
        var user = Parse($$"""{ "id": "x", "USERNAME": "Bob", "Emails": [ { "Value": "b@x.test", "TYPE": "work" } ], "{{EnterpriseUrn.ToUpperInvariant()}}": { "EmployeeNumber": "7" } }""");
        var evaluator = new FilterEvaluator(Catalog);

        Assert.True(evaluator.Matches(ScimFilter.Parse("userName eq \"bob\""), user));
        Assert.True(evaluator.Matches(ScimFilter.Parse("emails[type eq \"work\" and value eq \"b@x.test\"]"), user));
        Assert.True(evaluator.Matches(ScimFilter.Parse($"{EnterpriseUrn}:employeeNumber eq \"7\""), user));
        Assert.False(evaluator.Matches(ScimFilter.Parse("userName eq \"bobby\""), user));
    }

    [Fact]
    public void Values_of_the_wrong_json_type_in_the_data_match_nothing()
    {
        var user = Parse($$"""{ "id": "x", "userName": 42, "active": "true", "{{TestUrn}}": { "loginCount": "10", "lastLogin": "yesterday" } }""");
        var evaluator = new FilterEvaluator(Catalog);

        foreach (var filter in new[] { "userName eq \"42\"", "userName ne \"x\"", "active eq true", "active ne true", "loginCount eq 10", "loginCount ne 1", "lastLogin lt \"2100-01-01T00:00:00Z\"" })
            Assert.False(evaluator.Matches(ScimFilter.Parse(filter), user), filter);
        // pr only asks whether there is a value.
        Assert.True(evaluator.Matches(ScimFilter.Parse("userName pr and active pr and loginCount pr"), user));
    }
}
