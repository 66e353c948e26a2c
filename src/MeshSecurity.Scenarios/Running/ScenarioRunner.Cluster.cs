using Akka.Actor;
using MeshSecurity.Core.Mesh;
using MeshSecurity.Core.Types;
using MeshSecurity.Emulator.Persistence;
using MeshSecurity.Emulator.Cluster;
using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Scenarios.Reporting;
using Microsoft.Extensions.Logging;
using Duration = MeshSecurity.Scenarios.Model.Duration;

namespace MeshSecurity.Scenarios.Running;

/// <summary>
/// A run on a cluster (meshsec run --cluster): this process joins as the driver and runs the scenario on the members.
/// When a member hosting the run leaves or is removed (killed, then downed by the split-brain resolver), the run starts
/// again on the members left, as a new attempt with new regions, clock and journal records: from the lost attempt's
/// latest checkpoint when it has a usable one (its chains and channels take their parts from the output folder), else
/// from genesis (docs/decisions/0012-a-lost-member-resumes-from-the-checkpoint.md). The history does not depend on where
/// entities ran, so the report and the events are those of an undisturbed run.
/// </summary>
public sealed partial class ScenarioRunner
{
    /// <summary>How many times the last run started (more than 1: a cluster run started again after losing a member).</summary>
    public int Attempts { get; private set; } = 1;

    /// <summary>
    /// Where each later attempt of a cluster run went on from: the lost attempt's checkpoint's emulated time, or null for
    /// genesis (with the reason in <see cref="RestartReasons"/>).
    /// </summary>
    public IReadOnlyList<Duration?> RestartedFrom => _restartedFrom;

    /// <summary>Why each later attempt started from genesis (null where it went on from a checkpoint).</summary>
    public IReadOnlyList<string?> RestartReasons => _restartReasons;

    private readonly List<Duration?> _restartedFrom = [];
    private readonly List<string?> _restartReasons = [];

    /// <summary>Held while a checkpoint is written or read: an abandoned attempt's walk never writes one a later attempt reads.</summary>
    private SemaphoreSlim _checkpointGate = new(1, 1);

