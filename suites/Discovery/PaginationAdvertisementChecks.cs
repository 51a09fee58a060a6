using System.Text.Json.Nodes;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Discovery;

/// <summary>RFC 9865 §4 (ServiceProviderConfig): the shape of the `pagination` block, when a server advertises
/// one. Whether the behaviour matches the block is the pagination suite's business.</summary>
[TargetEffect(TargetEffect.ReadsOnly)]
public sealed class PaginationAdvertisementChecks : ScimCheck
{
    [Check("discovery.pagination.required-flags", "The pagination block says which pagination methods are supported",
        References = ["RFC9865 (Service Provider Configuration)"], Rows = ["RFC9865-4-SPC-REQUIRED-FLAGS", "RFC9865-4-SPC-PAGINATION"], Tags = ["rfc9865", "spc"],
        Requirement = "When the ServiceProviderConfig has a `pagination` block, its REQUIRED `cursor` and `index` members are booleans.")]
    public async Task RequiredFlags()
    {
        var pagination = await PaginationAsync();
        var problems = new[] { "cursor", "index" }.Where(m => !pagination.Member(m).IsBoolean())
            .Select(m => $"`pagination.{m}` is {ScimJson.Describe(pagination.Member(m))}").ToList();
        Expect.NoProblems(problems, "the pagination block lacks a REQUIRED flag", "boolean `pagination.cursor` and `pagination.index`");
    }

    [Check("discovery.pagination.default-method", "The default pagination method is one the server supports",
        References = ["RFC9865 (Service Provider Configuration)", "RFC9865 (pagination methods)"], Rows = ["RFC9865-4-SPC-DEFAULT-METHOD", "RFC9865-2.3-DEFAULT-METHOD"], Tags = ["rfc9865", "spc"],
        Requirement = "`defaultPaginationMethod`, when present, is \"cursor\" or \"index\", and names a method the block marks as supported.")]
    public async Task DefaultMethod()
    {
        var pagination = await PaginationAsync();
        var method = pagination.Member("defaultPaginationMethod");
        if (method is null)
            throw new NotApplicableException("the pagination block has no defaultPaginationMethod (it is OPTIONAL)");
        var value = method.IsString() ? method.GetValue<string>() : null;
        Expect.That(value is "cursor" or "index", "`pagination.defaultPaginationMethod` is not a method RFC 9865 defines",
            "\"cursor\" or \"index\"", ScimJson.Describe(method));
        Expect.That(pagination.Member(value!).IsTrue(), $"the default pagination method \"{value}\" is not marked as supported",
            $"`pagination.{value}` true", $"`pagination.{value}` is {ScimJson.Describe(pagination.Member(value!))}");
    }

    [Check("discovery.pagination.positive-integers", "Page sizes and the cursor timeout are positive integers",
        References = ["RFC9865 (Service Provider Configuration)"], Rows = ["RFC9865-4-SPC-POSITIVE-INTEGERS"], Tags = ["rfc9865", "spc"],
        Requirement = "`defaultPageSize`, `maxPageSize` and `cursorTimeout`, when present, are positive integers.")]
    public async Task PositiveIntegers()
    {
        var pagination = await PaginationAsync();
        var present = new[] { "defaultPageSize", "maxPageSize", "cursorTimeout" }.Where(pagination.HasMember).ToList();
        if (present.Count == 0)
            throw new NotApplicableException("the pagination block has none of defaultPageSize, maxPageSize, cursorTimeout (all OPTIONAL)");
        var problems = present.Where(m => !(pagination.Member(m).IsInteger() && pagination.Member(m)!.GetValue<long>() > 0))
            .Select(m => $"`pagination.{m}` is {ScimJson.Describe(pagination.Member(m))}").ToList();
        Expect.NoProblems(problems, "a pagination limit is not a positive integer", "positive integers");
    }

    [Check("discovery.pagination.page-size-order", "The default page size does not exceed the maximum page size",
        References = ["RFC9865 (Service Provider Configuration)"], Rows = ["RFC9865-4-SPC-MAXPAGESIZE"], Tags = ["rfc9865", "spc"],
        Requirement = "`maxPageSize` caps every page whatever `count` asks, so a `defaultPageSize` above it is a contradiction a client cannot honour.")]
    public async Task PageSizeOrder()
    {
        var pagination = await PaginationAsync();
        if (!pagination.Member("defaultPageSize").IsInteger() || !pagination.Member("maxPageSize").IsInteger())
            throw new NotApplicableException("the pagination block does not give both defaultPageSize and maxPageSize as integers");
        var defaultSize = pagination.Member("defaultPageSize")!.GetValue<long>();
        var maxSize = pagination.Member("maxPageSize")!.GetValue<long>();
        Expect.That(defaultSize <= maxSize, "the advertised default page size is larger than the maximum page size",
            $"defaultPageSize ≤ maxPageSize ({maxSize})", $"defaultPageSize {defaultSize}");
    }

    private async Task<JsonObject> PaginationAsync()
    {
        var spc = (await DiscoveryAsync()).ServiceProviderConfig;
        return spc.Member("pagination") switch
        {
            JsonObject block => block,
            null => throw new NotApplicableException("the ServiceProviderConfig has no `pagination` block (RFC 9865 advertisement absent)"),
            var other => throw new VerdictException("`pagination` is not an object", "an object", ScimJson.Describe(other)),
        };
    }
}
