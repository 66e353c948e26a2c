using System.Collections.Immutable;
using Akka.Configuration.Hocon;
using MeshSecurity.Core.Types;
using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Parsing;

/// <summary>
/// Turns Akka's HOCON tree into the validated <see cref="Scenario"/>: reads every section, checks types, ranges and
/// names (chains, links, accounts, validators), and records every error instead of stopping at the first. Sections
/// are read in dependency order (settings, chains, links, then steps and expectations, which name them).
/// </summary>
internal sealed partial class ScenarioBuilder(ParseContext ctx)
{
    private static readonly string[] TopKeys = ["scenario", "chains", "links", "fixtures", "steps", "nemesis", "expect", "risk"];
    private static readonly string[] SettingsKeys = ["name", "description", "seed", "speed", "duration", "genesis-time"];

    /// <summary>A chain as far as it parsed: enough to check the names steps and expectations use.</summary>
    private sealed class ChainEntry(string id, string path)
    {
        public string Id { get; } = id;
        public string Path { get; } = path;
        public string? Denom { get; set; }
        public string? Prefix { get; set; }
        public List<string> Validators { get; } = [];
        public List<string> Accounts { get; } = [];
    }

    private readonly Dictionary<string, ChainEntry> _chains = new(StringComparer.Ordinal);
    private readonly List<string> _chainOrder = [];
    private readonly Dictionary<(string, string), string> _links = [];
    private readonly List<(string Provider, string Consumer)> _linkOrder = [];
    /// <summary>Chains with a mesh-lockup: the providers of links, and the chains of lockup fixtures.</summary>
    private readonly HashSet<string> _lockupChains = new(StringComparer.Ordinal);

    /// <summary>Chains with a meta-staking fixture (the consumers of links have their own meta-staking).</summary>
    private readonly HashSet<string> _metaStakingFixtureChains = new(StringComparer.Ordinal);

    /// <summary>The fixtures read so far, by name: what steps may act as and name as a contract.</summary>
    private readonly Dictionary<string, ScenarioFixture> _fixtures = new(StringComparer.Ordinal);

    private sealed record Settings(string? Name, string? Description, string Seed, double? Speed, Duration? Duration, Timestamp? GenesisTime);

    public Scenario? Build(HoconNode root)
    {
        if (root.Kind != HoconNodeKind.Object)
        {
            var empty = new HoconValue();
            empty.NewValue(new HoconObject());
            root = new HoconNode(empty, "");
        }
        var top = new ObjectReader(ctx, root, TopKeys);
        var settings = ReadSettings(top);
        var chains = ReadChains(top);
        var links = ReadLinks(top);
        _latencyFloor = links.IsEmpty ? Duration.Zero : links.Min(l => l.Relayer.Latency.Floor);
        CheckEpochs(chains, links);
        var fixtures = ReadFixtures(top);
        var steps = ReadSteps(top);
        var nemesis = ReadNemesis(top, settings.Seed);
        var expectations = ReadExpectations(top);
        var risk = ReadRisk(top, chains, links);
        top.Finish();

        var chaosEnds = steps.OfType<ScenarioStep.Chaos>().Select(c => c.Until).OfType<Duration>();
        var last = steps.Select(s => s.At).Concat(expectations.Select(e => e.At)).Concat(chaosEnds).DefaultIfEmpty(Duration.Zero).Max();
        var duration = settings.Duration ?? last + Scenario.DefaultTail;
        if (nemesis is not null)
        {
            steps.AddRange(nemesis.Steps);
            if (settings.Duration is null) duration = Duration.Max(duration, nemesis.LastsUntil);
        }
        if (settings.Duration is { } explicitDuration)
        {
            foreach (var item in steps.Where(s => s is not ScenarioStep.Chaos { Source: "nemesis" }).Select(s => (s.At, s.Location))
                         .Concat(expectations.Select(e => (e.At, e.Location))))
                if (item.At > explicitDuration)
                    ctx.Error(KeyPath.Child(item.Location.Key, "at"), $"{item.At} is after the end of the run (scenario.duration = {explicitDuration})");
            foreach (var chaos in steps.OfType<ScenarioStep.Chaos>().Where(c => c.Source != "nemesis" && c.Until > explicitDuration))
                ctx.Error(KeyPath.Child(chaos.Location.Key, "for"),
                    $"the fault would end at {chaos.Until}, after the end of the run (scenario.duration = {explicitDuration})");
            if (nemesis is not null && nemesis.LastsUntil > explicitDuration)
                ctx.Error(KeyPath.Child(nemesis.Path, "quiet"),
                    $"the nemesis ends and stays quiet until {nemesis.LastsUntil}, after the end " +
                    $"of the run (scenario.duration = {explicitDuration}); shorten its end or quiet, or lengthen the run");
        }

        // only a file that parsed cleanly is checked against what the emulator can run
        if (ctx.Errors.Count == 0) CheckFeasible(chains, links, duration);
        if (ctx.Errors.Count > 0 || settings.Name is null) return null;
        return new Scenario(settings.Name, settings.Description, settings.Seed, settings.Speed, duration, settings.GenesisTime,
            chains, links,
            [.. steps.OrderBy(s => s.At)],
            [.. expectations.OrderBy(e => e.At)]) { Fixtures = fixtures, Risk = risk ?? RiskSpec.Default };
    }

