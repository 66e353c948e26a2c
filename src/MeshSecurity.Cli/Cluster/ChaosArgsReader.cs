using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Relaying;
using MeshSecurity.Emulator.Cluster;
using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Cli.Cluster;

/// <summary>
/// Reads a live fault's own keys from a chaos request's JSON body, named as its chaos step's keys are
/// (docs/scenarios.md, "Chaos steps"), and checks their form as the scenario parser does (durations, a fraction, a packet
/// kind, sides): what the run has (chains, links, validators) is the member's to check. A fault's key it does not take is
/// refused, so a flag given to the wrong fault is not silently ignored.
/// </summary>
public static class ChaosArgsReader
{
    /// <summary>The faults whose own keys this reads (the others take only their link, chain or member).</summary>
    private static readonly HashSet<string> Checked =
    [
        "relayer.pause", "relayer.starve", "relayer.clear-interval", "relayer.lag", "relayer.batch-size", "relayer.censor",
        "relayer.race", "ibc.error-ack", "ibc.client-expire", "net.loss", "net.latency", "net.reorder", "net.partition",
        "chain.clock-skew", "chain.clock-jump", "validator.double-sign", "validator.jail-flap", "econ.slash-storm",
        "ibc.close-channel", "econ.price-shock", "econ.withdraw-race",
    ];

    /// <summary>The largest clock skew or jump, as a scenario's (a day: a trusting period is two weeks by default).</summary>
    private static readonly Duration MaxClockOffset = Duration.FromDays(1);

    /// <summary>The fault's settings, or (when <paramref name="error"/> is set) nothing: what is missing or wrong.</summary>
    public static ChaosArgs? Read(string fault, JsonObject body, out string? error)
    {
        error = null;
        if (!Checked.Contains(fault) || ChaosFault.Named(fault) is not { } known) return ChaosArgs.None;
        var keys = known.Flags;
        if (body.Select(kv => kv.Key).FirstOrDefault(k => k != "run" && !keys.Contains(k)) is { } stray)
        {
            error = $"{fault} takes no '{stray}' (it takes: {string.Join(", ", keys)})";
            return null;
        }
        try
        {
            return Args(fault, body);
        }
        catch (FormatException ex)
        {
            error = $"{fault}: {ex.Message}";
            return null;
        }
    }

