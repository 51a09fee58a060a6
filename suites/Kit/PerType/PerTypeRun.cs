using Scim.Conformance.Reports.Model;

namespace Scim.Conformance.Suites.Kit.PerType;

/// <summary>Runs a check's body once per advertised resource type that has what the check declares it needs, each
/// run graded on its own (a violation on Agents does not hide a pass on Users, nor the other way round), and grades
/// the check as the worst of them: Fail, Warn, Info, Error, Skipped, Pass, then NotApplicable. A type that lacks
/// what the check needs is recorded as NotApplicable, naming what it lacks.</summary>
public static class PerTypeRun
{
    /// <summary>Worst first: the order in which a type's outcome decides the check's.</summary>
    public static IReadOnlyList<Outcome> Severity { get; } =
        [Outcome.Fail, Outcome.Warn, Outcome.Info, Outcome.Error, Outcome.Skipped, Outcome.Pass, Outcome.NotApplicable];

    public static Outcome Worst(IEnumerable<Outcome> outcomes) =>
        outcomes.OrderBy(o => IndexOf(o)).DefaultIfEmpty(Outcome.NotApplicable).First();

    private static int IndexOf(Outcome outcome)
    {
        for (var i = 0; i < Severity.Count; i++)
        {
            if (Severity[i] == outcome)
                return i;
        }
        return Severity.Count;
    }

    public static async Task RunAsync(CheckContext context, Func<ResourceTypeUnderTest, Task> body)
    {
        var needs = context.Check.TypeNeeds;
        var discovery = await context.DiscoveryAsync();
        foreach (var field in needs.Select(TypeNeeds.Capability).OfType<string>())
            await context.RequireCapabilityAsync(field);
        var types = discovery.ResourceTypes;
        if (types.Count == 0)
            throw new NotApplicableException("/ResourceTypes lists no resource type");
        var attributeNeeds = needs.Where(n => TypeNeeds.Capability(n) is null).ToList();
        var results = context.ResourceTypeResults;
        foreach (var type in types.Select(t => ResourceTypeUnderTest.From(t, discovery)))
        {
            var missing = attributeNeeds.Where(n => type.With(n).Count == 0).ToList();
            if (missing.Count > 0)
            {
                results.Add(new ResourceTypeResult
                {
                    ResourceType = type.Name,
                    Outcome = Outcome.NotApplicable,
                    Reason = $"its schemas declare no {string.Join(" and no ", missing.Select(WithoutArticle))}",
                });
                continue;
            }
            results.Add(await RunOneAsync(context, type, body));
        }
        Grade(context, results);
    }

    private static async Task<ResourceTypeResult> RunOneAsync(CheckContext context, ResourceTypeUnderTest type, Func<ResourceTypeUnderTest, Task> body)
    {
        context.Observation = null;
        try
        {
            await body(type);
            return new ResourceTypeResult { ResourceType = type.Name, Outcome = Outcome.Pass, Actual = context.Observation };
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            var (outcome, reason, expected, actual) = e switch
            {
                VerdictException v => ((v.Level ?? context.Level).ViolationOutcome(), v.Reason, v.Expected, v.Actual),
                NotApplicableException n => (Outcome.NotApplicable, n.Message, null, null),
                PrerequisiteException p => (Outcome.Skipped, p.Message, null, null),
                HarnessException h => (Outcome.Error, h.Message, null, (string?)null),
                _ => (Outcome.Error, $"harness error ({e.GetType().Name}): {e.Message}", null, null),
            };
            return new ResourceTypeResult { ResourceType = type.Name, Outcome = outcome, Reason = reason, Expected = expected, Actual = actual };
        }
    }

    private static string WithoutArticle(TypeNeed need)
    {
        var phrase = TypeNeeds.Phrase(need);
        return phrase.StartsWith("a ", StringComparison.Ordinal) ? phrase[2..] : phrase.StartsWith("an ", StringComparison.Ordinal) ? phrase[3..] : phrase;
    }

    /// <summary>Ends the check with the worst type's outcome: returns on a Pass, throws otherwise.</summary>
    private static void Grade(CheckContext context, IReadOnlyList<ResourceTypeResult> results)
    {
        var worst = Worst(results.Select(r => r.Outcome));
        var passed = results.Where(r => r.Outcome == Outcome.Pass).Select(r => r.ResourceType).ToList();
        var passedNote = passed.Count == 0 ? "" : $" (passed on {ScimJson.List(passed)})";
        var worstOnes = results.Where(r => r.Outcome == worst).ToList();
        string Joined(Func<ResourceTypeResult, string?> part) =>
            string.Join("; ", worstOnes.Select(r => part(r) is { } text ? $"{r.ResourceType}: {text}" : null).OfType<string>());
        switch (worst)
        {
            case Outcome.Pass:
                context.Observation = $"passed on {ScimJson.List(passed)}"
                    + (results.Any(r => r.Outcome == Outcome.NotApplicable) ? $"; not applicable to {ScimJson.List(results.Where(r => r.Outcome == Outcome.NotApplicable).Select(r => r.ResourceType))}" : "");
                return;
            case Outcome.NotApplicable:
                throw new NotApplicableException($"no advertised resource type qualifies ({TypeNeeds.AppliesTo(context.Check.TypeNeeds)}): {Joined(r => r.Reason)}");
            case Outcome.Skipped:
                throw new PrerequisiteException(Joined(r => r.Reason) + passedNote);
            case Outcome.Error:
                throw new HarnessException(Joined(r => r.Reason) + passedNote);
            default:
                throw new PerTypeVerdictException(worst, Joined(r => r.Reason) + passedNote, Joined(r => r.Expected), Joined(r => r.Actual));
        }
    }
}
