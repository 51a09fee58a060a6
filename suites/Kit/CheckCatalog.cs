using System.Reflection;
using System.Text.RegularExpressions;

namespace Scim.Conformance.Suites.Kit;

/// <summary>Every check in the suites assembly, found by reflection over <see cref="CheckAttribute"/>, so the
/// catalog can be listed without running anything or touching a server.</summary>
public static partial class CheckCatalog
{
    private static readonly Lazy<IReadOnlyList<CheckDescriptor>> Lazy = new(() => Discover(typeof(CheckCatalog).Assembly));

    /// <summary>The catalog, ordered by ID.</summary>
    public static IReadOnlyList<CheckDescriptor> All => Lazy.Value;

    public static CheckDescriptor? Find(string id) => All.FirstOrDefault(c => c.Id == id);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*(\\.[a-z0-9$]+(-[a-z0-9]+)*)+$")]
    public static partial Regex IdPattern();

    public static IReadOnlyList<CheckDescriptor> Discover(Assembly assembly)
    {
        var checks = new List<CheckDescriptor>();
        var problems = new List<string>();
        foreach (var type in assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false }))
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                if (method.GetCustomAttribute<CheckAttribute>() is not { } attribute)
                    continue;
                try
                {
                    checks.Add(CheckDescriptor.From(method, attribute));
                }
                catch (CheckMetadataException e)
                {
                    problems.Add(e.Message);
                }
            }
        }

        // Every unusable check at once, so one look at the message fixes them all.
        if (problems.Count > 0)
            throw new InvalidOperationException($"{problems.Count} check(s) with unusable metadata: {string.Join("; ", problems)}");
        var duplicates = checks.GroupBy(c => c.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
            throw new InvalidOperationException($"duplicate check IDs: {string.Join(", ", duplicates)}");
        return checks.OrderBy(c => c.Id, StringComparer.Ordinal).ToList();
    }
}
