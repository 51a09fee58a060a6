using System.Reflection;

namespace Scim.Conformance.Runner;

public static class ToolVersion
{
    public const string Name = "scim-conformance";

    public static string Version { get; } =
        typeof(ToolVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
