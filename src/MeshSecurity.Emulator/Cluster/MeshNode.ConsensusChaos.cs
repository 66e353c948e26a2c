using System.Collections.Immutable;
using System.Globalization;
using Akka.Actor;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using MeshSecurity.Emulator.Chains;

namespace MeshSecurity.Emulator.Cluster;

/// <summary>
/// Live chain and validator faults (chain.halt, chain.block-time, validator.downtime, validator.tombstone): this member
/// keeps, per run and chain, what it made of the chain's consensus and gives the chain the whole of it at each change,
/// as the scenario runner does (ChainCommand.SetConsensus replaces the offline set and block time). The chain journals
/// each change before the block it concerns, so a crashed chain rebuilds the same blocks. A scenario's own consensus
/// faults on the same chain replace these at their next change.
/// </summary>
public sealed partial class MeshNode
{
    /// <summary>Live consensus faults in force per run instance and chain: halted, validators down (names), block time.</summary>
    private readonly Dictionary<(string Instance, string Chain), LiveConsensus> _consensus = [];

    /// <param name="Skew">chain.clock-skew's offset as given ("+30s"), shown by status.</param>
    private sealed record LiveConsensus(bool Halted, ImmutableSortedSet<string> Down, ulong BlockNanos, long ClockOffsetNanos = 0,
        string Skew = "")
    {
        public static readonly LiveConsensus None = new(false, ImmutableSortedSet.Create<string>(StringComparer.Ordinal), 0);

        /// <summary>validator.jail-flap: the flapping validators (MeshNode.FlapChaos.cs).</summary>
        public ImmutableSortedDictionary<string, Flap> Flaps { get; init; } =
            ImmutableSortedDictionary.Create<string, Flap>(StringComparer.Ordinal);

        /// <summary>The flapping validators offline in the half-period the chain was last given.</summary>
        public ImmutableSortedSet<string> FlappedOff { get; init; } = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);

        public bool IsNone => !Halted && Down.IsEmpty && BlockNanos == 0 && ClockOffsetNanos == 0 && Flaps.IsEmpty;

