namespace Scim.Conformance.Suites.Kit;

/// <summary>Which credentials a request carries.</summary>
public enum Credentials
{
    /// <summary>The target's configured credentials.</summary>
    Configured,
    /// <summary>None at all: to test what an anonymous client gets.</summary>
    None,
    /// <summary>A well-formed but wrong bearer token.</summary>
    Wrong,
}
