using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Akka.Actor;
using MeshSecurity.Core.Types;
using MeshSecurity.Emulator.Persistence;
using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Reporting;
using Microsoft.Extensions.Logging;

namespace MeshSecurity.Scenarios.Running;

/// <summary>
/// Network checkpoints and the resume from one (docs/decisions/0009-a-run-resumes-from-its-checkpoint.md): at the end of
/// a slice, while the clock stands, every chain's snapshot and the runner's state go under one id, and checkpoint.json,
/// written last, names it.
/// </summary>
public sealed partial class ScenarioRunner
{
    /// <summary>Wall time between two checkpoints by default: a resume redoes at most about this much of the run.</summary>
    public static readonly TimeSpan DefaultCheckpointEvery = TimeSpan.FromSeconds(30);

    /// <summary>The file in the output folder that names the run's latest complete checkpoint.</summary>
    public const string CheckpointFile = RunCheckpoint.FileName;

    private readonly Stopwatch _sinceCheckpoint = new();
    private TallyLog? _tallyLog;
    private RunCheckpoint? _resumeFrom;
    private long _checkpointId;
    private Duration _lastCheckpointAt;

    /// <summary>How many of the timeline's times have had their steps and readings.</summary>
    private int _timesDone;

    /// <summary>The emulated time a resumed run went on from (its checkpoint's), or null when it replayed from genesis.</summary>
    public Duration? ResumedAt => _resumeFrom is { } c ? new Duration(c.ReachedNanos) : null;

    /// <summary>Why a resumed run replayed from genesis instead of a checkpoint; null when it did not.</summary>
    public string? ReplayReason { get; private set; }

    /// <summary>Why this run takes no checkpoint (a part of it a checkpoint does not capture yet); null when it takes them.</summary>
    private string? NotCheckpointed()
    {
        if (_options.OutDir is null) return "it has no output folder";
        if (_options.CheckpointEvery == TimeSpan.MaxValue) return "its checkpoints are off";
        // a cluster's members journal, and a later attempt takes the checkpoint's parts from the output folder
        if (_options.Journal.InMemory && _options.Cluster is null) return "its journal is in memory";
        var step = _scenario.Steps.FirstOrDefault(s => !Checkpointed(s));
        return step is null ? null : $"its scenario has a {step.GetType().Name} step, which a checkpoint does not capture yet";
    }

    /// <summary>
    /// Steps whose trace in the runner is the transactions they submitted and the runner state <see cref="RunnerCheckpoint"/>
    /// saves (the rest of their effect is in the chains and relayers a checkpoint saves): every kind of step.
    /// </summary>
    private static bool Checkpointed(ScenarioStep step) => step is ScenarioStep.Chaos or ScenarioStep.CrashChain
        or ScenarioStep.InjectPacket or ScenarioStep.ReopenChannel or ScenarioStep.Send or ScenarioStep.Mint or ScenarioStep.Delegate
        or ScenarioStep.Undelegate or ScenarioStep.Unjail or ScenarioStep.Advance or ScenarioStep.DoubleSign or ScenarioStep.Bond
        or ScenarioStep.Unbond or ScenarioStep.CrossStake or ScenarioStep.Unstake or ScenarioStep.UnbondClaims
        or ScenarioStep.WithdrawRewards or ScenarioStep.ClaimRewards or ScenarioStep.LocalStake or ScenarioStep.Slash
        or ScenarioStep.SetCap or ScenarioStep.CloseChannel or ScenarioStep.Execute or ScenarioStep.Sudo or ScenarioStep.RelayerStop
        or ScenarioStep.RelayerStart;

