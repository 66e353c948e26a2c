using System.Text.RegularExpressions;

namespace MeshSecurity.Core.Tests.Architecture;

/// <summary>
/// A reader of a comment or a doc can follow what it cites: every docs/ file it names is in the repository, every rule
/// id it uses (B1–B13, D1–D4, L, P, M, R) is defined in docs/, and nothing points at files kept outside the repository.
/// </summary>
public class CommentsPointInsideTests
{
    private static readonly string Root = FindRoot();

    /// <summary>Ids as code comments cite them ("B9:", "(D2)", "P4,"), not format strings like "D20" or "P0".</summary>
    private static readonly Regex CitedId = new(@"(?<![\w{:])([BDLPMR][0-9]{1,2})(?![\w}])", RegexOptions.Compiled);

    [Fact]
    public void Every_docs_file_a_comment_or_doc_names_exists()
    {
        var missing = Sources().SelectMany(f => Regex.Matches(File.ReadAllText(f), @"docs/[\w./-]+?\.md")
                .Select(m => (File: f, Cited: m.Value)))
            .Concat(Docs().SelectMany(f => Regex.Matches(File.ReadAllText(f), @"\]\(([\w./-]+?\.md)[)#]")
                .Select(m => (File: f, Cited: Path.GetRelativePath(Root, Path.Combine(Path.GetDirectoryName(f)!, m.Groups[1].Value))))))
            .Where(c => !File.Exists(Path.Combine(Root, c.Cited)))
            .Select(c => $"{Path.GetRelativePath(Root, c.File)} cites {c.Cited}").Distinct().ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void No_comment_or_doc_points_at_files_outside_the_repository()
    {
        var outside = Sources().Concat(Docs())
            .Where(f => Regex.IsMatch(File.ReadAllText(f), @"shared/(spec|STACK|DESIGN|STYLE)|/work/"))
            .Select(f => Path.GetRelativePath(Root, f)).ToList();
        Assert.Empty(outside);
    }

    [Fact]
    public void Every_rule_id_a_code_comment_cites_is_defined_in_docs()
    {
        var defined = Docs().SelectMany(f => Regex.Matches(File.ReadAllText(f), @"(?:\*\*|\| )([BDLPMR][0-9]{1,2})(?:\*\*| \|)")
            .Select(m => m.Groups[1].Value)).ToHashSet();
        Assert.Contains("B13", defined);
        Assert.Contains("R5", defined);
        var undefined = Sources().Where(f => f.EndsWith(".cs", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(l => l.line.TrimStart().StartsWith("//", StringComparison.Ordinal))
            .SelectMany(l => CitedId.Matches(l.line).Select(m => (l.f, l.i, Id: m.Groups[1].Value)))
            .Where(c => !defined.Contains(c.Id))
            .Select(c => $"{Path.GetRelativePath(Root, c.f)}:{c.i + 1} cites {c.Id}").ToList();
        Assert.Empty(undefined);
    }

    private static IEnumerable<string> Sources() =>
        new[] { "src", "tests", "hocon" }.SelectMany(d => Directory.EnumerateFiles(Path.Combine(Root, d), "*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".conf", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => !f.EndsWith(nameof(CommentsPointInsideTests) + ".cs", StringComparison.Ordinal));

    private static IEnumerable<string> Docs() =>
        Directory.EnumerateFiles(Path.Combine(Root, "docs"), "*.md", SearchOption.AllDirectories)
            .Concat(new[] { "README.md", "CONTRIBUTING.md" }.Select(f => Path.Combine(Root, f)));

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MeshSecurity.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("MeshSecurity.sln not found above " + AppContext.BaseDirectory);
    }
}
