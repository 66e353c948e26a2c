namespace MeshSecurity.Cli.Tests;

/// <summary>Finds files of the repository (the examples) from the test's output folder.</summary>
public static class RepoFiles
{
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MeshSecurity.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new DirectoryNotFoundException("MeshSecurity.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static string Scenario(string name) => Path.Combine(Root, "hocon", "scenarios", name);

    public static string TempDir() => Directory.CreateTempSubdirectory("meshsec-cli-").FullName;
}
