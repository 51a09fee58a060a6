namespace Scim.Conformance.Suites.Kit.PerType;

/// <summary>What a resource type must have for a per-type check to run on it: a capability of the server, or an
/// attribute with given characteristics in the type's own schemas (core and extensions). Declared in a check's
/// metadata (<see cref="CheckAttribute.ForEachType"/>), so applicability is known before the check runs.</summary>
public enum TypeNeed
{
    /// <summary>The ServiceProviderConfig advertises <c>patch.supported</c>.</summary>
    PatchSupported,
    /// <summary>The ServiceProviderConfig advertises <c>filter.supported</c>.</summary>
    FilterSupported,
    /// <summary>A top-level attribute declared <c>readOnly</c> (besides id and meta, which every type has).</summary>
    ReadOnlyAttribute,
    /// <summary>An attribute or sub-attribute declared <c>immutable</c>.</summary>
    ImmutableAttribute,
    /// <summary>A top-level attribute declared <c>writeOnly</c>.</summary>
    WriteOnlyAttribute,
    /// <summary>A writable, single-valued top-level string whose <c>caseExact</c> is false (or absent).</summary>
    CaseInsensitiveString,
    /// <summary>A writable, single-valued top-level string with <c>uniqueness</c> server or global.</summary>
    UniqueAttribute,
    /// <summary>A unique attribute (as <see cref="UniqueAttribute"/>) that is also caseExact false.</summary>
    CaseInsensitiveUniqueAttribute,
    /// <summary>A writable top-level attribute declared <c>required</c>.</summary>
    RequiredAttribute,
    /// <summary>A writable attribute, or a writable sub-attribute of one, with a non-empty <c>canonicalValues</c> list.</summary>
    CanonicalValues,
    /// <summary>A writable multi-valued complex attribute with a <c>primary</c> sub-attribute.</summary>
    PrimaryMultiValued,
    /// <summary>A top-level attribute declared <c>returned</c> "never", or one named <c>password</c> (RFC 7643 §4.1.1 fixes
    /// a password as returned never whatever a schema claims).</summary>
    ReturnedNeverAttribute,
}
