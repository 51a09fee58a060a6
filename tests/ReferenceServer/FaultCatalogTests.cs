using System.Text.RegularExpressions;
using Scim.Conformance.ReferenceServer;
using Scim.Conformance.ReferenceServer.Model;
using Xunit;

namespace Scim.Conformance.Tests.ReferenceServer;

/// <summary>The fault catalog as data: the agreed names, well-formed entries, and hooks that apply cleanly.</summary>
public partial class FaultCatalogTests
{
    /// <summary>The fault names other code and the kill matrix rely on; renaming one is a breaking change.</summary>
    private static readonly string[] AgreedNames =
    [
        "spc-as-list-response", "spc-missing-schema-urn", "spc-patch-supported-as-string", "spc-bulk-without-limits",
        "spc-filter-without-max-results", "spc-without-change-password", "spc-without-sort", "spc-without-etag",
        "spc-auth-scheme-without-type", "spc-auth-scheme-custom-type", "spc-requires-authentication", "discovery-accepts-writes",
        "discovery-honours-paging", "discovery-ignores-filter", "discovery-applies-filter", "schemas-total-results-wrong",
        "schemas-by-id-not-found", "resource-types-bare-array", "resource-types-by-id-not-found", "schemas-lists-message-schemas",
        "resource-type-without-schemas-attribute", "resource-type-without-endpoint", "user-resource-type-renamed",
        "resource-type-unknown-schema", "extension-schema-missing", "resource-endpoint-missing", "wrong-meta-resource-type",
        "schema-resources-without-schemas-attribute", "user-schema-misnamed", "schema-attribute-invalid-type",
        "schema-attribute-without-multi-valued", "schema-attribute-flag-as-string", "schema-reference-without-reference-types",
        "schema-attribute-bad-name", "schema-duplicate-attribute", "complex-attribute-without-subattributes",
        "nested-complex-attribute", "resources-carry-undeclared-schema", "agent-extension-not-advertised",
        "agent-extension-flags-as-strings", "agent-resource-type-missing", "agentic-application-wrong-endpoint",
        "agent-name-not-required", "agentic-application-schema-missing", "pagination-without-index-flag",
        "pagination-unknown-default-method", "pagination-zero-page-size", "pagination-default-above-max",
    ];

    [Fact]
    public void The_catalog_holds_exactly_the_agreed_faults()
    {
        Assert.Equal(AgreedNames.Order(), FaultCatalog.All.Select(fault => fault.Name).Order());
    }

    [Fact]
    public void Every_entry_is_well_formed()
    {
        Assert.All(FaultCatalog.All, fault =>
        {
            Assert.Matches(KebabCase(), fault.Name);
            Assert.False(string.IsNullOrWhiteSpace(fault.Description), $"{fault.Name} has no description");
            Assert.DoesNotContain('\n', fault.Description);
            Assert.EndsWith(".", fault.Description);
            Assert.NotEmpty(fault.Demonstrates);
            Assert.All(fault.Demonstrates, id => Assert.Matches(CheckId(), id));
        });
    }

    [Fact]
    public void Find_returns_the_named_fault_or_null()
    {
        Assert.Same(FaultCatalog.All[0], FaultCatalog.Find(FaultCatalog.All[0].Name));
        Assert.Equal(["discovery.spc.etag"], FaultCatalog.Find("spc-without-etag")!.Demonstrates);
        Assert.Null(FaultCatalog.Find("no-such-fault"));
        Assert.Null(FaultCatalog.Find("SPC-WITHOUT-ETAG"));
    }

    [Fact]
    public void Every_hook_applies_to_the_correct_server_and_the_result_still_freezes()
    {
        Assert.All(FaultCatalog.Definitions, definition =>
        {
            var blueprint = ServerBlueprint.Correct();
            definition.Apply(blueprint);
            Assert.NotNull(blueprint.Freeze([definition.Fault.Name]));
        });
    }

    [Fact]
    public void Hooks_do_not_leak_into_later_servers()
    {
        var faulted = ServerBlueprint.Correct();
        FaultCatalog.Definitions.Single(definition => definition.Fault.Name == "spc-without-etag").Apply(faulted);

        Assert.Null(faulted.ServiceProviderConfig["etag"]);
        Assert.NotNull(ServerBlueprint.Correct().ServiceProviderConfig["etag"]);
    }

    [Fact]
    public async Task Starting_with_an_unknown_fault_is_an_argument_error_that_names_it()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            ReferenceServerHost.StartAsync(new ReferenceServerOptions { Faults = ["spc-without-etag", "no-such-fault"] }, TestContext.Current.CancellationToken));

        Assert.Equal("unknown fault 'no-such-fault'; see --list-faults", error.Message);
    }

    [Fact]
    public async Task Starting_with_an_empty_token_is_an_argument_error()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            ReferenceServerHost.StartAsync(new ReferenceServerOptions { Token = " " }, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_base_url_is_on_the_loopback_address_without_a_trailing_slash()
    {
        await using var host = await ReferenceServerHost.StartAsync(new ReferenceServerOptions(), TestContext.Current.CancellationToken);

        Assert.Matches(@"^http://127\.0\.0\.1:[1-9][0-9]*/scim/v2$", host.BaseUrl.ToString());
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)+$")]
    private static partial Regex CheckId();
}
