namespace Scim.Conformance.Runner.Execution;

/// <summary>The target cannot be tested at all (no connection, or credentials refused): the run exits 3 with this
/// one line instead of reporting a cascade of failed checks.</summary>
public sealed class TargetUnreachableException(string message) : Exception(message);
