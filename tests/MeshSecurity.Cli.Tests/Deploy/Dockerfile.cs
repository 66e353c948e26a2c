using System.Text.Json;

namespace MeshSecurity.Cli.Tests.Deploy;

/// <summary>
/// A Dockerfile read as Docker reads it: comments dropped, continued lines (ending in \) joined, instructions grouped
/// by build stage. Enough for the deploy tests to check what the image publishes, exposes and runs.
/// </summary>
public sealed class Dockerfile
{
    private Dockerfile(IReadOnlyList<Stage> stages) => Stages = stages;

    public IReadOnlyList<Stage> Stages { get; }

    /// <summary>The stage the image is made of.</summary>
    public Stage Final => Stages[^1];

    public static Dockerfile Load(string path)
    {
        var stages = new List<Stage>();
        var pending = "";
        var start = 0;
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (pending.Length == 0 && (line.Length == 0 || line.StartsWith('#'))) continue;
            if (pending.Length == 0) start = i + 1;
            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }
            var text = (pending + line).Trim();
            pending = "";
            var space = text.IndexOf(' ');
            var keyword = (space < 0 ? text : text[..space]).ToUpperInvariant();
            var arguments = space < 0 ? "" : text[(space + 1)..].Trim();
            if (keyword == "FROM")
            {
                var words = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var name = words.Length == 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null;
                stages.Add(new Stage(words[0], name, start, []));
            }
            else if (stages.Count == 0)
            {
                throw new FormatException($"{path}:{start}: {keyword} before the first FROM");
            }
            else
            {
                stages[^1].Instructions.Add(new Instruction(keyword, arguments, start));
            }
        }
        return new Dockerfile(stages);
    }

    public sealed record Stage(string Image, string? Name, int Line, List<Instruction> Instructions)
    {
        public IEnumerable<Instruction> All(string keyword) => Instructions.Where(i => i.Keyword == keyword);

        public Instruction? Last(string keyword) => All(keyword).LastOrDefault();

        /// <summary>The ports of every EXPOSE, without their /tcp or /udp.</summary>
        public IEnumerable<int> ExposedPorts => All("EXPOSE")
            .SelectMany(i => i.Words)
            .Select(p => int.Parse(p.Split('/')[0], System.Globalization.CultureInfo.InvariantCulture));
    }

    public sealed record Instruction(string Keyword, string Arguments, int Line)
    {
        public IReadOnlyList<string> Words => Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);

        /// <summary>The JSON array of an exec form (ENTRYPOINT ["dotnet", "x.dll"]); fails on a shell form.</summary>
        public IReadOnlyList<string> ExecForm =>
            Arguments.StartsWith('[')
                ? JsonSerializer.Deserialize<List<string>>(Arguments) ?? []
                : throw new FormatException($"line {Line}: {Keyword} {Arguments} is in shell form, not exec form ([\"...\"])");

        /// <summary>For COPY: its --flag=value options.</summary>
        public IReadOnlyDictionary<string, string> Flags => Words.TakeWhile(w => w.StartsWith("--", StringComparison.Ordinal))
            .Select(w => w[2..].Split('=', 2))
            .ToDictionary(kv => kv[0], kv => kv.Length > 1 ? kv[1] : "");

        /// <summary>For COPY: what it copies (every word but the flags and the destination).</summary>
        public IReadOnlyList<string> Sources => Words.SkipWhile(w => w.StartsWith("--", StringComparison.Ordinal)).SkipLast(1).ToList();

        /// <summary>For COPY: where it copies to.</summary>
        public string Destination => Words[^1];
    }
}
