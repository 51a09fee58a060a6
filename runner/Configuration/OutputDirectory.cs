namespace Scim.Conformance.Runner.Configuration;

/// <summary>Makes sure the reports can be written before anything runs: a run of an hour that then cannot write its
/// result is lost. The directory is created and a probe file written in it and deleted; every way this can fail (a
/// path that is a file or lies under one, a symlink loop, no permission, a read-only file system) is one line.</summary>
public static class OutputDirectory
{
    /// <summary>The full path of the created (or existing) directory.</summary>
    public static string Prepare(string path, string what = "--out")
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new ConfigurationException($"{what} is empty: name the directory the reports go to");
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new ConfigurationException($"{what} '{path}' is not a usable path ({e.Message})");
        }
        if (LoopingLink(full) is { } loop)
            throw new ConfigurationException($"{what} '{path}' {(loop == full ? "is" : $"lies under '{loop}', which is")} a symbolic link that leads back to itself");
        if (File.Exists(full))
            throw new ConfigurationException($"{what} '{path}' is a file, not a directory: name a directory for the reports");
        if (FileAncestor(full) is { } file)
            throw new ConfigurationException($"{what} '{path}' lies under '{file}', which is a file, not a directory");
        try
        {
            Directory.CreateDirectory(full);
            var probe = Path.Combine(full, $".scimct-write-probe-{Guid.NewGuid():N}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return full;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new ConfigurationException($"{what} '{path}' cannot hold the reports: {OneLine(e.Message)}");
        }
    }

    /// <summary>The path itself or the first ancestor that is a symbolic link whose chain of targets never ends
    /// (File.Exists calls such a link a file, which would be a misleading reason).</summary>
    private static string? LoopingLink(string full)
    {
        for (var current = full; current is not null; current = Path.GetDirectoryName(current))
        {
            var info = new FileInfo(current);
            if (info.LinkTarget is null)
                continue;
            try
            {
                info.ResolveLinkTarget(returnFinalTarget: true);
            }
            catch (IOException)
            {
                return current;
            }
        }
        return null;
    }

    /// <summary>The nearest existing ancestor when it is a file (a path under a file can never be a directory).</summary>
    private static string? FileAncestor(string full)
    {
        for (var parent = Path.GetDirectoryName(full); parent is not null; parent = Path.GetDirectoryName(parent))
        {
            if (File.Exists(parent))
                return parent;
            if (Directory.Exists(parent))
                return null;
        }
        return null;
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
