using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using MeshSecurity.Emulator.Hosting;

namespace MeshSecurity.Emulator.Cluster;

/// <summary>
/// This member leaves the cluster gracefully (SIGTERM, `meshsec node` stopping, CoordinatedShutdown.Run): before its shard
/// regions hand off, each run it hosts whose leave can be carried on in place has its driver hold the run's clock between
/// windows (<see cref="MemberLeaving"/>), so the chains journal and the channels snapshot a cut between windows and start
/// on the other members from it (docs/decisions/0016-a-member-that-leaves-is-carried-on-in-place.md). A run that cannot be
/// carried on is not announced: its driver counts the leave as a loss and starts the run again from its checkpoint.
/// </summary>
public sealed partial class MeshNode
{
    private static readonly TimeSpan LeaveTimeout = TimeSpan.FromSeconds(8);

    /// <summary>The message the coordinated-shutdown task sends this actor; answered once every run is held or left alone.</summary>
    private sealed record Leave : INoSerializationVerificationNeeded
    {
        public static readonly Leave Instance = new();
    }

    private void LeaveCommands()
    {
        var self = Self;
        CoordinatedShutdown.Get(Context.System).AddTask(CoordinatedShutdown.PhaseBeforeClusterShutdown, "meshsec-hold-runs",
            async () =>
            {
                try
                {
                    await self.Ask<Akka.Done>(Leave.Instance, LeaveTimeout + TimeSpan.FromSeconds(1));
                }
                catch (Exception)
                {
                    // the mesh node stopped first, or a driver did not answer: those runs' drivers count the leave as a loss
                }
                return Akka.Done.Instance;
            });
        Receive<Leave>(_ =>
        {
            var system = Context.System;
            // downed, whatever started the shutdown: ActorSystem.Terminate or SIGTERM arriving as the member is downed give
            // another reason than the cluster's downing, and an announced leave would only wait for a driver that removed it
            if (CoordinatedShutdown.Get(system).ShutdownReason is CoordinatedShutdown.ClusterDowningReason
                || Akka.Cluster.Cluster.Get(system).SelfMember.Status is MemberStatus.Down or MemberStatus.Removed)
            {
                // downed, this member reaches no driver any more (they removed it), and each driver has counted it a loss
                _log.Warning("downed: no run is announced as leaving ({0} hosted): their drivers have counted this member lost",
                    _runs.Count);
                Sender.Tell(Akka.Done.Instance);
                return;
            }
            var memory = MemoryJournal;
            var runs = _runs.Values.ToList();
            var log = _log;
            Task.WhenAll(runs.Select(run => AnnounceAsync(system, run, memory, _self, log)))
                .ContinueWith(_ => Akka.Done.Instance).PipeTo(Sender);
        });
    }

    private static async Task AnnounceAsync(ActorSystem system, Hosted run, bool memory, Address self, ILoggingAdapter log)
    {
        // the member hosting the clock singleton (the oldest) leaves as the others do: the clock is handed over with its
        // state (ClockHost), the shard coordinators with theirs (the shared journal: state-store-mode persistence)
        var why = memory ? "its journal is in memory: the chains would start elsewhere without their history"
            : await JournalApart(system, run.Spec, self);
        if (why is not null)
        {
            log.Warning("leaving: run {0} is not carried on in place ({1}); its driver starts it again from its checkpoint",
                run.Spec.RunId, why);
            return;
        }
        var watch = system.ActorSelection(new RootActorPath(run.Driver) / "user" / $"{run.Spec.ClockName}-members");
        try
        {
            await watch.Ask<LeaveHeld>(new MemberLeaving(run.Spec.Instance, self.ToString()), LeaveTimeout);
            log.Info("leaving: run {0}'s clock is held; its entities are handed off to the other members", run.Spec.RunId);
        }
        catch (Exception ex)
        {
            log.Warning("leaving: run {0}'s driver did not hold its clock ({1}); it starts the run again from its checkpoint",
                run.Spec.RunId, ex.Message);
        }
    }

    /// <summary>Why a chain of the run could not move from here to another member, or null when every one shares this journal.</summary>
    private static async Task<string?> JournalApart(ActorSystem system, RunSpec spec, Address self)
    {
        var others = Akka.Cluster.Cluster.Get(system).State.Members
            .Where(m => m.HasRole(NodeSettings.MeshRole) && m.Status == MemberStatus.Up && m.Address != self).Select(m => m.Address)
            .ToList();
        if (others.Count == 0) return "no other member hosts the run";
        try
        {
            foreach (var other in others)
                if (await ShardMove.DifferentJournals(system, spec, self, other) is { } apart) return apart;
            return null;
        }
        catch (Exception ex)
        {
            return $"the other members did not say which journal they write to ({ex.Message})";
        }
    }
}
