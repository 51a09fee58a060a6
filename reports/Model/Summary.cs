namespace Scim.Conformance.Reports.Model;

/// <summary>Counts per outcome, overall and broken down by area and by requirement level.</summary>
public sealed record Summary
{
    public required int Total { get; init; }
    public required IReadOnlyDictionary<Outcome, int> ByOutcome { get; init; }
    public required IReadOnlyDictionary<string, IReadOnlyDictionary<Outcome, int>> ByArea { get; init; }
    public required IReadOnlyDictionary<RequirementLevel, IReadOnlyDictionary<Outcome, int>> ByLevel { get; init; }

    public int Count(Outcome outcome) => ByOutcome.TryGetValue(outcome, out var n) ? n : 0;

    public static Summary Of(IReadOnlyList<CheckResult> checks)
    {
        static IReadOnlyDictionary<Outcome, int> Tally(IEnumerable<CheckResult> rs) =>
            Enum.GetValues<Outcome>().ToDictionary(o => o, o => rs.Count(r => r.Outcome == o));

        return new Summary
        {
            Total = checks.Count,
            ByOutcome = Tally(checks),
            ByArea = checks.GroupBy(c => c.Area).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => Tally(g)),
            ByLevel = checks.GroupBy(c => c.Level).OrderBy(g => g.Key)
                .ToDictionary(g => g.Key, g => Tally(g)),
        };
    }
}