    private static ChaosArgs Args(string fault, JsonObject body)
    {
        switch (fault)
        {
            case "relayer.pause":
            {
                var channel = Choice(body, "channel", ["mesh", "ics20", "both"]);
                var direction = Choice(body, "direction", ["to-consumer", "to-provider", "both"]);
                return new ChaosArgs { Channel = channel, Direction = direction, Shown = Join(channel, direction) };
            }
            case "relayer.starve":
            {
                var direction = Choice(body, "direction", ["to-consumer", "to-provider", "both"]);
                var packet = Value(body, "packet") is null ? null : Packet(body);
                if (packet is not null && direction is not null && !Travels(packet).Contains(direction))
                    throw new FormatException($"{packet} packets never travel {direction}: expected " +
                        $"{string.Join(" or ", Travels(packet))} (or leave --direction out)");
                return new ChaosArgs { Direction = direction, Packet = packet, Shown = Join(direction, packet) };
            }
            case "relayer.clear-interval":
            {
                var interval = DurationOf(body, "interval", "how often the relayer clears");
                if (interval < Duration.FromSeconds(1))
                    throw new FormatException($"expected an --interval of at least 1s (how often the relayer clears), got {interval}");
                return new ChaosArgs { Nanos = interval.Nanos, Shown = interval.ToString() };
            }
            case "relayer.lag":
            {
                var delay = DurationOf(body, "delay", "what the relayer's submissions land later by");
                return new ChaosArgs { Nanos = delay.Nanos, Shown = delay.ToString() };
            }
            case "relayer.batch-size":
            {
                var text = Required(body, "size", "packets per transaction, 1 to 10000");
                if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size is < 1 or > 10_000)
                    throw new FormatException($"expected --size, whole packets per transaction from 1 to 10000, got '{text}'");
                return new ChaosArgs { Size = size, Shown = size.ToString(CultureInfo.InvariantCulture) };
            }
            case "relayer.race":
            {
                var text = Value(body, "relayers") ?? "2";
                if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var racers) || racers is < 2 or > 8)
                    throw new FormatException($"expected --relayers, how many relayers race, from 2 to 8, got '{text}'");
                return new ChaosArgs { Size = racers, Shown = $"{racers} relayers" };
            }
            case "net.latency":
                return ChaosLatencyReader.Read(body, Value);
            case "net.reorder":
            {
                if ((Value(body, "provider") is null) != (Value(body, "consumer") is null))
                    throw new FormatException("give both --provider and --consumer (one link), or neither (every link)");
                if (Value(body, "window") is null) return ChaosArgs.None;
                var window = DurationOf(body, "window", "how much later a delivery may land than its turn");
                return new ChaosArgs { Nanos = window.Nanos, Shown = window.ToString() };
            }
            case "relayer.censor":
            case "ibc.error-ack":
                return new ChaosArgs { Packet = Packet(body) };
            case "ibc.client-expire":
            case "ibc.close-channel":
                return new ChaosArgs { Side = Choice(body, "side", ["provider", "consumer"]) };
            case "econ.price-shock":
            {
                var text = Required(body, "factor", "what the oracle's price is multiplied by, above 0");
                if (!Dec.TryParse(text, out var factor, out var why) || factor.IsZero)
                    throw new FormatException($"expected --factor, what the oracle's price is multiplied by, above 0, got '{text}'" +
                        (why.Length > 0 ? $" ({why})" : ""));
                return new ChaosArgs { Factor = factor.ToString(), Shown = $"x{factor}" };
            }
            case "econ.withdraw-race":
                return new ChaosArgs { Account = Required(body, "account", "the provider chain's account that races") };
            case "net.loss":
            {
                if ((Value(body, "provider") is null) != (Value(body, "consumer") is null))
                    throw new FormatException("give both --provider and --consumer (one link), or neither (every link)");
                var text = Required(body, "fraction", "the share of packets lost, above 0 and at most 1");
                if (!Dec.TryParse(text, out var fraction, out var why) || fraction.IsZero || fraction > Dec.One)
                    throw new FormatException($"expected --fraction, the share of packets lost, above 0 and at most 1, got '{text}'" +
                        (why.Length > 0 ? $" ({why})" : ""));
                return new ChaosArgs { Fraction = fraction.ToString(), Shown = fraction.ToString() };
            }
            case "net.partition":
                return new ChaosArgs { Groups = Partition(body) };
            case "chain.clock-skew":
                return Skew(body);
            case "chain.clock-jump":
            {
                var by = DurationOf(body, "by", "how far the chain's clocks jump ahead");
                if (by > MaxClockOffset) throw new FormatException($"expected a jump of at most {MaxClockOffset}, got {by}");
                return new ChaosArgs { Nanos = by.Nanos, Shown = by.ToString() };
            }
            case "validator.jail-flap":
            {
                Required(body, "validator", "the validator's name on --chain, as in the scenario's chains[].validators");
                var period = DurationOf(body, "period", "offline for its first half, back for the second");
                if (period < Duration.FromSeconds(2))
                    throw new FormatException($"expected a --period of at least 2s (offline for its first half), got {period}");
                return new ChaosArgs { Nanos = period.Nanos, Shown = period.ToString() };
            }
            case "validator.double-sign":
                Required(body, "validator", "the validator's name on --chain, as in the scenario's chains[].validators");
                return ChaosArgs.None;
            default:
                return new ChaosArgs { Validators = SlashStorm(body) };
        }
    }

    /// <summary>`offset`: "+30s" (the chain's clocks ahead) or "-30s" (behind), at most a day either way.</summary>
    private static ChaosArgs Skew(JsonObject body)
    {
        const string expected = "a signed duration: \"+30s\" (the chain's clock ahead) or \"-30s\" (behind)";
        var text = Required(body, "offset", expected);
        var sign = text[0] is '+' or '-' ? text[0] : ' ';
        var offset = Duration.Zero;
        var why = sign == ' ' ? "the sign is missing"
            : !Duration.TryParse(text[1..], out offset, out var error) ? error
            : offset.Nanos == 0 ? "a skew of 0s is no fault"
            : offset > MaxClockOffset ? $"at most {MaxClockOffset} either way" : null;
        if (why is not null) throw new FormatException($"expected --offset, {expected}, got '{text}' ({why})");
        var nanos = (long)offset.Nanos;
        return new ChaosArgs { OffsetNanos = sign == '-' ? -nanos : nanos, Shown = $"{sign}{offset}" };
    }

    /// <summary>`chains` (one side, cut off from the rest) or `groups` (each a side); chains comma-separated or as a list.</summary>
    private static ImmutableArray<ImmutableArray<string>> Partition(JsonObject body)
    {
        var (chains, groups) = (body["chains"], body["groups"]);
        if ((chains is null) == (groups is null))
            throw new FormatException(chains is null
                ? "needs --chains (cut off from the rest: juno,stars) or --groups (each a side: --groups osmosis,juno --groups stars)"
                : "give either --chains or --groups, not both");
        var sides = chains is not null ? [List(chains, "chains")]
            : groups is JsonArray many ? many.Select(g => List(g, "groups")).ToList()
            : [.. List(groups, "groups").Select(g => ImmutableArray.Create(g))];
        if (sides.Any(s => s.IsEmpty)) throw new FormatException("a side of the partition names no chain");
        return [.. sides];
    }

    /// <summary>`validators`: "chain/validator" of distinct chains, comma-separated or as a list.</summary>
    private static ImmutableArray<string> SlashStorm(JsonObject body)
    {
        if (body["validators"] is null)
            throw new FormatException("needs --validators, \"chain/validator\" of distinct chains (juno/juno-val-1,stars/stars-val-1)");
        var validators = List(body["validators"], "validators");
        if (validators.FirstOrDefault(v => v.Split('/') is not [{ Length: > 0 }, { Length: > 0 }]) is { } bad)
            throw new FormatException($"expected \"chain/validator\" in --validators, got '{bad}'");
        if (validators.GroupBy(v => v.Split('/')[0]).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new FormatException($"{twice.Key} is named twice: a slash storm takes one validator per chain");
        return validators.IsEmpty ? throw new FormatException("expected at least one \"chain/validator\" in --validators") : validators;
    }

    /// <summary>A list as a JSON array of strings, or one string of comma-separated names.</summary>
    private static ImmutableArray<string> List(JsonNode? node, string key)
    {
        IEnumerable<string?> items = node switch
        {
            JsonArray a => a.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null),
            JsonValue v when v.TryGetValue<string>(out var s) => s.Split(','),
            _ => [null],
        };
        var list = items.Select(i => i?.Trim()).ToList();
        if (list.Any(i => string.IsNullOrEmpty(i))) throw new FormatException($"expected --{key} as names separated by commas");
        return [.. list!];
    }

    private static string Join(params string?[] parts) => string.Join(" ", parts.Where(p => p is not null and not "both"));

    /// <summary>A packet kind, as Core's relayer tells them apart.</summary>
    private static string Packet(JsonObject body)
    {
        var packet = Required(body, "packet", $"a packet kind: {string.Join(", ", PacketKinds.All)}");
        return PacketKinds.All.Contains(packet) ? packet
            : throw new FormatException($"unknown packet kind '{packet}'; expected one of: {string.Join(", ", PacketKinds.All)}");
    }

    /// <summary>The ways a packet of <paramref name="kind"/> travels on a link, as the scenario parser knows them.</summary>
    private static string[] Travels(string kind) => kind switch
    {
        "update-validators" or "rewards" => ["to-provider"],
        "transfer" => ["to-consumer", "to-provider"],
        _ => ["to-consumer"],
    };

    private static string? Choice(JsonObject body, string key, string[] choices) => Value(body, key) switch
    {
        null => null,
        var v when choices.Contains(v) => v == "both" ? null : v,
        var v => throw new FormatException($"expected --{key} one of {string.Join(", ", choices)}, got '{v}'"),
    };

    private static Duration DurationOf(JsonObject body, string key, string what)
    {
        var text = Required(body, key, $"a duration ({what}), e.g. 30s or 2m");
        if (!Duration.TryParse(text, out var d, out var error))
            throw new FormatException($"expected --{key} as a duration, got '{text}' ({error})");
        return d.Nanos == 0 ? throw new FormatException($"expected --{key} above 0s ({what})") : d;
    }

    private static string Required(JsonObject body, string key, string what) =>
        Value(body, key) ?? throw new FormatException($"needs --{key}: {what}");

    /// <summary>A key's value as text: a JSON string, or a number as written.</summary>
    private static string? Value(JsonObject body, string key) => body[key] switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s.Length > 0 ? s : null,
        JsonValue v => v.ToJsonString(),
        _ => null,
    };
}
