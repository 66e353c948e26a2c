using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace MeshSecurity.Cli.Tests.Deploy;

/// <summary>
/// docker-compose.yml as Docker Compose reads it: anchors and merge keys (<c>&lt;&lt;: *member</c>) resolved, only the
/// fields the deploy tests check kept. Written in the map forms the file uses (environment and depends_on as maps).
/// </summary>
public sealed class ComposeFile
{
    public Dictionary<string, Service> Services { get; set; } = [];

    public static ComposeFile Load(string path)
    {
        var deserializer = new DeserializerBuilder()
            .WithNamingConvention(UnderscoredNamingConvention.Instance)
            .IgnoreUnmatchedProperties()
            .Build();
        using var reader = new StringReader(File.ReadAllText(path));
        return deserializer.Deserialize<ComposeFile>(new MergingParser(new Parser(reader)));
    }

    /// <summary>A Compose duration ("45s", "1m30s", "500ms"): Go's form, which Compose uses.</summary>
    public static TimeSpan Duration(string text)
    {
        var m = System.Text.RegularExpressions.Regex.Match(text, @"^(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+)s)?(?:(\d+)ms)?$");
        if (!m.Success || text.Length == 0) throw new FormatException($"'{text}' is not a duration such as 45s or 1m30s");
        int Part(int i) => m.Groups[i].Success ? int.Parse(m.Groups[i].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        return new TimeSpan(0, Part(1), Part(2), Part(3), Part(4));
    }

    /// <summary>The cluster's members: the services that run `meshsec node`.</summary>
    public IEnumerable<KeyValuePair<string, Service>> Members => Services.Where(s => s.Value.Command is ["node", ..]);

    public sealed class Service
    {
        public string? Image { get; set; }
        public Build? Build { get; set; }
        public List<string> Command { get; set; } = [];
        public Dictionary<string, string> Environment { get; set; } = [];
        public Healthcheck? Healthcheck { get; set; }
        public Dictionary<string, Dependency> DependsOn { get; set; } = [];
        public List<string> Ports { get; set; } = [];
        public string? StopSignal { get; set; }
        public string? StopGracePeriod { get; set; }
        public string? ContainerName { get; set; }
        public string? Restart { get; set; }
        public List<string> Profiles { get; set; } = [];
        public string? WorkingDir { get; set; }
        public List<string> Volumes { get; set; } = [];

        public string? Env(string name) => Environment.GetValueOrDefault(name);
    }

    public sealed class Build
    {
        public string Context { get; set; } = ".";
        public string Dockerfile { get; set; } = "Dockerfile";
    }

    public sealed class Healthcheck
    {
        public List<string> Test { get; set; } = [];
    }

    public sealed class Dependency
    {
        public string? Condition { get; set; }
    }
}
