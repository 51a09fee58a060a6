using Scim.Conformance.Reports.Model;
using Xunit;

namespace Scim.Conformance.Tests.Checks;

/// <summary>A check judges its own requirement and says what really went wrong. Each server here breaks a
/// neighbouring rule (one the kill matrix pins on another check); the check under test must not blame it for that,
/// and its headline must describe the defect it saw. These are the check bugs of issue 15, item 6.</summary>
public class OwnRequirementOnlyTests
{
    [Fact]
    public async Task Patch_atomic_does_not_fail_a_server_whose_only_defect_is_accepting_a_filter_that_selects_nothing()
    {
        // The server appends a value instead of answering noTarget (patch.replace.no-target's finding): the PATCH
        // then had no failing operation, so atomicity was never exercised.
        var check = await RunAsync("patch.atomic", "patch-replace-filter-no-match-adds");

        Assert.Equal(Outcome.Skipped, check.Outcome);
        Assert.Contains("atomicity could not be observed", check.Reason);
    }

    [Fact]
    public async Task Patch_errors_body_judges_the_refusals_and_not_an_invalid_operation_the_server_accepted()
    {
        // op "move" is accepted and ignored (patch.request.op-valid's finding); the two other invalid PATCHes are
        // refused with proper SCIM errors.
        var check = await RunAsync("patch.errors.body", "patch-unknown-op-ignored");

        Assert.Equal(Outcome.Pass, check.Outcome);
    }

    [Fact]
    public async Task Pagination_beyond_end_names_a_wrong_total_without_calling_the_empty_page_not_empty()
    {
        // totalResults is the page size, so the (empty) page past the end reports 0 results in all.
        var check = await RunAsync("pagination.beyond-end", "total-results-is-page-size");

        Assert.Equal(Outcome.Warn, check.Outcome);
        Assert.DoesNotContain("not empty", check.Reason);
        Assert.Contains("totalResults", check.Reason);
        Assert.DoesNotContain("resource(s)", check.Actual);
    }

    private static async Task<CheckResult> RunAsync(string checkId, string fault)
    {
        var document = await ReferenceRuns.RunAsync([fault], [checkId]);
        return document.Checks.Single(c => c.Id == checkId);
    }
}
