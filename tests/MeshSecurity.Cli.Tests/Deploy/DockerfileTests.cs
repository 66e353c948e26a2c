using System.Xml.Linq;

namespace MeshSecurity.Cli.Tests.Deploy;

/// <summary>
/// deploy/Dockerfile against the projects it builds: it must keep publishing the CLI, with every project and file the
/// CLI is built from, and run meshsec.dll as a non-root user. No Docker engine runs here; this keeps the file honest.
/// </summary>
public class DockerfileTests
{
    private const string CliProject = "src/MeshSecurity.Cli/MeshSecurity.Cli.csproj";
    private static readonly Dockerfile Image = Dockerfile.Load(Path.Combine(RepoFiles.Root, "deploy", "Dockerfile"));

    private static Dockerfile.Stage Build => Image.Stages[0];

    private static XDocument Project(string relativePath) => XDocument.Load(Path.Combine(RepoFiles.Root, relativePath));

    private static string Normalized(string path) => Path.GetRelativePath(RepoFiles.Root, Path.GetFullPath(path, RepoFiles.Root))
        .Replace('\\', '/');

    private static IEnumerable<string> Includes(string project, string element) => Project(project).Descendants(element)
        .Select(e => e.Attribute("Include")?.Value)
        .OfType<string>()
        .Select(p => Normalized(Path.Combine(Path.GetDirectoryName(project)!, p.Replace('\\', '/'))));

    /// <summary>The CLI's project and every project it references, directly or not (repository-relative paths).</summary>
    private static List<string> ProjectClosure()
    {
        var found = new List<string>();
        var pending = new Queue<string>([CliProject]);
        while (pending.TryDequeue(out var project))
        {
            if (found.Contains(project)) continue;
            found.Add(project);
            foreach (var reference in Includes(project, "ProjectReference")) pending.Enqueue(reference);
        }
        return found;
    }

    /// <summary>Whether a COPY of the build stage before <paramref name="line"/> brings <paramref name="file"/> in.</summary>
    private static bool CopiedBefore(string file, int line) => Build.All("COPY")
        .Where(c => c.Line < line && !c.Flags.ContainsKey("from"))
        .SelectMany(c => c.Sources)
        .Any(source => source == file || (source.EndsWith('/') && file.StartsWith(source, StringComparison.Ordinal)));

    private static Dockerfile.Instruction Run(string dotnetCommand) =>
        Build.All("RUN").SingleOrDefault(r => r.Words is ["dotnet", var verb, ..] && verb == dotnetCommand)
        ?? throw new Xunit.Sdk.XunitException($"the build stage has no RUN dotnet {dotnetCommand}");

    [Fact]
    public void It_builds_with_the_sdk_and_runs_on_the_aspnet_runtime_of_the_projects_framework()
    {
        var framework = XDocument.Load(Path.Combine(RepoFiles.Root, "Directory.Build.props")).Descendants("TargetFramework").Single().Value;
        var version = framework["net".Length..];
        Assert.Equal(2, Image.Stages.Count);
        Assert.Equal($"mcr.microsoft.com/dotnet/sdk:{version}", Build.Image);
        Assert.NotNull(Build.Name);
        // the node's control API is ASP.NET Core: the plain runtime image would not start it
        Assert.Equal($"mcr.microsoft.com/dotnet/aspnet:{version}", Image.Final.Image);
    }

    [Fact]
    public void It_publishes_the_cli_and_its_entrypoint_runs_meshsec_dll_as_a_node()
    {
        var publish = Run("publish").Words;
        Assert.Equal("src/MeshSecurity.Cli", publish[2].TrimEnd('/'));
        Assert.Equal("Release", publish.SkipWhile(w => w != "-c").Skip(1).FirstOrDefault());
        var output = publish.SkipWhile(w => w != "-o").Skip(1).FirstOrDefault();
        Assert.NotNull(output);

        var copy = Image.Final.All("COPY").Single(c => c.Flags.GetValueOrDefault("from") == Build.Name);
        Assert.Equal([output], copy.Sources);
        var destination = copy.Destination is "./" or "." ? Image.Final.All("WORKDIR").First(w => w.Line < copy.Line).Arguments
            : copy.Destination;

        var assembly = Project(CliProject).Descendants("AssemblyName").Single().Value;
        Assert.Equal(["dotnet", $"{destination.TrimEnd('/')}/{assembly}.dll"], Image.Final.Last("ENTRYPOINT")!.ExecForm);
        Assert.Equal(["node"], Image.Final.Last("CMD")!.ExecForm);
    }

    [Fact]
    public void It_runs_as_a_non_root_user()
    {
        var user = Image.Final.Last("USER");
        Assert.True(user is not null, "the image runs as root: add USER");
        Assert.DoesNotContain(user!.Arguments.Split(':')[0], new[] { "root", "0" });
        Assert.True(user.Line > Image.Final.All("RUN").Select(r => r.Line).DefaultIfEmpty(0).Max(), "USER comes after the last RUN");
    }

    [Fact]
    public void The_build_stage_copies_every_project_and_file_the_cli_is_built_from()
    {
        var restore = Run("restore");
        var publish = Run("publish");
        var projects = ProjectClosure();
        Assert.Contains("src/MeshSecurity.Emulator/MeshSecurity.Emulator.csproj", projects);
        // before the restore: what it reads (the project files and the repository-wide settings)
        foreach (var file in projects.Concat(["global.json", "Directory.Build.props", "Directory.Packages.props"]))
            Assert.True(CopiedBefore(file, restore.Line), $"deploy/Dockerfile restores before it copies {file}");
        // before the publish: files a project takes from outside its own folder (the HOCON it embeds)
        foreach (var project in projects)
        {
            var folder = Path.GetDirectoryName(project)! + "/";
            var outside = new[] { "EmbeddedResource", "None", "Content", "Compile" }.SelectMany(e => Includes(project, e))
                .Where(f => !f.StartsWith(folder, StringComparison.Ordinal));
            foreach (var file in outside)
                Assert.True(CopiedBefore(file, publish.Line), $"{project} includes {file}, which deploy/Dockerfile does not copy");
        }
    }

    [Fact]
    public void The_build_context_leaves_out_build_output_run_output_and_git()
    {
        var ignored = File.ReadAllLines(Path.Combine(RepoFiles.Root, ".dockerignore"))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToList();
        foreach (var folder in new[] { "**/bin/", "**/obj/", "out/", ".git/" })
            Assert.Contains(folder, ignored);
        Assert.DoesNotContain(ignored, l => l.TrimEnd('/') is "src" or "hocon" or "*");
    }
}
