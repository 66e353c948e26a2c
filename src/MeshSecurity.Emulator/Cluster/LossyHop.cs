using Akka.Actor;
using MeshSecurity.Emulator.Chains;
using MeshSecurity.Emulator.Channels;
using MeshSecurity.Emulator.Time;

namespace MeshSecurity.Emulator.Cluster;

/// <summary>
/// Stands between senders on one member (or the driver) and a shard region when a run's <see cref="RunSpec.Hop"/> says so: it loses or
/// doubles messages as an at-most-once hop may, keeping the sender, so a test sees that nothing is lost or applied twice.
/// A copy is "the same message" by value (a record), or by reference for one re-sent as it was (a relayer's batch).
/// </summary>
public sealed class LossyHop : ReceiveActor
{
    private readonly HashSet<object> _seen = [];

    public LossyHop(IActorRef region, HopFault fault)
    {
        ReceiveAny(m =>
        {
            if (fault == HopFault.DropFirst && Droppable(m) && _seen.Add(m)) return;
            region.Forward(m);
            if (fault == HopFault.Twice) region.Forward(m);
        });
    }

    public static Props Props(IActorRef region, HopFault fault) => Akka.Actor.Props.Create(() => new LossyHop(region, fault));

    /// <summary>
    /// The messages of a window, a relayer's requests to its chains (submissions, registrations, the ends it clears from),
    /// and the driver's requests, which their senders retry (docs/decisions/0013).
    /// </summary>
    private static bool Droppable(object m) => m is WindowTick or RelayWindow or SealWindow or DigestObserved
        or ChainCommand.SubmitTxs or ChainCommand.Observe or ChainCommand.GetEnd || FromDriver(m);

    /// <summary>
    /// The driver's requests (MeshNetwork re-sends them until answered); of these, members send only a chaos fault's chain
    /// crash and record, which they re-send alike.
    /// </summary>
    private static bool FromDriver(object m) => m is ChainCommand.Init or ChainCommand.SubmitTx or ChainCommand.QueryContract
        or ChainCommand.GetState or ChainCommand.DoubleSign or ChainCommand.SetConsensus or ChainCommand.Crash
        or ClockCommand.RecordChaos or ChainCheckpoint.Capture
        or ChainCheckpoint.Restore or ChannelCommand.Open or ChannelCommand.Pause or ChannelCommand.Resume
        or ChannelCommand.GetInfo or ChannelCommand.SetFaults or ChannelCommand.Crash or ChannelCheckpoint.Capture
        or ChannelCheckpoint.Restore or ClockCommand.Register or ClockCommand.SetLookahead or ClockCommand.RunUntil
        or ClockCommand.RestartPacing or ClockCommand.Hold or ClockCommand.Release or ClockCommand.GetStatus;
}
