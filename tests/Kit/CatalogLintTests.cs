using System.Text.RegularExpressions;
using Scim.Conformance.Suites.Kit;
using Xunit;

namespace Scim.Conformance.Tests.Kit;

/// <summary>The catalog's own discipline, checked on every build (test262-style lint): stable, well-formed IDs,
/// a requirement and a reference for every check, known prerequisites and no cycles.</summary>
public partial class CatalogLintTests
{
    private static readonly string[] KnownAreas = ["discovery", "lifecycle", "errors", "auth", "filter", "sort", "pagination",
        "search", "patch", "etag", "bulk", "me", "async", "agents", "deactivation", "interop", "media", "retrieval", "robustness"];

    [GeneratedRegex("^(RFC\\d{4}|draft-[a-z0-9-]+)( .+)?$")]
    private static partial Regex Reference();

    // Requirement IDs of the registry: RFC rows (RFC7644-3.3-CREATE-LOCATION), the agent draft's statements (AGT-N01),
    // and the project's own rows for sources without numbered statements (INTEROP-PATCH-…).
    [GeneratedRegex("^[A-Z][A-Z0-9]*(-[A-Za-z0-9.]+)+$")]
    private static partial Regex CatalogRow();

    public static TheoryData<string> CheckIds => new(CheckCatalog.All.Select(c => c.Id));

    [Fact]
    public void The_catalog_is_not_empty() => Assert.True(CheckCatalog.All.Count >= 40, $"only {CheckCatalog.All.Count} checks found");

    [Theory]
    [MemberData(nameof(CheckIds))]
    public void Each_check_is_fully_described(string id)
    {
        var check = CheckCatalog.Find(id)!;
        Assert.Matches(CheckCatalog.IdPattern(), check.Id);
        Assert.Contains(check.Area, KnownAreas);
        Assert.False(string.IsNullOrWhiteSpace(check.Title));
        Assert.True(check.Requirement.Length >= 20, "the requirement sentence is missing or too short");
        Assert.NotEmpty(check.References);
        Assert.All(check.References, r => Assert.Matches(Reference(), r));
        Assert.NotEmpty(check.CatalogRows);
        Assert.All(check.CatalogRows, r => Assert.Matches(CatalogRow(), r));
        Assert.Equal(check.CatalogRows, check.Requirements.Select(r => r.Id));
        Assert.All(check.Prerequisites, p => Assert.NotNull(CheckCatalog.Find(p)));
        Assert.True(check.Method.ReturnType == typeof(Task), "a check is an async method returning Task");
        Assert.Empty(check.Method.GetParameters());
    }

    [Fact]
    public void Prerequisites_have_no_cycles()
    {
        foreach (var check in CheckCatalog.All)
        {
            var seen = new HashSet<string>();
            var queue = new Queue<string>(check.Prerequisites);
            while (queue.TryDequeue(out var id))
            {
                Assert.NotEqual(check.Id, id);
                if (seen.Add(id))
                    foreach (var next in CheckCatalog.Find(id)!.Prerequisites)
                        queue.Enqueue(next);
            }
        }
    }
}
