namespace Scim.Conformance.Suites.Kit;

/// <summary>What a check may do to the target, declared by every check (the catalog lint enforces it), so that
/// <c>--read-only</c> can run against a production tenant only the checks that change nothing.</summary>
public enum TargetEffect
{
    /// <summary>Not declared: a catalog defect, refused by the lint.</summary>
    Undeclared = 0,
    /// <summary>Only reads (GET, or POST to /.search): safe on a production tenant.</summary>
    ReadsOnly,
    /// <summary>Creates, changes or deletes resources (its own, prefixed ones), or sends writes meant to be refused.</summary>
    Writes,
}

/// <summary>Declares the <see cref="TargetEffect"/> of every check in a class; a check's own
/// <see cref="CheckAttribute.Effect"/> overrides it.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class TargetEffectAttribute(TargetEffect effect) : Attribute
{
    public TargetEffect Effect { get; } = effect;
}
