using Scim.Conformance.ReferenceServer.Query;
using Xunit;
using static Scim.Conformance.Tests.ReferenceServer.Query.QueryFixtures;

namespace Scim.Conformance.Tests.ReferenceServer.Query;

/// <summary>
/// Filters that parse but do not fit the resource type: unknown attributes, operators a type does not support, values
/// of the wrong type. Each is a 400 invalidFilter (RFC 7644 §3.4.2.2, §3.12 Table 9).
/// </summary>
public class FilterErrorTests
{
    public static TheoryData<string, string> Cases => new()
    {
        // gt ge lt le on boolean, binary and complex attributes (RFC 7644 §3.4.2.2: SHALL fail with invalidFilter)
        { "active gt true", "boolean attribute supports only eq, ne and pr" },
        { "active ge false", "boolean attribute supports only eq, ne and pr" },
        { "active lt true", "boolean attribute supports only eq, ne and pr" },
        { "active le true", "boolean attribute supports only eq, ne and pr" },
        { "emails.primary gt false", "boolean attribute supports only eq, ne and pr" },
        { "emails[primary ge true]", "boolean attribute supports only eq, ne and pr" },
        { "x509Certificates.value gt \"A\"", "binary attribute supports only eq, ne and pr" },
        { $"{TestUrn}:badge le \"A\"", "binary attribute supports only eq, ne and pr" },
        { "name gt \"x\"", "complex attribute" },
        { "meta lt \"x\"", "complex attribute" },
        { $"{EnterpriseUrn}:manager ge \"x\"", "complex attribute" },

        // co sw ew apply to strings only
        { "active co \"t\"", "boolean attribute supports only eq, ne and pr" },
        { "badge sw \"A\"", "binary attribute supports only eq, ne and pr" },
        { "loginCount co \"1\"", "co, sw and ew apply to strings" },
        { "score ew \"5\"", "co, sw and ew apply to strings" },
        { "meta.created sw \"2024\"", "co, sw and ew apply to strings" },

        // a complex attribute compared as a whole
        { "name eq \"Barbara Jensen\"", "cannot be compared as a whole" },
        { "meta eq \"x\"", "cannot be compared as a whole" },

        // comparison values of the wrong type
        { "active eq \"true\"", "true or false, unquoted" },
        { "active eq 1", "true or false, unquoted" },
        { "userName eq 1", "a JSON string" },
        { "userName eq true", "a JSON string" },
        { "emails[value eq false]", "a JSON string" },
        { "loginCount eq \"10\"", "a JSON number" },
        { "score gt true", "a JSON number" },
        { "score eq 1e400", "within the decimal range" },
        { "meta.created gt \"yesterday\"", "xsd:dateTime" },
        { "meta.created gt 20240101", "xsd:dateTime" },
        { "meta.created eq \"2024-01-01\"", "xsd:dateTime" },
        { "meta.created eq \"2024-13-01T00:00:00Z\"", "xsd:dateTime" },
        { "meta.created eq \"2024-02-30T00:00:00Z\"", "xsd:dateTime" },
        { "meta.created eq \"2024-01-01 00:00:00Z\"", "xsd:dateTime" },
        { "meta.created eq \"2024-01-01T00:00:00+15:00\"", "xsd:dateTime" },
        { "x509Certificates.value eq 1", "base64" },
        { "title gt null", "null can only be compared with eq" },
        { "title co null", "null can only be compared with eq" },

        // attributes the resource type does not have
        { "nickname2 eq \"x\"", "not an attribute of this resource type" },
        { "unknown pr", "not an attribute of this resource type" },
        { "name.middle eq \"x\"", "not an attribute of this resource type" },
        { "name.middle pr", "not an attribute of this resource type" },
        { "userName.first eq \"x\"", "without sub-attributes" },
        { "urn:example:unknown:2.0:User:userName eq \"x\"", "not an attribute of this resource type" },
        { $"{EnterpriseUrn}:userName eq \"x\"", "not an attribute of this resource type" },
        { $"{CoreUrn}:employeeNumber eq \"x\"", "not an attribute of this resource type" },
        { "emails[kind eq \"work\"]", "has no such sub-attribute" },
        { "emails[kind pr]", "has no such sub-attribute" },
        { "unknown[value eq \"x\"]", "not an attribute of this resource type" },
        { "userName[value eq \"x\"]", "needs a complex attribute" },
        { "tags[value eq \"x\"]", "needs a complex attribute" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Filters_that_do_not_fit_the_resource_type_are_refused(string filter, string expectedDetail)
    {
        var evaluator = new FilterEvaluator(Catalog);
        var parsed = ScimFilter.Parse(filter);

        var onMatch = Assert.Throws<FilterException>(() => evaluator.Matches(parsed, Users()[0]));
        var onValidate = Assert.Throws<FilterException>(() => evaluator.Validate(parsed));

        Assert.Contains(expectedDetail, onMatch.Message, StringComparison.Ordinal);
        Assert.Equal(onMatch.Message, onValidate.Message);
    }

    [Theory]
    [InlineData("userName eq \"bjensen\" or bogus eq \"x\"")]
    [InlineData("userName eq \"nobody\" and active gt true")]
    [InlineData("not (userName pr) and emails[nope pr]")]
    public void An_error_is_reported_whichever_branch_the_data_would_reach(string filter)
    {
        var evaluator = new FilterEvaluator(Catalog);
        var parsed = ScimFilter.Parse(filter);

        Assert.All(Users(), user => Assert.Throws<FilterException>(() => evaluator.Matches(parsed, user)));
    }

    [Fact]
    public void Trees_built_by_hand_are_checked_too()
    {
        var evaluator = new FilterEvaluator(Catalog);
        var nested = new FilterNode.ValuePath(new AttributePath(null, "emails", null),
            new FilterNode.ValuePath(new AttributePath(null, "type", null), new FilterNode.Present(new AttributePath(null, "value", null))));
        var qualifiedInside = new FilterNode.ValuePath(new AttributePath(null, "emails", null),
            new FilterNode.Present(new AttributePath(CoreUrn, "emails", "type")));
        var onSubAttribute = new FilterNode.ValuePath(new AttributePath(null, "emails", "type"), new FilterNode.Present(new AttributePath(null, "value", null)));

        Assert.Contains("do not nest", Assert.Throws<FilterException>(() => evaluator.Validate(nested)).Message, StringComparison.Ordinal);
        Assert.Contains("bare name", Assert.Throws<FilterException>(() => evaluator.Validate(qualifiedInside)).Message, StringComparison.Ordinal);
        Assert.Contains("not to the sub-attribute", Assert.Throws<FilterException>(() => evaluator.Validate(onSubAttribute)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_valid_filter_validates_without_resources()
    {
        var evaluator = new FilterEvaluator(Catalog);

        evaluator.Validate(ScimFilter.Parse("emails[type eq \"work\"] and meta.created gt \"2024-01-01T00:00:00Z\" and not (active eq true)"));
    }
}
