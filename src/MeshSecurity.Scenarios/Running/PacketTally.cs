using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Invariants;
using MeshSecurity.Core.Relaying;
using MeshSecurity.Emulator.Events;
using MeshSecurity.Emulator.Network;
using MeshSecurity.Scenarios.Reporting;

namespace MeshSecurity.Scenarios.Running;

/// <summary>
/// The packets of the run, counted per chain and channel end as they happen (the report's packet table). Keeps counters
/// and a <see cref="SequenceSet"/> per channel end, not the packets; the exactly-once check is the catalogue's
/// (<see cref="InvariantHistory"/>).
/// </summary>
internal sealed class PacketTally : IEventSink
{
    private sealed class Counts
    {
        public long Sent, Received, Acked, ErrorAcked, TimedOut;
    }

    /// <summary>
    /// The first sequence of the packets a scenario injects (inject-packet steps): far above any the channels reach, so
    /// they are told apart and left out of the counts and the exactly-once check, which are about the channels' own packets.
    /// </summary>
    public const ulong InjectedFrom = 1UL << 62;

    private readonly Dictionary<(string Chain, IbcEndpoint End), Counts> _counts = [];
    private readonly Dictionary<(string Chain, IbcEndpoint Destination), SequenceSet> _received = [];
    private readonly Dictionary<(string Chain, IbcEndpoint Source), SequenceSet> _settled = [];

    /// <summary>Sequences below the highest seen and not seen, over every channel end (in flight or timed out).</summary>
    public int Holes => _received.Values.Sum(s => s.Holes) + _settled.Values.Sum(s => s.Holes);

    public void Write(IReadOnlyList<EmulatorEvent> events)
    {
        foreach (var e in events)
        {
            switch (e)
            {
                case EmulatorEvent.AcknowledgementWritten { Packet.Sequence: >= InjectedFrom }:
                    break;
                case EmulatorEvent.PacketSent s:
                    Of(e.ChainId, s.Packet.Source).Sent++;
                    break;
                case EmulatorEvent.AcknowledgementWritten w:
                    Of(e.ChainId, w.Packet.Destination).Received++;
                    See(_received, e.ChainId, w.Packet.Destination, w.Packet.Sequence);
                    break;
                case EmulatorEvent.PacketAcknowledged k:
                    if (k.Success) Of(e.ChainId, k.Packet.Source).Acked++;
                    else Of(e.ChainId, k.Packet.Source).ErrorAcked++;
                    See(_settled, e.ChainId, k.Packet.Source, k.Packet.Sequence);
                    break;
                case EmulatorEvent.PacketTimedOut t:
                    Of(e.ChainId, t.Packet.Source).TimedOut++;
                    See(_settled, e.ChainId, t.Packet.Source, t.Packet.Sequence);
                    break;
            }
        }
    }

    /// <summary>Packets of one channel, both directions.</summary>
    public RunReport.PacketCounts Of(ChannelEnds ends)
    {
        var a = _counts.GetValueOrDefault((ends.ChainA, new IbcEndpoint(ends.PortA, ends.ChannelA))) ?? new Counts();
        var b = _counts.GetValueOrDefault((ends.ChainB, new IbcEndpoint(ends.PortB, ends.ChannelB))) ?? new Counts();
        return new RunReport.PacketCounts(a.Sent + b.Sent, a.Received + b.Received, a.Acked + b.Acked, a.ErrorAcked + b.ErrorAcked,
            a.TimedOut + b.TimedOut);
    }

    private Counts Of(string chain, IbcEndpoint end)
    {
        if (!_counts.TryGetValue((chain, end), out var c)) _counts[(chain, end)] = c = new Counts();
        return c;
    }

    private static void See(Dictionary<(string, IbcEndpoint), SequenceSet> sets, string chain, IbcEndpoint end, ulong sequence)
    {
        if (!sets.TryGetValue((chain, end), out var set)) sets[(chain, end)] = set = new SequenceSet();
        set.Add(sequence);
    }
}
