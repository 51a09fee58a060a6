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
        // Issue 4: authentication, media types, errors, the resource lifecycle and retrieval.
        "auth-optional", "auth-accepts-any-token", "no-www-authenticate", "401-without-scim-body", "rejects-scim-accept",
        "rejects-json-accept", "responds-application-json", "rejects-scim-content-type", "mangles-non-ascii",
        "multi-valued-as-object", "requires-schemas-first", "errors-without-body", "error-schema-missing",
        "error-status-as-number", "error-status-mismatch", "error-wrapped", "scim-type-capitalised", "detail-as-object",
        "errors-as-200", "unknown-id-400", "unknown-endpoint-501", "malformed-json-500", "accepts-wrong-types",
        "unsupported-operation-400", "create-returns-200", "no-location-header", "create-returns-empty-body", "client-chosen-id",
        "client-meta-kept", "create-writes-groups", "duplicates-allowed", "username-case-sensitive", "required-not-enforced",
        "empty-username-accepted", "schemas-optional", "group-display-name-optional", "echo-without-storing", "get-by-id-404",
        "meta-without-last-modified", "meta-dates-unparseable", "last-modified-differs", "meta-location-wrong",
        "resources-without-schemas", "schemas-duplicated", "base-schema-missing", "extension-urn-not-listed",
        "sequential-ids-per-type", "ids-reused", "ids-contain-bulkid", "invents-external-id", "external-id-lowercased",
        "active-as-string", "primary-twice-kept", "duplicate-values-kept", "primary-as-string", "put-merges", "put-creates",
        "put-response-stale", "null-ignored-on-put", "put-overwrites-created", "put-allows-missing-required",
        "put-uniqueness-unchecked", "put-takes-body-id", "put-keeps-members", "delete-returns-200", "soft-delete-visible",
        "deleted-still-listed", "deleted-names-reserved", "delete-unknown-204", "member-ref-wrong", "members-not-returned",
        "unknown-member-500", "nested-groups-rejected", "user-groups-not-computed", "enterprise-extension-dropped",
        "manager-ref-wrong", "manager-display-name-writable", "default-set-incomplete", "password-returned-when-requested",
        "attributes-ignored", "attributes-drops-id", "sub-attribute-selection-ignored", "parent-selection-drops-sub-attributes",
        "attributes-first-only", "attributes-urn-unsupported", "extension-attributes-unselectable",
        "excluded-attributes-ignored", "excluded-removes-id", "list-ignores-attributes", "writes-ignore-attributes",
        "attribute-names-case-sensitive", "unknown-parameter-rejected", "list-response-schema-missing",
        "list-without-total-results", "list-resources-lowercase", "items-per-page-is-count", "content-location-wrong",
        "etag-differs-from-version", "weak-etag-lowercase", "last-modified-goes-back", "binary-not-validated",
        "group-display-name-unique", "defaults-despite-null", "primary-defaults-true",
        // Issue 5: filtering, sorting, index and cursor pagination, and POST /.search.
        "filter-ignored", "filter-no-match-404", "filter-eq-as-contains", "filter-ne-as-eq", "filter-co-as-sw",
        "filter-sw-excludes-equal", "filter-ew-as-sw", "filter-pr-always-true", "filter-ordering-inverted",
        "filter-orders-booleans", "filter-and-as-or", "filter-or-as-and", "filter-not-ignored", "filter-parentheses-ignored",
        "filter-left-to-right", "filter-value-path-across-values", "filter-primary-value-only",
        "filter-sub-attributes-unsupported", "filter-urn-paths-unsupported", "filter-extension-paths-unmatched",
        "filter-attribute-names-case-sensitive", "filter-operators-lowercase-only", "filter-case-sensitive",
        "filter-case-insensitive-always", "filter-accepts-unquoted", "filter-unknown-operator-ignored",
        "filter-trailing-garbage-ignored", "filter-ignored-on-groups", "sort-ignored", "sort-default-descending",
        "sort-order-ignored", "sort-case-sensitive", "sort-missing-first", "sort-sub-attributes-unsupported",
        "sort-multi-valued-by-last", "sort-after-paging", "sort-attribute-name-case-sensitive", "paging-zero-based",
        "paging-rejects-start-index-below-one", "paging-count-plus-one", "paging-count-zero-ignored",
        "total-results-is-page-size", "paging-overlaps", "paging-beyond-end-returns-last-page",
        "cursor-first-page-has-previous", "cursor-skips-a-result", "cursor-last-page-has-next", "cursor-count-zero-ignored",
        "cursor-not-verified", "cursor-never-expires", "cursor-count-change-accepted", "cursor-max-page-size-ignored",
        "cursor-default-method-mismatch", "search-unsupported", "search-creates", "search-ignores-attributes",
        "search-rejects-attribute-arrays", "search-bad-filter-500", "search-ignores-cursor",
        "root-search-unsupported", "search-accepts-missing-urn", "root-query-unsupported", "root-query-mixes-types", "filter-schemas-ignored",
        "cursor-not-bound-to-client",
        // Tolerated: broken discovery and a business rule the suite works around (FaultCatalog.Adaptation.cs)
        "user-type-names-extension-schema", "users-require-email",
        // Agents and AgenticApplications (FaultCatalog.Agent.cs)
        "agents-served-without-extension", "agent-applications-declared-writable", "agent-type-required",
        "agentic-application-description-required", "agent-name-optional", "agentic-application-name-optional",
        "agent-name-duplicates-allowed", "agent-name-case-sensitive", "agentic-application-name-duplicates-allowed",
        "agentic-application-name-case-sensitive", "agent-filter-ignored", "agentic-application-filter-ignored",
        "agent-patch-ignored", "agent-listing-not-served", "agent-applications-writable", "agentic-application-last-accessed-writable",
        "agent-prose-attributes-read-only", "agent-applications-not-computed", "agent-refs-wrong-endpoint",
        "agent-references-unchecked", "agent-delete-leaves-links", "agent-groups-not-computed", "x509-stored-as-pem", "x509-not-parsed",
        "x509-pem-accepted", "x509-concatenated-accepted", "agent-several-primaries-accepted",
        "agent-active-ignored-on-replace", "agents-no-display-name-fallback", "agent-type-dropped", "external-identifiers-dropped",
        // Issue 9: ETags, Bulk, attribute notation, /Me and asynchronous requests.
        "put-without-etag", "put-etag-stale", "put-keeps-version", "if-none-match-ignored",
        "if-none-match-strong-comparison", "if-match-ignored", "if-match-ignored-on-delete", "if-match-always-fails",
        "etag-unadvertised", "bulk-limits-zero", "bulk-answers-201", "bulk-response-wrong-urn",
        "bulk-drops-last-result", "bulk-status-always-200", "bulk-omits-location", "bulk-omits-bulkid",
        "bulk-accepts-missing-bulkid", "bulk-error-without-response", "bulk-stops-at-first-error",
        "bulk-ignores-fail-on-errors", "bulk-leaves-references", "bulk-ignores-extension-references",
        "bulk-resolves-only-earlier", "bulk-circular-500", "bulk-max-operations-unenforced",
        "bulk-max-payload-unenforced", "bulk-ignores-version", "bulk-ignores-delete", "bulk-unadvertised",
        "body-names-case-sensitive", "me-without-location", "me-redirects-302", "me-unsupported-404",
        "async-request-mode-invalid", "async-answers-synchronously", "async-without-set-txn", "async-txn-mismatch",
        "async-set-with-sub", "async-result-public", "async-error-without-response", "async-unadvertised",
        // Deactivation path (FaultCatalog.Deactivation.cs)
        "deactivation-ignored", "deactivation-deletes", "inactive-hidden-from-lists", "deactivation-clears-attributes", "deactivation-keeps-timestamp",
        "deactivating-twice-refused", "reactivation-ignored", "references-kept-after-delete", "deleted-agent-still-readable",
        "id-reused-after-delete", "no-owner-cascade", "no-owner-cascade-on-delete", "credential-survives-deactivation",
        "credential-survives-delete",
        // PATCH and the identity-provider dialects (FaultCatalog.Patch.cs)
        "patch-advertised-but-refused", "patch-ignores-request-schema", "patch-accepts-no-operations", "patch-unknown-op-ignored",
        "patch-200-without-body", "patch-always-204", "patch-errors-without-scim-body", "patch-unknown-resource-400",
        "patch-operations-reversed", "patch-not-atomic", "patch-answers-without-storing", "patch-no-op-touches-last-modified",
        "patch-path-case-sensitive", "patch-malformed-path-ignored", "patch-urn-path-refused", "patch-extension-schemas-not-updated",
        "patch-ignores-path-filter", "patch-sub-attribute-targets-whole-value", "patch-read-only-ignored", "patch-immutable-changeable",
        "patch-remove-ignores-mutability", "patch-primary-not-exclusive", "patch-add-without-value-removes", "patch-add-replaces-multi-valued",
        "patch-add-keeps-existing-value", "patch-add-requires-existing-attribute", "patch-complex-replaced-whole", "patch-members-capped",
        "patch-remove-without-path-accepted", "patch-remove-sets-empty-string", "patch-remove-multi-valued-refused", "patch-remove-last-value-kept",
        "patch-replace-without-path-clears-others", "patch-replace-merges-multi-valued", "patch-replace-unassigned-no-target",
        "patch-replace-filter-no-match-adds", "patch-op-case-sensitive", "patch-string-booleans-refused", "patch-dotted-keys-refused",
        "patch-urn-keys-refused", "patch-remove-value-array-ignored", "patch-path-less-replace-ignored",
        // Faults of one resource type only (FaultCatalog.ResourceTypes.cs)
        "agents-create-without-location", "agentic-application-name-filter-case-sensitive", "agents-patch-accepts-read-only",
        "agentic-application-wrong-meta-resource-type",
        "agentic-applications-keep-read-only", "group-member-value-changeable", "agents-accept-wrong-types",
        "agentic-applications-keep-two-primaries", "groups-deleted-still-readable", "agents-create-skips-required",
        "agentic-applications-default-set-incomplete", "agents-attributes-drop-id", "groups-excluded-removes-id",
        "agentic-applications-put-skips-uniqueness", "agents-replace-non-canonical-values",
        // A store that breaks when writes overlap (FaultCatalog.Robustness.cs)
        "store-fails-under-concurrent-writes", "store-loses-concurrent-patches",
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
            // A tolerated fault may be one no check should fail on (a business rule the RFC allows).
            Assert.True(fault.Tolerated || fault.Demonstrates.Count > 0, $"{fault.Name} names no check it makes fail");
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
