using System.Text.RegularExpressions;
using Scim.Conformance.Runner.Configuration;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Suites.Requirements;

namespace Scim.Conformance.Runner.Execution;

/// <summary>Which checks a run includes. A pattern is a check ID, a glob over IDs (<c>discovery.spc.*</c>), an
/// area (<c>discovery</c> or <c>area:discovery</c>), a tag (<c>tag:agents</c>), a level (<c>level:should</c>) or the
/// requirements judged (<c>req:RFC7644-3.5.2*</c>, an ID or a glob over the registry's IDs).
/// No include means everything; excludes win. A pattern that matches no check is a usage error, so a typo cannot
/// silently select nothing.</summary>
public sealed class Selection
{
    private readonly IReadOnlyList<string> _include;
    private readonly IReadOnlyList<string> _exclude;

    private readonly bool _readOnly;

    /// <param name="readOnly">Keep only checks declared <see cref="TargetEffect.ReadsOnly"/> (<c>--read-only</c>).</param>
    public Selection(IReadOnlyList<string> include, IReadOnlyList<string> exclude, IReadOnlyList<CheckDescriptor> catalog, bool readOnly = false)
    {
        _readOnly = readOnly;
        _include = Split(include);
        _exclude = Split(exclude);
        foreach (var pattern in _include.Concat(_exclude))
        {
            if (!catalog.Any(c => Matches(pattern, c)))
                throw new ConfigurationException($"the selection pattern '{pattern}' matches no check (see `list`)");
        }
    }

    public static Selection All(IReadOnlyList<CheckDescriptor> catalog) => new([], [], catalog);

    /// <summary>The checks of the catalog this selection keeps, in catalog order.</summary>
    public IReadOnlyList<CheckDescriptor> Selected(IReadOnlyList<CheckDescriptor> catalog) =>
        catalog.Where(c => ExclusionReason(c) is null).ToList();

    /// <summary>Null when the check is selected; otherwise why it is not.</summary>
    public string? ExclusionReason(CheckDescriptor check)
    {
        if (_include.Count > 0 && !_include.Any(p => Matches(p, check)))
            return $"not selected by --include {string.Join(",", _include)}";
        var excludedBy = _exclude.FirstOrDefault(p => Matches(p, check));
        if (excludedBy is not null)
            return $"excluded by --exclude {excludedBy}";
        return _readOnly && check.Effect != TargetEffect.ReadsOnly ? "not run under --read-only: the check writes to the target" : null;
    }

    public static bool Matches(string pattern, CheckDescriptor check)
    {
        var colon = pattern.IndexOf(':');
        if (colon > 0)
        {
            var (kind, value) = (pattern[..colon].ToLowerInvariant(), pattern[(colon + 1)..]);
            return kind switch
            {
                "tag" => check.Tags.Contains(value, StringComparer.OrdinalIgnoreCase),
                "area" => string.Equals(check.Area, value, StringComparison.OrdinalIgnoreCase),
                "level" => string.Equals(check.Level.ToString(), value, StringComparison.OrdinalIgnoreCase),
                "req" or "requirement" => check.CatalogRows.Any(id => RequirementRegistry.Matches(value, id)),
                _ => false,
            };
        }
        if (!pattern.Contains('.') && !pattern.Contains('*') && string.Equals(check.Area, pattern, StringComparison.OrdinalIgnoreCase))
            return true;
        return Glob(pattern).IsMatch(check.Id);
    }

    private static Regex Glob(string pattern) =>
        new("^" + Regex.Escape(pattern).Replace("\\*", ".*").Replace("\\?", ".") + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    // --include a,b and --include a --include b mean the same.
    private static IReadOnlyList<string> Split(IReadOnlyList<string> patterns) =>
        patterns.SelectMany(p => p.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
}
