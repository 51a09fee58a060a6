namespace Scim.Conformance.Tests.Support;

/// <summary>The repository's root folder, found from the test binary (xunit changes the current directory).</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "Conformance.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("Conformance.sln not found above " + AppContext.BaseDirectory);
    }
}
