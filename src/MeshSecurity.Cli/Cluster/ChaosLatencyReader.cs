using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MeshSecurity.Emulator.Cluster;
using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Parsing;

namespace MeshSecurity.Cli.Cluster;

/// <summary>
/// net.latency's keys, as its chaos step writes them (docs/scenarios.md, "Chaos steps"): `latency`, the relayer latency's
/// object (`{"kind": "uniform", "min": "5s", "max": "30s"}`, or the same as text: `kind=uniform,min=5s,max=30s`), and an
/// optional `min-latency`. They are written as the step's HOCON and read by the scenario parser's own latency reader
/// (<see cref="ScenarioParser.ParseFaultLatency"/>), so a live latency is checked, and refused, as a step's is. Whether
/// the floor stays at or above the run's clock lookahead is the member's to check: it knows the run's links.
/// </summary>
internal static class ChaosLatencyReader
{
    private const string Expected = "the links' latency while the fault holds: kind=constant,value=40s; kind=uniform,min=5s,max=30s; " +
        "or kind=lognormal,mean=3s,spread=0.5";

    public static ChaosArgs Read(JsonObject body, Func<JsonObject, string, string?> value)
    {
        if ((value(body, "provider") is null) != (value(body, "consumer") is null))
            throw new FormatException("give both --provider and --consumer (one link), or neither (every link)");
        var hocon = new StringBuilder("latency {");
        foreach (var (key, text) in Keys(body["latency"])) hocon.Append($" {Quoted(key)} = {Quoted(text)},");
        hocon.Append(" }\n");
        if (value(body, "min-latency") is { } floor) hocon.Append($"min-latency = {Quoted(floor)}\n");
        if (ScenarioParser.ParseFaultLatency(hocon.ToString(), out var errors) is not { } latency)
            throw new FormatException(string.Join("; ", errors.Select(e => $"{Flag(e.Key)}: {e.Message}")));
        return new ChaosArgs { Latency = latency.ToLatencyModel(), Shown = ChaosSpec.NetLatency.Label(latency) };
    }

    /// <summary>The flag a key of the HOCON written stands for: --min-latency, or --latency and the key within it.</summary>
    private static string Flag(string key) => key == "min-latency" ? "--min-latency" : "--latency" + (key.Length > 8 ? $" {key[8..]}" : "");

    /// <summary>A JSON string literal, which HOCON reads as the same quoted string.</summary>
    private static string Quoted(string text) => JsonSerializer.Serialize(text);

    /// <summary>The latency object's keys and values as text, from a JSON object or "key=value,key=value".</summary>
    private static List<(string Key, string Value)> Keys(JsonNode? node)
    {
        var keys = new List<(string, string)>();
        switch (node)
        {
            case null:
                throw new FormatException($"needs --latency: {Expected}");
            case JsonObject o:
                foreach (var (k, v) in o)
                    keys.Add((k, v is JsonValue jv && jv.TryGetValue<string>(out var s) ? s : v?.ToJsonString() ?? ""));
                break;
            case JsonValue v when v.TryGetValue<string>(out var text):
                foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    var eq = part.IndexOf('=', StringComparison.Ordinal);
                    if (eq <= 0) throw new FormatException($"expected --latency as key=value pairs separated by commas, got '{part}'");
                    keys.Add((part[..eq].Trim(), part[(eq + 1)..].Trim()));
                }
                break;
            default:
                throw new FormatException($"expected --latency as an object or key=value pairs: {Expected}");
        }
        return keys;
    }
}
