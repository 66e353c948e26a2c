using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Running;

/// <summary>
/// The runner's part of a checkpoint beyond the timeline (<see cref="RunnerCheckpoint"/>): what the faults in force, the
/// fixtures and the reopens left in the runner, saved at the cut and put back before the walk goes on, so the switches it
/// gives after the cut are the same changes the uninterrupted run gave (docs/decisions/0009-a-run-resumes-from-its-checkpoint.md).
/// </summary>
public sealed partial class ScenarioRunner
{
    private RunnerCheckpoint CaptureRunner()
    {
        var shockKeys = _shockPublished.Keys.Union(_shocksInSecond.Keys).Order(PairOrder).ToList();
        return new RunnerCheckpoint
        {
            Chaos = [.. _chaos.Keys],
            Consensus = [.. _consensusSent.OrderBy(kv => kv.Key, StringComparer.Ordinal)
                .Select(kv => new RunnerCheckpoint.ChainConsensus(kv.Key, kv.Value.Offline, kv.Value.BlockNanos,
                    kv.Value.ClockOffsetNanos))],
            ErrorAcks = [.. _errorAcksOn.Select(e => new RunnerCheckpoint.ErrorAck(e.Chain, e.Key))],
            Frozen = [.. _frozen.Select(f => new RunnerCheckpoint.FrozenClient(f.Chain, f.ClientId, f.Provider, f.Consumer))],
            Shocks = [.. shockKeys.Select(k => new RunnerCheckpoint.Shock(k.Item1, k.Item2,
                _shockPublished.TryGetValue(k, out var f) ? f : null,
                _shocksInSecond.TryGetValue(k, out var s) ? s.Second : null, s.Count))],
            Races = [.. _races.OrderBy(kv => kv.Key).Select(kv => new RunnerCheckpoint.Race(kv.Key, kv.Value.Stake, kv.Value.Withdrawal,
                kv.Value.Compete))],
            Reopenings = [.. _reopening.Select(kv => new RunnerCheckpoint.Reopening(kv.Key.Item1, kv.Key.Item2, kv.Value.Channel,
                kv.Value.Step))],
            Reopens = _reopens,
            Refusals = [.. _stepRefusals.OrderBy(kv => kv.Key).Select(kv => new RunnerCheckpoint.Refusal(kv.Key, kv.Value))],
            Fixtures = Named(_fixtures),
            FixtureLockups = Named(_fixtureLockups),
            FixtureMetaStakings = Named(_fixtureMetaStakings),
        };
    }

    private static RunnerCheckpoint.Named[] Named(Dictionary<string, Core.Types.Addr> addresses) =>
        [.. addresses.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new RunnerCheckpoint.Named(kv.Key, kv.Value))];

    /// <summary>
    /// Puts the runner's part of <paramref name="checkpoint"/> back; no switch is sent (the chains and channels hold them).
    /// </summary>
    private void RestoreRunner(RunnerCheckpoint checkpoint)
    {
        foreach (var i in checkpoint.Chaos)
            _chaos[i] = _scenario.Steps[i] is ScenarioStep.Chaos c ? c.Fault
                : throw new InvalidOperationException($"step {i} of the checkpoint's faults in force is no chaos step");
        foreach (var c in checkpoint.Consensus) _consensusSent[c.Chain] = new Consensus([.. c.Offline], c.BlockNanos, c.ClockOffsetNanos);
        foreach (var e in checkpoint.ErrorAcks) _errorAcksOn.Add((e.Chain, e.Key));
        foreach (var f in checkpoint.Frozen) _frozen.Add((f.Chain, f.ClientId, f.Provider, f.Consumer));
        foreach (var s in checkpoint.Shocks)
        {
            if (s.Factor is { } factor) _shockPublished[(s.Provider, s.Consumer)] = factor;
            if (s.Second is { } second) _shocksInSecond[(s.Provider, s.Consumer)] = (second, s.Count);
        }
        foreach (var r in checkpoint.Races) _races[r.Step] = (r.Stake, r.Withdrawal, r.Compete);
        foreach (var r in checkpoint.Reopenings) _reopening[(r.Provider, r.Consumer)] = (r.Channel, r.Step);
        _reopens = checkpoint.Reopens;
        foreach (var r in checkpoint.Refusals) _stepRefusals[r.Step] = r.Why;
        foreach (var f in checkpoint.Fixtures) _fixtures[f.Name] = f.Address;
        foreach (var f in checkpoint.FixtureLockups) _fixtureLockups[f.Name] = f.Address;
        foreach (var f in checkpoint.FixtureMetaStakings) _fixtureMetaStakings[f.Name] = f.Address;
    }
}
