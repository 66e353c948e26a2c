using System.Text;
using System.Text.RegularExpressions;

namespace MeshSecurity.Cli.Tests;

/// <summary>
/// Every `meshsec` command the README shows in its examples runs as written (from a folder holding the repository's
/// hocon/ examples) and exits 0. The PostgreSQL one runs where a server is configured for the tests (CI).
/// </summary>
public class ReadmeCommandsTests
{
    /// <summary>The README's example commands, one per line, without their comments.</summary>
    public static TheoryData<string> Commands()
    {
        var data = new TheoryData<string>();
        var readme = File.ReadAllLines(Path.Combine(RepoFiles.Root, "README.md"));
        var inBlock = false;
        foreach (var line in readme)
        {
            if (line.StartsWith("```", StringComparison.Ordinal)) inBlock = line == "```bash" && !inBlock;
            if (!inBlock || !line.StartsWith("meshsec ", StringComparison.Ordinal)) continue;
            var command = Regex.Replace(line, @"\s+#\s.*$", "").Trim();
            // the PostgreSQL journal needs a server: run where the tests have one (CI), leave out elsewhere
            var needsServer = command.Contains("postgres:", StringComparison.Ordinal);
            if (needsServer && Environment.GetEnvironmentVariable("MESHSEC_TEST_POSTGRES") is null) continue;
            data.Add(command);
        }
        return data;
    }

    [Fact]
    public void The_readme_shows_the_commands_this_test_runs()
    {
        var commands = ((IEnumerable<object[]>)Commands()).Select(row => (string)row[0]).ToList();
        Assert.True(commands.Count >= 10, $"found only {commands.Count} commands in the README's examples");
        Assert.Contains(commands, c => c.StartsWith("meshsec run --resume", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.StartsWith("meshsec validate", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.StartsWith("meshsec gen", StringComparison.Ordinal));
    }

    /// <summary>The layout lines of the README and of docs/architecture.md name every verb `meshsec --help` lists.</summary>
    [Fact]
    public async Task The_readme_and_the_architecture_name_every_verb()
    {
        var (code, help, _) = await MeshsecCli.Process(RepoFiles.Root, "--help");
        Assert.Equal(0, code);
        var verbs = help[help.IndexOf("Commands:", StringComparison.Ordinal)..].Split('\n')
            .Select(l => Regex.Match(l, @"^  ([a-z]+)\b")).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("run", verbs);
        foreach (var doc in new[] { "README.md", Path.Combine("docs", "architecture.md") })
        {
            var line = File.ReadLines(Path.Combine(RepoFiles.Root, doc))
                .Single(l => l.Contains("meshsec: run |", StringComparison.Ordinal));
            var named = line[(line.IndexOf("meshsec:", StringComparison.Ordinal) + 8)..].Split('|').Select(v => v.Trim());
            Assert.Equal(verbs.Order(StringComparer.Ordinal), named.Order(StringComparer.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Every_command_the_readme_shows_works_as_written(string command)
    {
        var dir = RepoFiles.TempDir();
        CopyFolder(Path.Combine(RepoFiles.Root, "hocon"), Path.Combine(dir, "hocon"));
        var args = Split(command).Skip(1).ToArray();
        if (args is ["run", "--resume", var folder])
        {
            // a run to continue: the README's resume continues the quickstart's run folder
            var first = await MeshsecCli.Process(dir, "run", "hocon/scenarios/quickstart.conf", "--out", folder,
                "--journal", $"sqlite:{folder}/journal.db");
            Assert.True(first.Code == 0, $"the run to resume exited {first.Code}\n{first.Err}");
        }

        var (code, output, errors) = await MeshsecCli.Process(dir, args);

        Assert.True(code == 0, $"`{command}` exited {code}\n{output}\n{errors}");
    }

    /// <summary>Splits a command line as a shell would for these examples: spaces, and double quotes around one argument.</summary>
    private static IEnumerable<string> Split(string line)
    {
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"') quoted = !quoted;
            else if (c == ' ' && !quoted)
            {
                if (current.Length > 0) yield return current.ToString();
                current.Clear();
            }
            else current.Append(c);
        }
        if (current.Length > 0) yield return current.ToString();
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
