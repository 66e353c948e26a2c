using System.Collections.Immutable;

namespace MeshSecurity.Scenarios.Model;

public abstract partial record ChaosSpec
{
    /// <summary>The chains of the links listed, each once, in link order.</summary>
    private static ImmutableArray<string> ChainsOf(ImmutableArray<(string Provider, string Consumer)> links) =>
        [.. links.SelectMany(l => new[] { l.Provider, l.Consumer }).Distinct()];

    private static string Named(ImmutableArray<(string Provider, string Consumer)> links) =>
        string.Join(",", links.Select(l => $"{l.Provider}->{l.Consumer}"));

    /// <summary>The keys naming the links: provider and consumer for one, none for every link of the scenario.</summary>
    private protected string OnLinks(ImmutableArray<(string Provider, string Consumer)> links, bool all) =>
        all ? $"chaos = {Name}" : OnLink(links[0].Provider, links[0].Consumer);

    /// <summary>
    /// <paramref name="Relayers"/> relayers serve the link's channels at once (hermes and rly racing), each with latency draws
    /// of its own, all submitting the same packets, acknowledgements and timeouts: the chains take the first copy and
    /// answer the later ones as redundant relays, which they count (report.json `redundant_relays`).
    /// </summary>
    public sealed record RelayerRace(string Provider, string Consumer, int Relayers) : ChaosSpec
    {
        public const int DefaultRelayers = 2;

        public override string Name => "relayer.race";
        public override ImmutableArray<string> Chains => [Provider, Consumer];
        public override string Describe() => $"{Name} {Provider}->{Consumer} {Relayers}";
        public override string ToHocon() =>
            OnLink(Provider, Consumer) + (Relayers == DefaultRelayers ? "" : $", relayers = {Relayers}");
    }

    /// <summary>
    /// The links' relayers draw their latency from <paramref name="Latency"/> instead of the links' own while it holds;
    /// at its end each link's configured latency applies again. <paramref name="All"/>: the file named no link.
    /// </summary>
    public sealed record NetLatency(ImmutableArray<(string Provider, string Consumer)> Links, LatencySpec Latency, bool All) : ChaosSpec
    {
        public override string Name => "net.latency";
        public override ImmutableArray<string> Chains => ChainsOf(Links);
        public override string Describe() => $"{Name} {Named(Links)} {Label(Latency)}";

        /// <summary>How the report names a latency: "constant 40s", "uniform 1s..5s", "lognormal 3s 0.5".</summary>
        public static string Label(LatencySpec latency) => latency switch
        {
            LatencySpec.Constant c => $"constant {c.Value}",
            LatencySpec.Uniform u => $"uniform {u.Min}..{u.Max}",
            LatencySpec.LogNormal l =>
                $"lognormal {l.Mean} {l.Spread}" + (l.Min == LatencySpec.DefaultMinOf(l.Mean) ? "" : $" min {l.Min}"),
            _ => "",
        };
        public override string ToHocon() => $"{OnLinks(Links, All)}, latency = {{ {Write(Latency)} }}" +
            (Latency is LatencySpec.LogNormal l && l.Min != LatencySpec.DefaultMinOf(l.Mean) ? $", min-latency = {l.Min}" : "");

        /// <summary>A latency object's keys as a scenario file writes them (a lognormal's floor is the step's min-latency).</summary>
        private static string Write(LatencySpec latency) => latency switch
        {
            LatencySpec.Constant c => $"kind = constant, value = {c.Value}",
            LatencySpec.Uniform u => $"kind = uniform, min = {u.Min}, max = {u.Max}",
            LatencySpec.LogNormal l => $"kind = lognormal, mean = {l.Mean}, spread = \"{l.Spread}\"",
            _ => "",
        };
    }

    /// <summary>
    /// The links' relayers submit each batch's deliveries in an order drawn from the seed rather than in sequence order;
    /// with a <paramref name="Window"/>, each delivery alone, up to that much later, so they land in different blocks.
    /// </summary>
    public sealed record NetReorder(ImmutableArray<(string Provider, string Consumer)> Links, Duration? Window, bool All) : ChaosSpec
    {
        public override string Name => "net.reorder";
        public override ImmutableArray<string> Chains => ChainsOf(Links);
        public override string Describe() => $"{Name} {Named(Links)}" + (Window is { } w ? $" {w}" : "");
        public override string ToHocon() => OnLinks(Links, All) + (Window is { } w ? $", window = {w}" : "");
    }
}
