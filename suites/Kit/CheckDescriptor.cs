using System.Reflection;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Requirements;

namespace Scim.Conformance.Suites.Kit;

/// <summary>A check's metadata and the method that runs it, as read from its <see cref="CheckAttribute"/>.</summary>
public sealed record CheckDescriptor
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Area { get; init; }
    /// <summary>The level the check is graded at under the strict profile: its primary requirement's graded level.</summary>
    public required RequirementLevel Level { get; init; }
    /// <summary>The requirements the check judges, primary first, as the registry states them.</summary>
    public IReadOnlyList<Requirement> Requirements { get; init; } = [];
    public required IReadOnlyList<string> References { get; init; }
    public required IReadOnlyList<string> CatalogRows { get; init; }
    public required IReadOnlyList<string> Tags { get; init; }
    public required string Requirement { get; init; }
    public required IReadOnlyList<string> Prerequisites { get; init; }
    /// <summary>IDs of <see cref="SpecIssueCatalog"/> entries the check runs into.</summary>
    public IReadOnlyList<string> SpecIssues { get; init; } = [];
    public required MethodInfo Method { get; init; }
    /// <summary>Whether the check only reads or may write; Undeclared is refused by the catalog lint.</summary>
    public TargetEffect Effect { get; init; }
    /// <summary>Whether the check runs once per advertised resource type (see <see cref="CheckAttribute.PerResourceType"/>).</summary>
    public bool PerResourceType { get; init; }
    /// <summary>What a resource type must have for a per-type check to run on it.</summary>
    public IReadOnlyList<PerType.TypeNeed> TypeNeeds { get; init; } = [];
    /// <summary>The resource types a per-type check runs on, in words; null for other checks.</summary>
    public string? AppliesTo => PerResourceType ? PerType.TypeNeeds.AppliesTo(TypeNeeds) : null;

    /// <summary>The check's metadata; its requirements resolved in the registry. A check naming no requirement, or one
    /// the registry does not have, is refused: there is no default level.</summary>
    public static CheckDescriptor From(MethodInfo method, CheckAttribute a)
    {
        var unknown = a.Rows.Where(id => RequirementRegistry.Find(id) is null).ToList();
        if (a.Rows.Length == 0 || unknown.Count > 0)
            throw new CheckMetadataException(a.Id, a.Rows.Length == 0
                ? "names no requirement in Rows, so it has no level"
                : $"names requirements the registry does not have: {string.Join(", ", unknown)}");
        var requirements = a.Rows.Select(id => RequirementRegistry.Find(id)!).ToList();
        return new()
        {
            Id = a.Id,
            Title = a.Title,
            Area = AreaOf(a.Id),
            Level = requirements[0].GradedLevel,
            Requirements = requirements,
            References = a.References,
            CatalogRows = a.Rows,
            Tags = a.Tags,
            Requirement = a.Requirement,
            Prerequisites = a.Prerequisites,
            SpecIssues = a.SpecIssues,
            Method = method,
            Effect = a.Effect != TargetEffect.Undeclared ? a.Effect
                : method.DeclaringType?.GetCustomAttribute<TargetEffectAttribute>(inherit: true)?.Effect ?? TargetEffect.Undeclared,
            PerResourceType = a.PerResourceType || a.TypeNeeds.Length > 0,
            TypeNeeds = a.TypeNeeds,
        };
    }

    public static string AreaOf(string id)
    {
        var dot = id.IndexOf('.');
        return dot < 0 ? id : id[..dot];
    }
}
