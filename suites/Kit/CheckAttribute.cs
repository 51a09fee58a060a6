using System.Runtime.CompilerServices;
using Xunit;

namespace Scim.Conformance.Suites.Kit;

/// <summary>Marks a method as a conformance check: one requirement, one stable ID. It is an xunit fact, so the
/// IDE and <c>dotnet test</c> run it as a test; the runner reads the same metadata to list and run the catalog
/// without xunit. The area is the first segment of the ID (<c>discovery.spc.schema-urn</c> → <c>discovery</c>).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class CheckAttribute : FactAttribute
{
    public CheckAttribute(
        string id,
        string title,
        [CallerFilePath] string? sourceFilePath = null,
        [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
        Id = id;
        Title = title;
        DisplayName = $"{id}: {title}";
        // Under xunit these outcomes are not failures of the server: report them as skipped tests with the reason.
        SkipExceptions = [typeof(NotApplicableException), typeof(PrerequisiteException)];
    }

    /// <summary>Stable ID: lower-case, dot-separated segments of [a-z0-9-]; never renumbered nor reused.</summary>
    public string Id { get; }

    public string Title { get; }

    /// <summary>Where the requirement is written, e.g. <c>RFC7644 §4</c> or <c>draft-abbey-scim-agent-extension-00 §3.1</c>.</summary>
    public string[] References { get; set; } = [];

    /// <summary>IDs of the requirements this check judges, from the registry (<c>suites/Requirements/requirements.json</c>,
    /// e.g. <c>RFC7644-4-SPC-SCHEMA</c>). The first is the check's primary requirement: the check is graded at its level.
    /// A check has no level of its own, so its verdict is never stronger than the text it cites.</summary>
    public string[] Rows { get; set; } = [];

    public string[] Tags { get; set; } = [];

    /// <summary>The requirement in one sentence, in our words.</summary>
    public string Requirement { get; set; } = "";

    /// <summary>What the check may do to the target; when undeclared here, the class's <see cref="TargetEffectAttribute"/> says.</summary>
    public TargetEffect Effect { get; set; } = TargetEffect.Undeclared;

    /// <summary>IDs of checks that must not fail for this one to be meaningful; when one does, this check is Skipped.</summary>
    public string[] Prerequisites { get; set; } = [];

    /// <summary>Defects of the specification this check runs into (IDs of <see cref="SpecIssueCatalog"/>): where the
    /// text is unclear or contradicts itself, so a reader sees that the spec, not only the server, is in question.</summary>
    public string[] SpecIssues { get; set; } = [];

    /// <summary>The check runs once per advertised resource type (the type is a parameter: the ID stays the same),
    /// on the types that have what <see cref="TypeNeeds"/> lists; its outcome is the worst of the types'.</summary>
    public bool PerResourceType { get; set; }

    /// <summary>What a resource type must have for the check to run on it (implies <see cref="PerResourceType"/>):
    /// a capability, or an attribute with given characteristics in the type's own schemas.</summary>
    public PerType.TypeNeed[] TypeNeeds { get; set; } = [];
}
