using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using MeshSecurity.Emulator.Chains;

namespace MeshSecurity.Emulator.Cluster;

/// <summary>
/// validator.jail-flap live: the validator is offline for the first half of every period from the chain's time when
/// the fault came, counted in the run's emulated time (a halted chain's own clock stands still), and back for the
/// second half, when it sends an unjail that lands once its jail time is over, as in a scenario
/// (ChaosSpec.ValidatorJailFlap, ScenarioRunner.Consensus.cs). A scenario knows its flips in advance; live, the
/// member reads the run's time from its clock ten times a second of wall time and gives a chain its consensus when a
/// half-period turned, so at a high speed a flip lands a little after the turn.
/// </summary>
public sealed partial class MeshNode : IWithTimers
{
    private static readonly TimeSpan FlapEvery = TimeSpan.FromMilliseconds(100);

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>
    /// A flapping validator: its period and the chain's time when it came (nanoseconds; its first period begins then),
    /// and how status shows it.
    /// </summary>
    private sealed record Flap(ulong PeriodNanos, ulong StartNanos, string Shown)
    {
        /// <summary>True while offline: the first half of each period.</summary>
        public bool OfflineAt(ulong nanos) => (nanos < StartNanos ? 0 : nanos - StartNanos) / (PeriodNanos / 2) % 2 == 0;
    }

    private sealed record FlapTick : INoSerializationVerificationNeeded
    {
        public static readonly FlapTick Instance = new();
    }

    /// <summary>A run's emulated instant, read on a tick from its clock, back on this actor.</summary>
    private sealed record FlapRead(string Instance, ulong Now) : INoSerializationVerificationNeeded;

    private void FlapChaosCommands()
    {
        Receive<FlapTick>(_ =>
        {
            var flapping = _consensus.Where(kv => !kv.Value.Flaps.IsEmpty && _runs.ContainsKey(kv.Key.Instance))
                .Select(kv => kv.Key.Instance).Distinct().ToList();
            if (flapping.Count == 0)
            {
                Timers.Cancel(nameof(FlapTick));
                return;
            }
            foreach (var instance in flapping)
                _runs[instance].ClockProxy.Ask<Time.ClockStatus>(new Time.ClockCommand.GetStatus(), ChaosTimeout)
                    .PipeTo(Self, success: s => new FlapRead(instance, s.Now.Nanos), failure: _ => FlapTick.Instance);
        });
        Receive<FlapRead>(r =>
        {
            if (!_runs.TryGetValue(r.Instance, out var run)) return;
            foreach (var (key, now) in _consensus.Where(kv => kv.Key.Instance == r.Instance && !kv.Value.Flaps.IsEmpty).ToList())
            {
                var off = now.Flaps.Where(f => f.Value.OfflineAt(r.Now)).Select(f => f.Key).ToImmutableSortedSet(StringComparer.Ordinal);
                if (off.SetEquals(now.FlappedOff)) continue;
                var next = now with { FlappedOff = off };
                _consensus[key] = next;
                Flip(run.Chains, key.Chain, next, now.FlappedOff.Except(off).Except(now.Down));
            }
        });
    }

    /// <summary>The chain's consensus with the flapping validators of this half-period offline; those back unjail.</summary>
    private void Flip(IActorRef chains, string chain, LiveConsensus next, ImmutableSortedSet<string> back)
    {
        async Task Give()
        {
            var state = (await chains.Ask<ChainReply.State>(new ChainCommand.GetState(chain), ChaosTimeout)).Value;
            await chains.Ask<ChainReply.ConsensusSet>(new ChainCommand.SetConsensus(chain, Offline(state, next), [], next.BlockNanos)
            {
                ClockOffsetNanos = next.ClockOffsetNanos,
            }, ChaosTimeout);
            await Unjail(chains, chain, back);
        }
        var log = _log;
        Give().ContinueWith(t => log.Warning("validator.jail-flap on {0}: {1}", chain, t.Exception?.GetBaseException().Message),
            TaskContinuationOptions.OnlyOnFaulted);
    }

    /// <summary>Starts reading the flapping chains' time, unless it goes on already.</summary>
    private void WatchFlaps()
    {
        if (!Timers.IsTimerActive(nameof(FlapTick))) Timers.StartPeriodicTimer(nameof(FlapTick), FlapTick.Instance, FlapEvery);
    }
}
