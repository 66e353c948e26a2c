using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Parsing;
using MeshSecurity.Scenarios.Reporting;
using MeshSecurity.Scenarios.Running;
using MeshSecurity.Scenarios.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>
/// events.jsonl read back as a researcher loads it (docs/report.md): every field typed, with no JSON or <c>k=v</c> text
/// inside strings, names next to addresses, times from readiness as report.json counts them and as strings of digits;
/// empty blocks summarised unless every block is asked for.
/// </summary>
public sealed partial class EventsJsonlTests : IAsyncLifetime
{
    private const string Example = "slash-10-percent.conf";
    private readonly string _dir = Directory.CreateTempSubdirectory("meshsec-jsonl-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }

    private async Task<(RunReport Report, List<JsonElement> Lines)> Run(EventsDetail detail)
    {
        var dir = Path.Combine(_dir, detail.ToString());
        var runner = new ScenarioRunner(ScenarioParser.ParseFile(Examples.PathOf(Example)),
            new RunOptions(JournalSettings.Memory, OutDir: dir, SpeedMax: true, Events: detail), NullLoggerFactory.Instance);
        var report = Assert.IsType<RunReport>(await runner.RunAsync());
        var lines = (await File.ReadAllLinesAsync(Path.Combine(dir, "events.jsonl")))
            .Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        return (report, lines);
    }

    private static string Type(JsonElement e) => e.GetProperty("type").GetString()!;

    [GeneratedRegex(@"^-?[0-9]+$")]
    private static partial Regex Digits();

    [GeneratedRegex(@"^\w+\{.*=")]
    private static partial Regex KeyValueText();

    [Fact]
    public async Task Every_field_is_typed_and_names_stand_next_to_addresses()
    {
        var (report, lines) = await Run(EventsDetail.Summary);
        var scenario = ScenarioParser.ParseFile(Examples.PathOf(Example));
        var juno = scenario.Chain("juno");

        // times: from readiness as report.json counts them, and the same in nanoseconds, as strings of digits
        Assert.All(lines, l =>
        {
            var time = l.GetProperty("time").GetString()!;
            var ns = l.GetProperty("time_ns").GetString()!;
            Assert.Matches(Digits(), ns);
            Assert.Matches(Digits(), l.GetProperty("unix_ns").GetString()!);
            var nanos = Duration.Parse(time.TrimStart('-')).Nanos.ToString(CultureInfo.InvariantCulture);
            Assert.Equal(time.StartsWith('-') ? "-" + nanos : nanos, ns);
        });
        Assert.Contains(lines, l => l.GetProperty("time").GetString()!.StartsWith('-')); // the set-up's, before readiness
        var slash = report.Slashes.First(s => s.Chain == "osmosis");
        Assert.Contains(lines, l => Type(l) == "tx_executed" && l.GetProperty("chain").GetString() == "osmosis"
            && l.GetProperty("time").GetString() == slash.Time);

        // a packet's data is an object; a wasm event's attributes are an object
        var sent = lines.Where(l => Type(l) == "packet_sent").ToList();
        Assert.NotEmpty(sent);
        Assert.All(sent, l => Assert.Equal(JsonValueKind.Object, l.GetProperty("data").ValueKind));
        var wasm = lines.Where(l => Type(l) is "tx_executed" or "hook_executed")
            .SelectMany(l => l.GetProperty("events").EnumerateArray()).Where(e => e.GetProperty("type").GetString() == "wasm").ToList();
        Assert.NotEmpty(wasm);
        Assert.All(wasm, e => Assert.Equal(JsonValueKind.Object, e.GetProperty("attributes").ValueKind));

        // no JSON and no k=v lists written as strings, anywhere
        Assert.All(lines.SelectMany(Strings), s =>
        {
            Assert.DoesNotMatch(KeyValueText(), s);
            Assert.False(s.StartsWith('{') || s.StartsWith('['), $"JSON inside a string: {s}");
        });

        // the double-signing validator, by its address and its name
        var val3 = ScenarioAddresses.Validator(juno, "juno-val-3").Value;
        var power = Assert.Single(lines, l => Type(l) == "slash_applied" && l.GetProperty("chain").GetString() == "juno");
        Assert.Equal((val3, "juno-val-3"), (power.GetProperty("validator").GetString(), power.GetProperty("validator_name").GetString()));
        Assert.Contains(lines, l => Type(l) == "validator_power_changed" && l.GetProperty("validator_name").GetString() == "juno-val-3");
        // accounts named where they appear, e.g. alice's bond
        var alice = ScenarioAddresses.Account(scenario.Chain("osmosis"), "alice").Value;
        Assert.Contains(lines, l => l.TryGetProperty("names", out var n) && n.TryGetProperty(alice, out var a) && a.GetString() == "alice");
    }

    [Fact]
    public async Task Empty_blocks_are_summarised_unless_every_block_is_asked_for()
    {
        var (report, summary) = await Run(EventsDetail.Summary);
        var (_, all) = await Run(EventsDetail.All);

        static IEnumerable<string> Others(List<JsonElement> lines) =>
            lines.Where(l => Type(l) != "block_committed").Select(l => l.ToString());
        Assert.Equal(Others(all), Others(summary));

        // with --events all, every block of every chain, from its first to its last
        foreach (var chain in report.Chains)
        {
            var heights = all.Where(l => Type(l) == "block_committed" && l.GetProperty("chain").GetString() == chain.Id)
                .Select(l => l.GetProperty("height").GetUInt64()).ToList();
            Assert.Equal(heights[0], heights.Min());
            Assert.Equal(Enumerable.Range((int)heights[0], (int)(chain.Height - heights[0] + 1)).Select(h => (ulong)h), heights);
        }

        // summarised: a block with transactions or other events, or a checkpoint height, and nothing else
        var blocks = summary.Where(l => Type(l) == "block_committed").ToList();
        Assert.True(blocks.Count * 3 < all.Count(l => Type(l) == "block_committed"), $"{blocks.Count} blocks kept");
        var busy = summary.Where(l => Type(l) != "block_committed")
            .Select(l => (l.GetProperty("chain").GetString(), l.GetProperty("height").GetUInt64(), l.GetProperty("time").GetString()))
            .ToHashSet();
        Assert.All(blocks, b =>
        {
            var height = b.GetProperty("height").GetUInt64();
            Assert.True(b.GetProperty("tx_count").GetInt32() > 0 || height % EventsFile.CheckpointEvery == 0
                || busy.Contains((b.GetProperty("chain").GetString(), height, b.GetProperty("time").GetString())), b.ToString());
        });
        Assert.Contains(blocks, b => b.GetProperty("tx_count").GetInt32() == 0 && b.GetProperty("height").GetUInt64() % 100 == 0);
    }

    private static IEnumerable<string> Strings(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => [e.GetString()!],
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Strings),
        _ => [],
    };
}