    /// <summary>What the scenario's file said and the run's choices that shape its history and files.</summary>
    private string ScenarioHash()
    {
        var text = File.Exists(_scenario.File) ? File.ReadAllText(_scenario.File) : _scenario.Name;
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>
    /// The checkpoint a resumed run goes on from, or null (with <see cref="ReplayReason"/>) when it replays from genesis.
    /// </summary>
    private RunCheckpoint? UsableCheckpoint()
    {
        if (!_options.Resumed) return null;
        (var checkpoint, ReplayReason) = ReadCheckpoint("the run stopped before its first checkpoint");
        return checkpoint;
    }

    /// <summary>
    /// The output folder's latest checkpoint when this run can go on from it, or why not (<paramref name="none"/>: there is
    /// none).
    /// </summary>
    private (RunCheckpoint? Checkpoint, string? Why) ReadCheckpoint(string none)
    {
        var file = Path.Combine(_options.OutDir ?? "", RunCheckpoint.FileName);
        string? why = NotCheckpointed();
        RunCheckpoint? checkpoint = null;
        if (why is null && !File.Exists(file)) why = none;
        else if (why is null)
        {
            try
            {
                checkpoint = RunCheckpoint.FromJson(File.ReadAllText(file));
                why = !RunCheckpoint.Reads(checkpoint.Version) ? $"its checkpoint is of version {checkpoint.Version}"
                    : checkpoint.Runner?.Manifest != RunnerCheckpoint.CurrentManifest
                        ? $"its checkpoint's runner state is of format {checkpoint.Runner?.Manifest ?? "none"}"
                    : checkpoint.Runner.Chaos.Any(i => i < 0 || i >= _scenario.Steps.Length || _scenario.Steps[i] is not ScenarioStep.Chaos)
                        ? "its checkpoint's faults in force are not chaos steps of the scenario"
                    : checkpoint.Scenario != ScenarioHash() ? "the scenario file changed since its checkpoint"
                    : checkpoint.Seed != Seed ? "its checkpoint is of another seed"
                    : checkpoint.Events != _options.Events.ToString() ? "its checkpoint wrote events.jsonl with another --events"
                    : MissingPart(checkpoint);
            }
            catch (Exception ex) when (ex is IOException or System.Text.Json.JsonException or UnauthorizedAccessException)
            {
                why = $"{file} cannot be read ({ex.Message.ReplaceLineEndings(" ")})";
            }
        }
        return (why is null ? checkpoint : null, why);
    }

    /// <summary>Why a part of <paramref name="checkpoint"/> is missing (a chain, a file); null when it is whole.</summary>
    private string? MissingPart(RunCheckpoint checkpoint)
    {
        var dir = CheckpointDir(checkpoint.Id);
        if (_scenario.Chains.FirstOrDefault(c => checkpoint.Chains.All(p => p.Chain != c.Id)) is { } absent)
            return $"its checkpoint has no part of chain {absent.Id}";
        if (checkpoint.Chains.FirstOrDefault(p => !CheckpointSnapshots.Exist(dir, p.Chain)) is { } lost)
            return $"the snapshot of chain {lost.Chain} of its checkpoint is missing";
        if (checkpoint.Channels.FirstOrDefault(c => !CheckpointSnapshots.ChannelExists(dir, c.Channel)) is { } gone)
            return $"the part of channel {gone.Channel} of its checkpoint is missing";
        if (checkpoint.Channels.FirstOrDefault(c => !ChannelSnapshot.Reads(c.Manifest)) is { } other)
            return $"the part of channel {other.Channel} of its checkpoint is of format {other.Manifest}";
        var tally = new FileInfo(Path.Combine(_options.OutDir!, TallyLog.FileName));
        var events = new FileInfo(Path.Combine(_options.OutDir!, "events.jsonl"));
        return !tally.Exists || tally.Length < checkpoint.TallyBytes ? $"{TallyLog.FileName} is shorter than its checkpoint"
            : !events.Exists || events.Length < checkpoint.EventsBytes ? "events.jsonl is shorter than its checkpoint"
            : null;
    }

    /// <summary>
    /// At the end of a slice: a checkpoint when the last one is <see cref="RunOptions.CheckpointEvery"/> of wall time
    /// old, or the run is <paramref name="stopping"/> early (interrupted), so that its resume starts where it stopped.
    /// A chain that cannot be cut yet (a resumed run still re-producing its journal) puts it off to the next slice.
    /// </summary>
    private async Task MaybeCheckpoint(bool stopping = false)
    {
        if (_tallyLog is null || _eventsFile is null || _abandoned) return;
        if (!stopping && _sinceCheckpoint.Elapsed < _options.CheckpointEvery) return;
        if (stopping && _checkpointId > 0 && _lastCheckpointAt == _reached) return;
        if (LiveChaosSince() is { } live)
        {
            _log.LogDebug("no checkpoint at {Reached}: {Fault} was injected live, which a checkpoint does not capture", _reached, live);
            return;
        }
        IReadOnlyList<Emulator.Chains.ChainCheckpoint.Captured> chains;
        IReadOnlyList<ChannelSnapshot> channels;
        ulong now;
        try
        {
            chains = await _net.CaptureChainsAsync();
            channels = await _net.CaptureChannelsAsync();
            if (_options.Cluster is not null) MustBeWhole(channels);
            now = (await _net.NowAsync()).Nanos;
        }
        catch (Exception ex) when (ex is InvalidOperationException or Akka.Actor.AskTimeoutException)
        {
            _log.LogDebug("no checkpoint at {Reached}: {Reason}", _reached, ex.Message);
            return;
        }
        // one attempt of a cluster run writes checkpoints at a time: a lost one's walk may still be here
        await _checkpointGate.WaitAsync();
        try
        {
            if (!_abandoned && !_net.Failure.IsCompleted) await WriteCheckpoint(chains, channels, now);
        }
        finally
        {
            _checkpointGate.Release();
        }
    }

    private async Task WriteCheckpoint(IReadOnlyList<Emulator.Chains.ChainCheckpoint.Captured> chains,
        IReadOnlyList<ChannelSnapshot> channels, ulong now)
    {
        var id = ++_checkpointId;
        var dir = CheckpointDir(id);
        var root = Path.GetDirectoryName(dir)!;
        Directory.CreateDirectory(dir);
        var files = new CheckpointSnapshots(_net.System, dir);
        foreach (var c in chains) await files.WriteAsync(c.Chain, c.Snapshot);
        foreach (var c in channels) await files.WriteChannelAsync(c);
        var checkpoint = new RunCheckpoint(RunCheckpoint.CurrentVersion, id, ScenarioHash(), Seed, _options.Events.ToString(),
            _options.Contracts.ToString(), _t0.Nanos, now, _reached.Nanos, _timesDone, _stepsDone,
            _eventsFile!.Bytes, _eventsFile.Lines, _tallyLog!.Bytes,
            [.. chains.Select(c => new RunCheckpoint.ChainPart(c.Chain, c.SequenceNr, c.Snapshot.Height))],
            [.. _expectations], new Dictionary<string, string?>(_readings),
            [.. _stepTxs.OrderBy(kv => kv.Key)
                .Select(kv => new RunCheckpoint.StepTxs(kv.Key, [.. kv.Value.Select(t => new RunCheckpoint.StepTx(t.Chain, t.TxId))]))],
            [.. _failedChecks.Values], _notes.ToDictionary(kv => kv.Key, kv => kv.Value.ToList()), _lastCheck)
        {
            Links = [.. _links.Values.OrderBy(l => (l.ProviderChain, l.ConsumerChain), PairOrder)],
            Channels = [.. channels.Select(c => new RunCheckpoint.ChannelPart(c.ChannelId, ChannelSnapshot.Manifest))],
            LookaheadNanos = _net.LookaheadNanos,
            StoppedByStep = [.. _stoppedByStep.Order(PairOrder).Select(l => new RunCheckpoint.LinkPair(l.Item1, l.Item2))],
            PowersAtReady = _tally.Series.PowerAtReady.ToDictionary(kv => kv.Key,
                kv => (IReadOnlyList<RunCheckpoint.Power>)[.. kv.Value.Select(p => new RunCheckpoint.Power(p.Validator, p.Power))]),
            Runner = CaptureRunner(),
        };
        var file = Path.Combine(_options.OutDir!, RunCheckpoint.FileName);
        await File.WriteAllTextAsync(file + ".tmp", checkpoint.ToJson());
        File.Move(file + ".tmp", file, overwrite: true);
        foreach (var old in Directory.EnumerateDirectories(root).Where(d => Path.GetFileName(d) != Path.GetFileName(dir)))
            Directory.Delete(old, recursive: true);
        _log.LogInformation("checkpoint {Id} at {Reached}", id, _reached);
        _lastCheckpointAt = _reached;
        _sinceCheckpoint.Restart();
    }

    /// <summary>The folder of checkpoint <paramref name="id"/>'s chain snapshots.</summary>
    private string CheckpointDir(long id) =>
        Path.Combine(_options.OutDir!, RunCheckpoint.Folder, id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A run that starts its history from genesis leaves no checkpoint of an earlier one behind.</summary>
    private static void ForgetCheckpoints(string dir)
    {
        File.Delete(Path.Combine(dir, RunCheckpoint.FileName));
        if (Directory.Exists(Path.Combine(dir, RunCheckpoint.Folder))) Directory.Delete(Path.Combine(dir, RunCheckpoint.Folder), true);
        File.Delete(Path.Combine(dir, TallyLog.FileName));
    }

    /// <summary>The parts of the checkpoint a resumed run goes on from, read before its network starts.</summary>
    private (IReadOnlyList<(long SequenceNr, ChainSnapshot Snapshot)> Chains, IReadOnlyList<ChannelSnapshot> Channels) _parts;

    /// <summary>
    /// Reads every part of <paramref name="checkpoint"/> (each chain's snapshot, its state too, and each channel's) before
    /// the network starts, so a part that passed <see cref="MissingPart"/> but cannot be read turns the resume into a
    /// replay from genesis naming the part, instead of failing the run halfway through its restore. False then.
    /// </summary>
    private async Task<bool> ReadParts(ActorSystem system, RunCheckpoint checkpoint)
    {
        var files = new CheckpointSnapshots(system, CheckpointDir(checkpoint.Id));
        var parts = checkpoint.Chains.ToDictionary(c => c.Chain, StringComparer.Ordinal);
        var chains = _scenario.Chains.Select(chain => Task.Run(async () =>
        {
            // its state is read here too: in its actor a failure could only stop the chain (the chain takes this copy)
            var snapshot = await Part($"the snapshot of chain {chain.Id}", async () => (await files.ReadAsync(chain.Id)).Validate());
            if (snapshot.Height != parts[chain.Id].Height)
                throw new DamagedPartException($"the snapshot of chain {chain.Id} of its checkpoint is at height {snapshot.Height}, " +
                    $"not {parts[chain.Id].Height}");
            return (parts[chain.Id].SequenceNr, snapshot);
        })).ToList();
        var channels = checkpoint.Channels
            .Select(c => Part($"the part of channel {c.Channel}", () => files.ReadChannelAsync(c.Channel, c.Manifest))).ToList();
        try
        {
            _parts = (await Task.WhenAll(chains), await Task.WhenAll(channels));
            return true;
        }
        catch (DamagedPartException ex)
        {
            ReplayReason = ex.Message;
            _log.LogWarning("the checkpoint cannot be used, the run replays from genesis: {Reason}", ex.Message);
            return false;
        }
    }

    /// <summary>Reads the part <paramref name="what"/> names; whatever it throws names the part.</summary>
    private static async Task<T> Part<T>(string what, Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new DamagedPartException($"{what} of its checkpoint cannot be read ({ex.Message.ReplaceLineEndings(" ")})");
        }
    }

    private sealed class DamagedPartException(string message) : Exception(message);

    /// <summary>
    /// A resumed run's network from its checkpoint: every chain from its snapshot, the runner's state as it was at the cut,
    /// its tally fed the events it had been fed. Instead of <see cref="Setup"/>.
    /// </summary>
    private async Task Restore(RunCheckpoint checkpoint)
    {
        var (snapshots, channels) = _parts;
        await _net.RestoreChainsAsync(snapshots, fresh: _options.Cluster is not null);
        await _net.RestoreChannelsAsync(channels, checkpoint.LookaheadNanos);
        foreach (var link in checkpoint.Links) _links[(link.ProviderChain, link.ConsumerChain)] = link;
        // the switches the runner last gave each channel are the ones the channel keeps (ScenarioRunner.Chaos.cs, Reconcile)
        foreach (var c in channels) _switches[c.ChannelId] = new Switches(c.Paused, c.Duplicate, c.Faults);
        foreach (var l in checkpoint.StoppedByStep) _stoppedByStep.Add((l.Provider, l.Consumer));
        _checkpointId = checkpoint.Id;
        _lastCheckpointAt = new Duration(checkpoint.ReachedNanos);
        _t0 = new Timestamp(checkpoint.ReadyNanos);
        _reached = new Duration(checkpoint.ReachedNanos);
        (_timesDone, _stepsDone, _lastCheck) = (checkpoint.TimesDone, checkpoint.StepsDone, checkpoint.LastCheck);
        _expectations.AddRange(checkpoint.Expectations);
        foreach (var (k, v) in checkpoint.Readings) _readings[k] = v;
        foreach (var s in checkpoint.Steps) _stepTxs[s.Step] = [.. s.Txs.Select(t => (t.Chain, t.TxId))];
        foreach (var f in checkpoint.FailedChecks) _failedChecks[f.Name] = f;
        foreach (var (k, v) in checkpoint.Notes) _notes[k] = [.. v];
        RestoreRunner(checkpoint.Runner);
        _eventLines = new EventLines(_t0, Names());
        _eventsFile?.Ready(_eventLines);
        _tally.Series.Ready(_t0, checkpoint.PowersAtReady.ToDictionary(kv => kv.Key,
            kv => kv.Value.Select(p => (p.Validator, p.Voting)).ToList()), Faults());
        _tally.Write(_tallyLog!.Read(checkpoint.TallyBytes));
        await _net.RestartPacingAsync();
        _runWall.Restart();
        _log.LogInformation("resumed from checkpoint {Id} at {Reached}", checkpoint.Id, _reached);
    }
}
