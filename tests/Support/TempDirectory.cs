namespace Scim.Conformance.Tests.Support;

/// <summary>A fresh directory under the system temp folder, deleted on dispose. The path is absolute because
/// xunit v3 changes the current directory while tests run.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string prefix = "scim-reports-")
    {
        Path = System.IO.Path.GetFullPath(Directory.CreateTempSubdirectory(prefix).FullName);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { /* a tool may still hold a file; the OS temp cleaner will get it */ }
        catch (UnauthorizedAccessException) { }
    }
}
