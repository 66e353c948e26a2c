using Akka.Actor;
using MeshSecurity.Emulator.Chains;
using MeshSecurity.Emulator.Time;

namespace MeshSecurity.Emulator.Cluster;

/// <summary>
/// Stands between senders on one member and a shard region when a run's <see cref="RunSpec.Hop"/> says so (a test
/// setting): it delivers every message once, and as some reach it it first stops a channel entity of this member without
/// a hand-off (a PoisonPill: what it wrote is all its next incarnation has), in the phase of a window its
/// <see cref="HopFault"/> names. Sharding starts the channel again at its next message; the messages lost with the
/// stopped one are re-sent by their senders (docs/decisions/0013, 0017).
/// </summary>
public sealed class ChannelKillingHop : ReceiveActor
{
    /// <summary>One trigger in so many kills: the re-sent copies of a message that killed are let through.</summary>
    public const int Every = 5;

    private readonly Dictionary<string, int> _seen = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _submitters = new(StringComparer.Ordinal);
    private readonly string _channels;
    private long _sealing = -1;
    private int _seals;

    public ChannelKillingHop(IActorRef region, HopFault fault, string channelsTypeName)
    {
        _channels = channelsTypeName;
        ReceiveAny(m =>
        {
            switch (fault, m)
            {
                case (HopFault.KillChannelAtDigest, DigestObserved d):
                    KillEvery(d.ChannelId);
                    break;
                case (HopFault.KillChannelAtRelay, RelayWindow r):
                    KillEvery(r.ChannelId);
                    break;
                case (HopFault.KillChannelAtSubmission, ChainCommand.SubmitTxs s):
                    KillEvery(s.Submitter);
                    break;
                case (HopFault.KillChannelAtSeal, ChainCommand.SubmitTxs s):
                    _submitters.Add(s.Submitter);
                    break;
                case (HopFault.KillChannelAtSeal, SealWindow w) when w.Window != _sealing:
                    _sealing = w.Window;
                    if (++_seals % Every == 0)
                        foreach (var channel in _submitters) Kill(channel);
                    _submitters.Clear();
                    break;
            }
            region.Forward(m);
        });
    }

    public static Props Props(IActorRef region, HopFault fault, string channelsTypeName) =>
        Akka.Actor.Props.Create(() => new ChannelKillingHop(region, fault, channelsTypeName));

    private void KillEvery(string channel)
    {
        var seen = _seen[channel] = _seen.GetValueOrDefault(channel) + 1;
        if (seen % Every == 0) Kill(channel);
    }

    /// <summary>The entity under any shard of this member's region (a channel on another member is not reached).</summary>
    private void Kill(string channel) =>
        Context.ActorSelection($"/system/sharding/{Uri.EscapeDataString(_channels)}/*/{Uri.EscapeDataString(channel)}")
            .Tell(PoisonPill.Instance);
}
