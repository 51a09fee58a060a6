namespace Scim.Conformance.Runner.Configuration;

/// <summary>Bad usage or configuration, said in one line; the runner exits 2 with it and runs nothing.</summary>
public sealed class ConfigurationException(string message) : Exception(message);
