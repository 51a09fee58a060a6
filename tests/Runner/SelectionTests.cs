using Scim.Conformance.Runner.Configuration;
using Scim.Conformance.Runner.Execution;
using Scim.Conformance.Suites.Kit;
using Xunit;

namespace Scim.Conformance.Tests.Runner;

public class SelectionTests
{
    private static readonly IReadOnlyList<CheckDescriptor> Catalog = CheckCatalog.All;

    private static List<string> Selected(string[] include, string[] exclude)
    {
        var selection = new Selection(include, exclude, Catalog);
        return Catalog.Where(c => selection.ExclusionReason(c) is null).Select(c => c.Id).ToList();
    }

    [Fact]
    public void No_pattern_selects_everything() => Assert.Equal(Catalog.Count, Selected([], []).Count);

    [Fact]
    public void Globs_select_by_id_prefix()
    {
        var ids = Selected(["discovery.spc.*"], []);
        Assert.NotEmpty(ids);
        Assert.All(ids, id => Assert.StartsWith("discovery.spc.", id));
        Assert.Equal(Catalog.Count(c => c.Id.StartsWith("discovery.spc.")), ids.Count);
    }

    [Fact]
    public void Requirements_select_by_id_or_glob()
    {
        var patch = Selected(["req:RFC7644-3.5.2*"], []);
        Assert.NotEmpty(patch);
        Assert.Equal(Catalog.Count(c => c.CatalogRows.Any(r => r.StartsWith("RFC7644-3.5.2", StringComparison.Ordinal))), patch.Count);
        var one = Catalog.First(c => c.CatalogRows.Count > 0).CatalogRows[0];
        Assert.All(Selected([$"req:{one}"], []), id => Assert.Contains(one, CheckCatalog.Find(id)!.CatalogRows));
        Assert.Throws<ConfigurationException>(() => Selected(["req:RFC0000-NOTHING*"], []));
    }

    [Fact]
    public void Tags_levels_and_areas_select_and_excludes_win()
    {
        var agents = Selected(["tag:agents"], []);
        Assert.All(agents, id => Assert.Contains("agents", CheckCatalog.Find(id)!.Tags));
        var should = Selected(["level:should"], []);
        Assert.All(should, id => Assert.Equal(Scim.Conformance.Reports.Model.RequirementLevel.Should, CheckCatalog.Find(id)!.Level));
        Assert.Equal(Catalog.Count, Selected(["discovery"], []).Count + Catalog.Count(c => c.Area != "discovery"));
        var withoutSpc = Selected(["discovery"], ["discovery.spc.*,tag:agents"]);
        Assert.DoesNotContain(withoutSpc, id => id.StartsWith("discovery.spc.") || agents.Contains(id));
    }

    [Fact]
    public void Exclusion_reasons_name_the_pattern()
    {
        var selection = new Selection([], ["discovery.spc.etag"], Catalog);
        Assert.Equal("excluded by --exclude discovery.spc.etag", selection.ExclusionReason(CheckCatalog.Find("discovery.spc.etag")!));
    }

    [Fact]
    public void A_pattern_that_matches_nothing_is_a_usage_error()
    {
        var error = Assert.Throws<ConfigurationException>(() => new Selection(["discovery.spc.etg"], [], Catalog));
        Assert.Contains("discovery.spc.etg", error.Message);
    }
}
