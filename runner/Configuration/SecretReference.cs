namespace Scim.Conformance.Runner.Configuration;

/// <summary>Where a secret is kept: an environment variable or a file (whose whole content, without the trailing line
/// break, is the secret). The targets file names one of them, never the secret itself.</summary>
public sealed record SecretReference(string? Environment, string? File)
{
    /// <summary>The secret; a <see cref="ConfigurationException"/> naming the variable or file when it is missing or empty.</summary>
    /// <param name="what">What the secret is, for the message (e.g. "the target's token").</param>
    public string Read(string what)
    {
        if (Environment is not null)
        {
            var value = System.Environment.GetEnvironmentVariable(Environment);
            return string.IsNullOrEmpty(value)
                ? throw new ConfigurationException($"the environment variable {Environment} ({what}) is not set or is empty")
                : value;
        }
        string text;
        try
        {
            text = System.IO.File.ReadAllText(File!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"cannot read {what} from {File}: {e.Message.Split('\n')[0].Trim()}");
        }
        text = text.TrimEnd('\r', '\n');
        return text.Length == 0 ? throw new ConfigurationException($"the file {File} ({what}) is empty") : text;
    }

    public override string ToString() => Environment is not null ? $"${Environment}" : File!;
}
