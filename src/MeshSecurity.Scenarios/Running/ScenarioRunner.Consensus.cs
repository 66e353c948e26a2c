using System.Collections.Immutable;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Running;

/// <summary>
/// The validator and chain faults: which validators of each chain sign (all of them not, while it halts), its block
/// time and how far its validators' clocks are off (a skew; a jump goes with one change only), given to each chain as
/// its consensus input whenever they change (a fault starts or ends, a flapping validator's half-period turns), and the
/// unjail a validator sends when it comes back jailed.
/// </summary>
public sealed partial class ScenarioRunner
{
    /// <summary>The offline validators (names, ordinal order) and block time each chain was last given.</summary>
    private readonly Dictionary<string, Consensus> _consensusSent = new(StringComparer.Ordinal);

    private sealed record Consensus(ImmutableArray<string> Offline, ulong BlockNanos, long ClockOffsetNanos = 0)
    {
        public static readonly Consensus AsConfigured = new([], 0);

        public bool Equals(Consensus? other) => other is not null && Offline.SequenceEqual(other.Offline) && BlockNanos == other.BlockNanos
            && ClockOffsetNanos == other.ClockOffsetNanos;

        public override int GetHashCode() => HashCode.Combine(Offline.Length, BlockNanos, ClockOffsetNanos);
    }

    /// <summary>The times a flapping validator goes offline or comes back, within its fault's `for` and the run.</summary>
    private IEnumerable<Duration> Flips()
    {
        foreach (var step in _scenario.Steps.OfType<ScenarioStep.Chaos>())
        {
            if (step.Fault is not ChaosSpec.ValidatorJailFlap f) continue;
            var end = step.Until ?? _scenario.Duration;
            var half = f.Period.Nanos / 2;
            for (var t = step.At.Nanos + half; t < end.Nanos; t += half) yield return new Duration(t);
        }
    }

    /// <summary>What the faults in force make of <paramref name="chain"/>'s consensus at the current time.</summary>
    private Consensus ConsensusOf(string chain) => new(OfflineOn(chain),
        _chaos.Values.OfType<ChaosSpec.ChainBlockTime>().LastOrDefault(b => b.Chain == chain)?.BlockTime.Nanos ?? 0,
        // the latest skew in force holds
        _chaos.Values.OfType<ChaosSpec.ChainClockSkew>().LastOrDefault(s => s.Chain == chain)?.OffsetNanos ?? 0);

    /// <summary>The validators of <paramref name="chain"/> that the faults in force keep offline at the current time.</summary>
    private ImmutableArray<string> OfflineOn(string chain) =>
    [
        .. _chaos.SelectMany(kv => kv.Value switch
        {
            ChaosSpec.ChainHalt h when h.Chain == chain => _scenario.Chain(chain).Validators.Select(v => v.Name),
            ChaosSpec.ValidatorDowntime d when d.Chain == chain => [d.Validator],
            ChaosSpec.ValidatorJailFlap f when f.Chain == chain && f.OfflineAt(Since(_scenario.Steps[kv.Key].At)) => [f.Validator],
            _ => [],
        }).Distinct().Order(StringComparer.Ordinal),
    ];

    private Duration Since(Duration at) => new(_reached.Nanos - at.Nanos);

    /// <summary>Gives each chain whose consensus changed its new one; validators back online unjail if jailed.</summary>
    private async Task ReconcileConsensus()
    {
        foreach (var chain in _scenario.Chains)
        {
            var want = ConsensusOf(chain.Id);
            var had = _consensusSent.GetValueOrDefault(chain.Id, Consensus.AsConfigured);
            if (want == had) continue;
            await Send(chain, want, []);
            foreach (var back in had.Offline.Except(want.Offline)) await Unjail(chain.Id, back);
        }
    }

    private async Task Send(ScenarioChain chain, Consensus consensus, IReadOnlyList<Core.Types.Addr> tombstone, ulong clockJumpNanos = 0)
    {
        await _net.SetConsensusAsync(chain.Id, [.. consensus.Offline.Select(v => ScenarioAddresses.Validator(chain, v))], tombstone,
            consensus.BlockNanos, consensus.ClockOffsetNanos, clockJumpNanos);
        _consensusSent[chain.Id] = consensus;
    }

    /// <summary>A validator back online that the chain jailed sends an unjail, to land when its jail time is over.</summary>
    private async Task Unjail(string chainId, string validator)
    {
        var addr = ScenarioAddresses.Validator(_scenario.Chain(chainId), validator);
        var state = await _net.StateAsync(chainId);
        if (state.Staking.Validator(addr) is not { Jailed: true, Tombstoned: false } v) return;
        var now = At(_reached);
        var tx = new Tx(addr, [new CosmosMsg.StakingUnjail()], $"unjail/{chainId}/{validator}/{_reached.Nanos}");
        await _net.SubmitAsync(chainId, tx, v.JailedUntil > now ? v.JailedUntil : now);
    }

    /// <summary>The chain's clocks jump ahead at its next block, once; its consensus is otherwise as it was.</summary>
    private Task ClockJump(ChaosSpec.ChainClockJump jump) =>
        Send(_scenario.Chain(jump.Chain), _consensusSent.GetValueOrDefault(jump.Chain, Consensus.AsConfigured), [], jump.By.Nanos);

    private Task Tombstone(string chainId, string validator)
    {
        var chain = _scenario.Chain(chainId);
        var now = _consensusSent.GetValueOrDefault(chainId, Consensus.AsConfigured);
        return Send(chain, now, [ScenarioAddresses.Validator(chain, validator)]);
    }
}
