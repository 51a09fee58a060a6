using System.Reflection;
using Scim.Conformance.Reports.Model;

namespace Scim.Conformance.Suites.Kit;

/// <summary>A check's metadata and the method that runs it, as read from its <see cref="CheckAttribute"/>.</summary>
public sealed record CheckDescriptor
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Area { get; init; }
    public required RequirementLevel Level { get; init; }
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

    public static CheckDescriptor From(MethodInfo method, CheckAttribute a) => new()
    {
        Id = a.Id,
        Title = a.Title,
        Area = AreaOf(a.Id),
        Level = a.Level,
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

    public static string AreaOf(string id)
    {
        var dot = id.IndexOf('.');
        return dot < 0 ? id : id[..dot];
    }
}
