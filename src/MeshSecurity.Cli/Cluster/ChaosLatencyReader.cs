using System.Text.Json.Nodes;
using MeshSecurity.Core.Math;
using MeshSecurity.Emulator.Cluster;
using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Cli.Cluster;

/// <summary>
/// net.latency's keys, as its chaos step writes them (docs/scenarios.md, "Chaos steps"): `latency`, the relayer latency's
/// object (`{"kind": "uniform", "min": "5s", "max": "30s"}`, or the same as text: `kind=uniform,min=5s,max=30s`), and an
/// optional `min-latency`, checked as the scenario parser checks them. Whether the floor stays at or above the run's
/// clock lookahead is the member's to check: it knows the run's links.
/// </summary>
internal static class ChaosLatencyReader
{
    private const string Expected = "the links' latency while the fault holds: kind=constant,value=40s; kind=uniform,min=5s,max=30s; " +
        "or kind=lognormal,mean=3s,spread=0.5";

    public static ChaosArgs Read(JsonObject body, Func<JsonObject, string, string?> value)
    {
        if ((value(body, "provider") is null) != (value(body, "consumer") is null))
            throw new FormatException("give both --provider and --consumer (one link), or neither (every link)");
        var keys = Keys(body["latency"]);
        var latency = Latency(keys);
        if (value(body, "min-latency") is { } text)
            latency = WithFloor(latency, Parse("min-latency", text));
        return new ChaosArgs { Latency = latency.ToLatencyModel(), Shown = ChaosSpec.NetLatency.Label(latency) };
    }

    /// <summary>The latency object's keys and values as text, from a JSON object or "key=value,key=value".</summary>
    private static Dictionary<string, string> Keys(JsonNode? node)
    {
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (node)
        {
            case null:
                throw new FormatException($"needs --latency: {Expected}");
            case JsonObject o:
                foreach (var (k, v) in o)
                    keys[k] = v is JsonValue jv && jv.TryGetValue<string>(out var s) ? s : v?.ToJsonString() ?? "";
                break;
            case JsonValue v when v.TryGetValue<string>(out var text):
                foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    var eq = part.IndexOf('=', StringComparison.Ordinal);
                    if (eq <= 0) throw new FormatException($"expected --latency as key=value pairs separated by commas, got '{part}'");
                    keys[part[..eq].Trim()] = part[(eq + 1)..].Trim();
                }
                break;
            default:
                throw new FormatException($"expected --latency as an object or key=value pairs: {Expected}");
        }
        return keys;
    }

    private static LatencySpec Latency(Dictionary<string, string> keys)
    {
        var kind = keys.GetValueOrDefault("kind") ?? throw new FormatException($"--latency needs a kind: {Expected}");
        string[] allowed = kind switch
        {
            "constant" => ["kind", "value"],
            "uniform" => ["kind", "min", "max"],
            "lognormal" => ["kind", "mean", "spread"],
            _ => throw new FormatException($"unknown latency kind '{kind}'; expected one of: constant, uniform, lognormal"),
        };
        if (keys.Keys.FirstOrDefault(k => !allowed.Contains(k)) is { } stray)
            throw new FormatException($"a {kind} latency takes no '{stray}' (it takes: {string.Join(", ", allowed)})");
        string Required(string key) => keys.GetValueOrDefault(key) ?? throw new FormatException($"a {kind} latency needs {key}");
        switch (kind)
        {
            case "constant":
                return new LatencySpec.Constant(Parse("value", Required("value")));
            case "uniform":
                var (min, max) = (Parse("min", Required("min")), Parse("max", Required("max")));
                return max < min
                    ? throw new FormatException($"max ({max}) must be at least min ({min})")
                    : new LatencySpec.Uniform(min, max);
            default:
                var mean = Parse("mean", Required("mean"));
                var spreadText = Required("spread");
                if (!Dec.TryParse(spreadText, out var spread, out var why))
                    throw new FormatException($"expected a spread as a decimal, got '{spreadText}' ({why})");
                if (spread > ScenarioLimits.MaxSpread)
                    throw new FormatException($"expected a spread from 0 to {ScenarioLimits.MaxSpread}, got {spread}");
                var log = new LatencySpec.LogNormal(mean, spread, LatencySpec.DefaultMinOf(mean));
                return log.MaxSeconds > ScenarioLimits.MaxDuration.TotalSeconds
                    ? throw new FormatException($"this lognormal can draw latencies up to {log.MaxSeconds:G3}s, beyond the limit of " +
                        $"{ScenarioLimits.MaxDuration}; lower the mean or the spread")
                    : log;
        }
    }

    /// <summary>A min-latency, as a step's: a lognormal's draws are raised to it; a constant's or uniform's floor it may restate.</summary>
    private static LatencySpec WithFloor(LatencySpec latency, Duration floor)
    {
        var (bound, what) = latency switch
        {
            LatencySpec.Constant c => (c.Value, $"the constant latency's value ({c.Value})"),
            LatencySpec.Uniform u => (u.Min, $"the uniform latency's min ({u.Min})"),
            LatencySpec.LogNormal l => (l.Mean, $"the lognormal latency's mean ({l.Mean})"),
            _ => (Duration.Zero, ""),
        };
        if (floor > bound) throw new FormatException($"expected a --min-latency of at most {what}, got {floor}");
        return latency is LatencySpec.LogNormal log ? log with { Min = floor } : latency;
    }

    private static Duration Parse(string key, string text) => Duration.TryParse(text, out var d, out var error)
        ? d : throw new FormatException($"expected {key} as a duration, got '{text}' ({error})");
}