        /// <summary>How status shows the faults in force on <paramref name="chain"/>.</summary>
        public IEnumerable<string> Describe(string chain) =>
        [
            .. Halted ? [$"chain.halt {chain}"] : Array.Empty<string>(),
            .. BlockNanos > 0 ? [$"chain.block-time {chain} {BlockNanos / 1_000_000_000}s"] : Array.Empty<string>(),
            .. ClockOffsetNanos != 0 ? [$"chain.clock-skew {chain} {Skew}"] : Array.Empty<string>(),
            .. Down.Select(v => $"validator.downtime {chain}/{v}"),
            .. Flaps.Select(f => $"validator.jail-flap {chain}/{f.Key} {f.Value.Shown}"),
        ];
    }

    /// <summary>The chain's state fetched for a consensus fault, back on this actor, which then applies the fault.</summary>
    private sealed record ConsensusPlan(IActorRef ReplyTo, string Instance, ChaosRequest.Inject Request, ChainState State)
        : INoSerializationVerificationNeeded;

    private sealed record ConsensusFailed(IActorRef ReplyTo, string Fault, string Reason) : INoSerializationVerificationNeeded;

    private static bool IsConsensusFault(string fault) =>
        fault is "chain.halt" or "chain.block-time" or "validator.downtime" or "validator.tombstone" or "chain.clock-skew"
            or "chain.clock-jump" or "validator.jail-flap";

    private void ConsensusChaosCommands()
    {
        Receive<ConsensusPlan>(p =>
        {
            if (!_runs.TryGetValue(p.Instance, out var run))
            {
                p.ReplyTo.Tell(new ChaosReply.Refused("the run ended before the fault could be injected"));
                return;
            }
            ApplyConsensusFault(run, p);
        });
        Receive<ConsensusFailed>(f => f.ReplyTo.Tell(new ChaosReply.Refused($"{f.Fault}: {f.Reason}")));
    }

    /// <summary>Checks what a consensus fault needs that the request carries, then fetches the chain's state for the rest.</summary>
    private void InjectConsensus(Hosted run, ChaosRequest.Inject m)
    {
        var fault = m.Fault.Name;
        var problem = fault switch
        {
            "validator.downtime" or "validator.tombstone" or "validator.jail-flap" when m.Validator is null =>
                $"{fault} needs --validator (its name)",
            "validator.jail-flap" when m.Args.Nanos < 2_000_000_000 => "validator.jail-flap needs --period, a duration of at least 2s",
            "chain.block-time" when BlockSeconds(m.BlockTime) is null =>
                "chain.block-time needs --block-time, whole seconds from 1 to 3600",
            "chain.clock-skew" when m.Args.OffsetNanos == 0 => "chain.clock-skew needs --offset, a signed duration (\"+30s\", \"-30s\")",
            "chain.clock-jump" when m.Args.Nanos == 0 => "chain.clock-jump needs --by, a duration above 0s",
            _ => null,
        };
        if (problem is not null)
        {
            Sender.Tell(new ChaosReply.Refused(problem));
            return;
        }
        var (sender, instance) = (Sender, run.Spec.Instance);
        run.Chains.Ask<ChainReply.State>(new ChainCommand.GetState(m.Chain!), ChaosTimeout)
            .PipeTo(Self, success: s => new ConsensusPlan(sender, instance, m, s.Value),
                failure: ex => new ConsensusFailed(sender, fault, $"the chain did not answer ({ex.Message})"));
    }

    private static ulong? BlockSeconds(string? text) =>
        ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s is >= 1 and <= 3600 ? s : null;

    private void ApplyConsensusFault(Hosted run, ConsensusPlan p)
    {
        var (m, state, chain) = (p.Request, p.State, p.Request.Chain!);
        var fault = m.Fault.Name;
        var key = (p.Instance, chain);
        var now = _consensus.GetValueOrDefault(key, LiveConsensus.None);
        Addr? validator = null;
        if (m.Validator is { } name)
        {
            validator = ChainGenesis.ValidatorAddress(state.Config.AddressPrefix, name);
            if (state.Staking.Validator(validator.Value) is null)
            {
                p.ReplyTo.Tell(new ChaosReply.Refused($"{fault}: {chain} has no validator '{name}' (validators are named as in the " +
                    "scenario's chains[].validators)"));
                return;
            }
        }
        var next = fault switch
        {
            "chain.halt" => now with { Halted = true },
            "chain.block-time" => now with { BlockNanos = BlockSeconds(m.BlockTime)!.Value * 1_000_000_000 },
            "validator.downtime" => now with { Down = now.Down.Add(m.Validator!) },
            // the latest skew holds, as in a scenario
            "chain.clock-skew" => now with { ClockOffsetNanos = m.Args.OffsetNanos, Skew = m.Args.Shown },
            // offline for the first half of each period from now
            "validator.jail-flap" => now with
            {
                Flaps = now.Flaps.SetItem(m.Validator!, new Flap(m.Args.Nanos, state.Time.Nanos, m.Args.Shown)),
                FlappedOff = now.FlappedOff.Add(m.Validator!),
            },
            _ => now,
        };
        _consensus[key] = next;
        if (!next.Flaps.IsEmpty) WatchFlaps();
        // a jump goes with this change only: the chain takes it at its next block
        var jump = fault == "chain.clock-jump" ? m.Args.Nanos : 0;
        IReadOnlyList<Addr> tombstone = fault == "validator.tombstone" ? [validator!.Value] : [];
        var targets = validator is null ? ImmutableArray.Create(chain) : [$"{chain}/{m.Validator}"];
        var (replyTo, runId) = (p.ReplyTo, run.Spec.RunId);
        Record(run, chain, fault, targets);
        var set = new ChainCommand.SetConsensus(chain, Offline(state, next), tombstone, next.BlockNanos)
        {
            ClockOffsetNanos = next.ClockOffsetNanos, ClockJumpNanos = jump,
        };
        run.Chains.Ask<ChainReply.ConsensusSet>(set, ChaosTimeout)
            .PipeTo(replyTo, success: _ => new ChaosReply.Done(runId, fault, targets),
                failure: ex => new ChaosReply.Refused($"{fault}: the chain did not answer ({ex.Message})"));
    }

    /// <summary>
    /// The validators that do not sign under <paramref name="c"/>: all of them while halted, else those down and those
    /// flapping in their offline half.
    /// </summary>
    private static IReadOnlyList<Addr> Offline(ChainState state, LiveConsensus c) => c.Halted
        ? [.. state.Staking.Validators.Keys]
        : [.. c.Down.Union(c.FlappedOff).Select(v => ChainGenesis.ValidatorAddress(state.Config.AddressPrefix, v))];

    /// <summary>The faults of <paramref name="run"/> that status shows, chain by chain.</summary>
    private IEnumerable<string> ConsensusFaultsOf(Hosted run) =>
        _consensus.Where(kv => kv.Key.Instance == run.Spec.Instance).OrderBy(kv => kv.Key.Chain, StringComparer.Ordinal)
            .SelectMany(kv => kv.Value.Describe(kv.Key.Chain));

    /// <summary>
    /// Heal of the live consensus faults of <paramref name="run"/>: each chain back to all validators signing at its
    /// configured block time, and each validator a downtime jailed unjailed once its jail time is over (as the runner
    /// does when a scenario's downtime ends).
    /// </summary>
    private List<Task> HealConsensus(Hosted run, List<string> healed)
    {
        var tasks = new List<Task>();
        foreach (var (key, faults) in _consensus.Where(kv => kv.Key.Instance == run.Spec.Instance).ToList())
        {
            _consensus.Remove(key);
            if (faults.IsNone) continue;
            healed.AddRange(faults.Describe(key.Chain));
            tasks.Add(HealChain(run.Chains, key.Chain, faults.Down.Union(faults.Flaps.Keys)));
        }
        return tasks;
    }

    private static async Task HealChain(IActorRef chains, string chain, ImmutableSortedSet<string> down)
    {
        await chains.Ask<ChainReply.ConsensusSet>(new ChainCommand.SetConsensus(chain, [], [], 0), ChaosTimeout);
        await Unjail(chains, chain, down);
    }

    /// <summary>Each of <paramref name="back"/> the chain jailed (not for good) sends an unjail, to land when its jail is over.</summary>
    private static async Task Unjail(IActorRef chains, string chain, ImmutableSortedSet<string> back)
    {
        if (back.IsEmpty) return;
        var state = (await chains.Ask<ChainReply.State>(new ChainCommand.GetState(chain), ChaosTimeout)).Value;
        foreach (var name in back)
        {
            var addr = ChainGenesis.ValidatorAddress(state.Config.AddressPrefix, name);
            if (state.Staking.Validator(addr) is not { Jailed: true, Tombstoned: false } v) continue;
            var tx = new Tx(addr, [new CosmosMsg.StakingUnjail()], $"unjail/{chain}/{name}/{state.Time.Nanos}");
            var key = $"chaos-heal/{chain}/{name}/{state.Height}";
            await chains.Ask<ChainReply.Accepted>(
                new ChainCommand.SubmitTx(chain, tx, v.JailedUntil > state.Time ? v.JailedUntil : state.Time, "chaos", key), ChaosTimeout);
        }
    }
}