    private Settings ReadSettings(ObjectReader top)
    {
        var r = top.Object("scenario", true, "the scenario settings", SettingsKeys);
        if (r is null) return new Settings(null, null, Scenario.DefaultSeed, null, null, null);
        var name = r.Text("name", true, "the scenario's name (a string)");
        if (name is { Length: 0 })
        {
            ctx.Error(r.PathOf("name"), "expected the scenario's name, got an empty string");
            name = null;
        }
        var description = r.Text("description", false);
        var seed = r.Seed("seed") ?? Scenario.DefaultSeed;
        double? speed = null;
        if (r.Get("speed", false, "") is { } speedNode)
        {
            const string expected = "max or a positive number of emulated seconds per wall second";
            if (!(speedNode.Kind == HoconNodeKind.Text && speedNode.Text == "max") &&
                ctx.Convert(speedNode, expected, ValueParsers.TrySpeed, out double s))
                speed = s;
        }
        var duration = r.Duration("duration", false);
        if (duration is { Nanos: 0 })
        {
            ctx.Error(r.PathOf("duration"), "the run must last longer than 0s");
            duration = null; // reported: judging every step's time against it too would only repeat this error
        }
        Timestamp? genesis = null;
        if (r.Get("genesis-time", false, "") is { } g &&
            ctx.Convert(g, "an ISO-8601 time like \"2024-01-01T00:00:00Z\"", ValueParsers.TryTime, out Timestamp t))
            genesis = t;
        r.Finish("in scenario");
        return new Settings(name, description, seed, speed, duration, genesis);
    }

    // ---- names -------------------------------------------------------------------------------------------------

    private static string ListOf(IEnumerable<string> names, string none)
    {
        var list = names.ToList();
        return list.Count == 0 ? none : string.Join(", ", list);
    }

    /// <summary>The id of a defined chain named by <paramref name="key"/>, or null (reported).</summary>
    private string? ChainRef(ObjectReader r, string key, bool required = true)
    {
        if (r.Get(key, required, "a chain id") is not { } node) return null;
        var id = ctx.Text(node, "a chain id");
        if (id is null) return null;
        if (_chains.ContainsKey(id)) return id;
        var hint = Suggestions.Closest(id, _chainOrder) is { } s
            ? $" (did you mean \"{s}\"?)"
            : $"; the chains are: {ListOf(_chainOrder, "(none)")}";
        ctx.Error(node.Path, $"unknown chain {HoconNode.Quote(id)}{hint}");
        return null;
    }

    /// <summary>
    /// A chain that has a mesh-lockup: the runner deploys one on every chain that provides to a consumer, and where a
    /// fixture says so.
    /// </summary>
    private string? LockupChainRef(ObjectReader r, string key = "chain")
    {
        var chain = ChainRef(r, key);
        if (chain is null || _lockupChains.Contains(chain)) return chain;
        ctx.Error(r.PathOf(key), $"{chain} has no mesh-lockup: no link has it as its provider and no fixture deploys one");
        return null;
    }

    private string? AccountRef(ObjectReader r, string key, string? chain) => MemberRef(r, key, chain, "account", c => c.Accounts);

    /// <summary><paramref name="anyName"/>: a name not on the chain is allowed (a step that expects the refusal).</summary>
    private string? ValidatorRef(ObjectReader r, string key, string? chain, bool anyName = false) =>
        MemberRef(r, key, chain, "validator", c => c.Validators, anyName);

    private string? MemberRef(ObjectReader r, string key, string? chain, string what, Func<ChainEntry, List<string>> members,
        bool anyName = false)
    {
        if (r.Get(key, true, $"{(what == "account" ? "an" : "a")} {what} name") is not { } node) return null;
        var name = ctx.Text(node, $"{(what == "account" ? "an" : "a")} {what} name");
        if (name is null || chain is null || !_chains.TryGetValue(chain, out var entry)) return null;
        var known = members(entry);
        if (known.Contains(name)) return name;
        if (anyName && ValueParsers.NamePattern().IsMatch(name)) return name;
        var hint = Suggestions.Closest(name, known) is { } s
            ? $" (did you mean \"{s}\"?)"
            : $"; the {what}s of {chain} are: {ListOf(known, "(none)")}";
        ctx.Error(node.Path, $"unknown {what} {HoconNode.Quote(name)} on chain {chain}{hint}");
        return null;
    }

    /// <summary>The provider and consumer chains named by the two keys, and whether a link joins them (reported if not).</summary>
    private (string? Provider, string? Consumer, bool Linked) LinkRef(ObjectReader r, string providerKey = "provider", string consumerKey = "consumer")
    {
        var p = ChainRef(r, providerKey);
        var c = ChainRef(r, consumerKey);
        if (p is null || c is null) return (p, c, false);
        if (_links.ContainsKey((p, c))) return (p, c, true);
        ctx.Error(r.PathOf(consumerKey), $"no link from {p} to {c}; the links are: {ListOf(_linkOrder.Select(l => $"{l.Provider} -> {l.Consumer}"), "(none)")}");
        return (p, c, false);
    }

    /// <summary>The chain's denom, or <see cref="ValueParsers.AnyDenom"/> when the chain or its denom did not parse.</summary>
    private string DenomOf(string? chain) => chain is not null && _chains.TryGetValue(chain, out var e) && e.Denom is not null ? e.Denom : ValueParsers.AnyDenom;

    private static ImmutableArray<T> Immutable<T>(List<T> list) => [.. list];
}
