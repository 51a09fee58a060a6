namespace Scim.Conformance.Runner;

/// <summary>The runner's exit codes: part of the contract CI pipelines rely on.</summary>
public static class ExitCodes
{
    /// <summary>The server conforms under the --fail-on policy (or matches its baseline).</summary>
    public const int Conforms = 0;
    /// <summary>Conformance failures under the policy (or differences from the baseline).</summary>
    public const int ConformanceFailures = 1;
    /// <summary>Bad usage or configuration: nothing was run.</summary>
    public const int UsageOrConfiguration = 2;
    /// <summary>The target could not be reached or refused the credentials, or the harness failed.</summary>
    public const int TargetUnreachableOrHarnessError = 3;
}
