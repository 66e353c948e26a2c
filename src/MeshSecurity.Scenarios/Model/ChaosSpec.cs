using System.Collections.Immutable;
using MeshSecurity.Core.Math;

namespace MeshSecurity.Scenarios.Model;

/// <summary>
/// A fault a scenario injects (a `chaos` step or the nemesis): a closed family, named as `meshsec chaos` names them
/// (family.fault). Lasting faults hold until their `for` ends or a heal; the others act once.
/// </summary>
public abstract record ChaosSpec
{
    private ChaosSpec() { }

    /// <summary>The name written in a scenario file.</summary>
    public abstract string Name { get; }

    /// <summary>True when the fault holds until it ends (a `for`, or a heal); false when it acts once.</summary>
    public virtual bool Lasting => true;

    /// <summary>The chains it concerns, for the report's charts.</summary>
    public abstract ImmutableArray<string> Chains { get; }

    /// <summary>How the report and events name it, e.g. "relayer.stop osmosis->juno".</summary>
    public abstract string Describe();

    /// <summary>The keys of a chaos step that injects it, as a scenario file writes them (the nemesis' draws, written out).</summary>
    public abstract string ToHocon();

    private protected string OnLink(string provider, string consumer) => $"chaos = {Name}, provider = {provider}, consumer = {consumer}";

    /// <summary>The link's two relayers stop: they neither watch nor submit; at the end they clear and go on.</summary>
    public sealed record RelayerStop(string Provider, string Consumer) : ChaosSpec
    {
        public override string Name => "relayer.stop";
        public override ImmutableArray<string> Chains => [Provider, Consumer];
        public override string Describe() => $"{Name} {Provider}->{Consumer}";
        public override string ToHocon() => OnLink(Provider, Consumer);
    }

    /// <summary>The link's relayer processes crash and restart, clearing what is pending from both chains.</summary>
    public sealed record RelayerCrash(string Provider, string Consumer) : ChaosSpec
    {
        public override string Name => "relayer.crash";
        public override bool Lasting => false;
        public override ImmutableArray<string> Chains => [Provider, Consumer];
        public override string Describe() => $"{Name} {Provider}->{Consumer}";
        public override string ToHocon() => OnLink(Provider, Consumer);
    }

    /// <summary>The link's relayers submit every batch with packets twice; the copies must have no effect.</summary>
    public sealed record RelayerDuplicate(string Provider, string Consumer) : ChaosSpec
    {
        public override string Name => "relayer.duplicate";
        public override ImmutableArray<string> Chains => [Provider, Consumer];
        public override string Describe() => $"{Name} {Provider}->{Consumer}";
        public override string ToHocon() => OnLink(Provider, Consumer);
    }

    /// <summary>Everything the link's relayers submit lands <paramref name="Delay"/> later than its latency draw.</summary>
    public sealed record RelayerLag(string Provider, string Consumer, Duration Delay) : ChaosSpec
    {
        public override string Name => "relayer.lag";
        public override ImmutableArray<string> Chains => [Provider, Consumer];
        public override string Describe() => $"{Name} {Provider}->{Consumer} {Delay}";
        public override string ToHocon() => $"{OnLink(Provider, Consumer)}, delay = {Delay}";
    }

    /// <summary>
    /// On the links listed (provider, consumer), each packet is lost before it is received with probability
    /// <paramref name="Fraction"/>; a lost packet times out on its source.
    /// </summary>
    public sealed record NetLoss(ImmutableArray<(string Provider, string Consumer)> Links, Dec Fraction) : ChaosSpec
    {
        public override string Name => "net.loss";
        public override ImmutableArray<string> Chains => [.. Links.SelectMany(l => new[] { l.Provider, l.Consumer }).Distinct()];
        public override string Describe() => $"{Name} {string.Join(",", Links.Select(l => $"{l.Provider}->{l.Consumer}"))} {Fraction}";
        public override string ToHocon() => Links.Length == 1
            ? $"{OnLink(Links[0].Provider, Links[0].Consumer)}, fraction = \"{Fraction}\""
            : $"chaos = {Name}, fraction = \"{Fraction}\"";
    }

    /// <summary>
    /// The chains split into <paramref name="Groups"/>: no relayer carries anything between two groups (every link across
    /// stops); links within a group go on.
    /// </summary>
    public sealed record NetPartition(ImmutableArray<ImmutableArray<string>> Groups) : ChaosSpec
    {
        public override string Name => "net.partition";
        /// <summary>The first side (the chains cut off, when the file lists them with `chains`).</summary>
        public override ImmutableArray<string> Chains => Groups[0];
        public override string Describe() => $"{Name} {string.Join(" | ", Groups.Select(g => string.Join(",", g)))}";
        public override string ToHocon() =>
            $"chaos = {Name}, groups = [{string.Join(", ", Groups.Select(g => $"[{string.Join(", ", g)}]"))}]";

        /// <summary>True when the two chains are on different sides.</summary>
        public bool Splits(string a, string b) => Groups.First(g => g.Contains(a)) != Groups.First(g => g.Contains(b));
    }

    /// <summary>The chain's actor crashes and rebuilds itself from its snapshot and journal; the history does not change.</summary>
    public sealed record ChainCrash(string Chain) : ChaosSpec
    {
        public override string Name => "chain.crash";
        public override bool Lasting => false;
        public override ImmutableArray<string> Chains => [Chain];
        public override string Describe() => $"{Name} {Chain}";
        public override string ToHocon() => $"chaos = {Name}, chain = {Chain}";
    }

    /// <summary>Ends every fault the scenario put in force.</summary>
    public sealed record Heal : ChaosSpec
    {
        public override string Name => "heal";
        public override bool Lasting => false;
        public override ImmutableArray<string> Chains => [];
        public override string Describe() => Name;
        public override string ToHocon() => $"chaos = {Name}";
    }
}