    private async Task<RunReport?> RunOnClusterAsync(ClusterTarget target, CancellationToken ct)
    {
        var system = ClusterHost.Start(new NodeSettings
        {
            Hostname = target.Hostname, Port = 0, Seeds = target.Seeds, Roles = [NodeSettings.DriverRole], ControlPort = null,
        }, _loggers);
        // downed, the driver's actor system shuts down under the run: its network fails now rather than at a timeout
        var self = Akka.Cluster.Cluster.Get(system).SelfAddress.ToString();
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "meshsec-driver-downed", () =>
        {
            if (Downed(system)) _last._net?.Fail(new ClusterDriverDownedException(self));
            return Task.FromResult(Akka.Done.Instance);
        });
        // once its loggers stop, Akka prints what is still logged to stdout: the remoting's "shut down" lines, not the user's business
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "meshsec-driver-quiet", () =>
        {
            system.EventStream.SetLogLevel(Akka.Event.LogLevel.WarningLevel);
            return Task.FromResult(Akka.Done.Instance);
        });
        try
        {
            var settings = Settings();
            var spec = RunSpec.For(settings, target.Placement);
            var runner = this;
            while (true)
            {
                var (attempt, current) = (spec, runner);
                // the first attempt waits for the members asked for; a later one goes on with those left
                var members = attempt.Attempt == 1 ? target.MinMembers : 1;
                // members pass the faults this attempt's runner keeps (a channel it follows, a price it publishes) on to it
                var inbox = current.StartLiveChaos(system, attempt.Instance);
                try
                {
                    return await current.AttemptAsync(async () =>
                    {
                        var net = await ClusterDriver.StartAsync(system, current.Settings(), MeshContracts.Codes(), attempt, members,
                            target.JoinTimeout, ct);
                        try
                        {
                            // before any window, once the members said how they journal
                            current.RefuseHandOffs(net.MembersJournalInMemory);
                        }
                        catch (Parsing.ScenarioException)
                        {
                            await net.DisposeAsync();
                            throw;
                        }
                        return net;
                    }, ct);
                }
                catch (ClusterMemberLostException lost) when (attempt.Attempt <= target.Restarts && !ct.IsCancellationRequested &&
                    !Downed(system))
                {
                    runner = new ScenarioRunner(_scenario, _options, _loggers, _progress) { _checkpointGate = _checkpointGate };
                    var (checkpoint, why) = await runner.RestartPoint();
                    // every part read now: one that cannot be read makes this attempt start from genesis, naming it
                    if (checkpoint is { } read && !await runner.ReadParts(system, read)) (checkpoint, why) = (null, runner.ReplayReason);
                    runner._resumeFrom = checkpoint;
                    var from = checkpoint is { } c ? $"from its checkpoint at {new Duration(c.ReachedNanos)}" : $"from genesis ({why})";
                    _log.LogWarning("{Reason}: the run starts again on the members left (attempt {Attempt} of at most {Attempts}), {From}",
                        lost.Message, attempt.Attempt + 1, target.Restarts + 1, from);
                    spec = attempt.Next(checkpoint is { } at ? new Timestamp(at.ClockNanos) : null);
                    _last = runner;
                    Attempts = spec.Attempt;
                    _restartedFrom.Add(checkpoint is { } r ? new Duration(r.ReachedNanos) : null);
                    _restartReasons.Add(why);
                    runner.Report("setup", Duration.Zero, $"{lost.Message}; starting again on the members left, {from}");
                    if (current.NotReplayed() is { } dropped)
                    {
                        _log.LogWarning("Faults injected with meshsec chaos into the lost attempt are not replayed by attempt " +
                            "{Attempt}, so its history is the undisturbed one: {Faults}; inject them again if the run should have them",
                            spec.Attempt, dropped);
                        runner.Report("setup", Duration.Zero, $"not replayed (meshsec chaos, inject again): {dropped}");
                    }
                }
                catch (ClusterMemberLostException lost) when (!ct.IsCancellationRequested)
                {
                    throw new ClusterMemberLostException(lost.Address, lost.What, target.Restarts == 0
                        ? "the run does not start again (--restarts 0)"
                        : $"the run had started again {target.Restarts} time(s) already (--restarts)");
                }
                finally
                {
                    system.Stop(inbox);
                }
            }
        }
        catch (Exception ex) when (ex is not ClusterDriverDownedException && Downed(system))
        {
            // whatever failed first (an ask, an actor not created on the stopping system), the cause is the down
            throw new ClusterDriverDownedException(self, ex);
        }
        finally
        {
            // a driver leaves its cluster rather than vanish (the members would wait for it to be downed)
            await CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClusterLeavingReason.Instance);
            await system.Terminate();
        }
    }

    /// <summary>Whether the cluster downed this driver (its actor system then shuts down, and the run with it).</summary>
    private static bool Downed(ActorSystem system) =>
        CoordinatedShutdown.Get(system).ShutdownReason is CoordinatedShutdown.ClusterDowningReason
        || Akka.Cluster.Cluster.Get(system).SelfMember.Status == Akka.Cluster.MemberStatus.Down;

    /// <summary>
    /// The lost attempt's latest checkpoint when the next attempt can go on from it, or why it starts from genesis. Read
    /// under the gate: the lost attempt's walk is abandoned by then, so it writes no checkpoint after this one.
    /// </summary>
    private async Task<(RunCheckpoint? Checkpoint, string? Why)> RestartPoint()
    {
        await _checkpointGate.WaitAsync();
        try
        {
            return ReadCheckpoint("the lost attempt took no checkpoint");
        }
        finally
        {
            _checkpointGate.Release();
        }
    }

    /// <summary>
    /// The first live fault of this attempt, if any: from then on it takes no checkpoint (a later attempt does not replay
    /// live faults, so it goes on from a cut before them, or from genesis).
    /// </summary>
    private string? LiveChaosSince() => _tally.LiveChaos.Count > 0 ? $"{_tally.LiveChaos[0].Fault} ({_tally.LiveChaos[0].Member})" : null;

    /// <summary>
    /// The live faults this attempt took (`meshsec chaos`, heals left out), which a later attempt does not replay, or
    /// null when it took none. A copy: the abandoned attempt's recorder may still be writing its tally.
    /// </summary>
    private string? NotReplayed()
    {
        var faults = _tally.LiveChaos.ToArray().Where(c => c.Fault != "heal")
            .Select(c => c.Targets.IsDefaultOrEmpty ? c.Fault : $"{c.Fault} {string.Join(",", c.Targets)}").ToList();
        return faults.Count == 0 ? null : string.Join("; ", faults);
    }

    /// <summary>
    /// A cluster's channel that restarted on another member (its member left before the driver knew) has lost its relayer:
    /// such a cut is not taken.
    /// </summary>
    private static void MustBeWhole(IReadOnlyList<ChannelSnapshot> channels)
    {
        if (channels.FirstOrDefault(c => c.Spec is null) is { } lost)
            throw new InvalidOperationException($"channel {lost.ChannelId} has lost its state");
    }
}
