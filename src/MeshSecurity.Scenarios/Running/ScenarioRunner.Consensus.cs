using System.Collections.Immutable;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Running;

/// <summary>
/// The validator faults: which validators of each chain sign, given to each chain as its consensus input whenever it
/// changes (a downtime starts or ends, a flapping validator's half-period turns), and the unjail a validator sends when
/// it comes back jailed.
/// </summary>
public sealed partial class ScenarioRunner
{
    /// <summary>The offline validators each chain was last given (names, ordinal order).</summary>
    private readonly Dictionary<string, ImmutableArray<string>> _offlineSent = new(StringComparer.Ordinal);

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

    /// <summary>The validators of <paramref name="chain"/> that the faults in force keep offline at the current time.</summary>
    private ImmutableArray<string> OfflineOn(string chain) =>
    [
        .. _chaos.SelectMany(kv => kv.Value switch
        {
            ChaosSpec.ValidatorDowntime d when d.Chain == chain => [d.Validator],
            ChaosSpec.ValidatorJailFlap f when f.Chain == chain && f.OfflineAt(Since(_scenario.Steps[kv.Key].At)) => [f.Validator],
            _ => Array.Empty<string>(),
        }).Distinct().Order(StringComparer.Ordinal),
    ];

    private Duration Since(Duration at) => new(_reached.Nanos - at.Nanos);

    /// <summary>Gives each chain whose offline validators changed its new set; those back online unjail if jailed.</summary>
    private async Task ReconcileConsensus()
    {
        foreach (var chain in _scenario.Chains)
        {
            var want = OfflineOn(chain.Id);
            var had = _offlineSent.GetValueOrDefault(chain.Id, []);
            if (want.SequenceEqual(had)) continue;
            await _net.SetConsensusAsync(chain.Id, [.. want.Select(v => ScenarioAddresses.Validator(chain, v))], []);
            _offlineSent[chain.Id] = want;
            foreach (var back in had.Except(want)) await Unjail(chain.Id, back);
        }
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

    private async Task Tombstone(string chainId, string validator)
    {
        var chain = _scenario.Chain(chainId);
        var offline = _offlineSent.GetValueOrDefault(chainId, []);
        await _net.SetConsensusAsync(chainId, [.. offline.Select(v => ScenarioAddresses.Validator(chain, v))],
            [ScenarioAddresses.Validator(chain, validator)]);
    }
}
