using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Relaying;
using MeshSecurity.Emulator.Events;
using MeshSecurity.Emulator.Network;
using MeshSecurity.Scenarios.Reporting;

namespace MeshSecurity.Scenarios.Running;

/// <summary>
/// The packets of the run, counted per chain and channel end as they happen (the report's packet table), and the
/// exactly-once check: a packet received twice on its chain, or settled (acknowledged or timed out) twice on its sender.
/// Keeps counters, a <see cref="SequenceSet"/> per channel end and the duplicates found, not the packets.
/// </summary>
internal sealed class PacketTally : IEventSink
{
    private sealed class Counts
    {
        public long Sent, Received, Acked, ErrorAcked, TimedOut;
    }

    /// <summary>A packet seen more than once: where, and how many times in all.</summary>
    internal sealed class Duplicate(string chain, IbcEndpoint end, ulong sequence)
    {
        public string Chain { get; } = chain;
        public IbcEndpoint End { get; } = end;
        public ulong Sequence { get; } = sequence;
        public int Times { get; set; } = 2;
    }

    /// <summary>
    /// The first sequence of the packets a scenario injects (inject-packet steps): far above any the channels reach, so
    /// they are told apart and left out of the counts and the exactly-once check, which are about the channels' own packets.
    /// </summary>
    public const ulong InjectedFrom = 1UL << 62;

    private readonly Dictionary<(string Chain, IbcEndpoint End), Counts> _counts = [];
    private readonly Dictionary<(string Chain, IbcEndpoint Destination), SequenceSet> _received = [];
    private readonly Dictionary<(string Chain, IbcEndpoint Source), SequenceSet> _settled = [];
    private readonly Dictionary<(string, IbcEndpoint, ulong), Duplicate> _receivedTwice = [], _settledTwice = [];

    /// <summary>Packets received more than once, in the order the second receipt came.</summary>
    public List<Duplicate> ReceivedTwice { get; } = [];

    /// <summary>Packets settled more than once, in the order the second settlement came.</summary>
    public List<Duplicate> SettledTwice { get; } = [];

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
                    See(_received, _receivedTwice, ReceivedTwice, e.ChainId, w.Packet.Destination, w.Packet.Sequence);
                    break;
                case EmulatorEvent.PacketAcknowledged k:
                    if (k.Success) Of(e.ChainId, k.Packet.Source).Acked++;
                    else Of(e.ChainId, k.Packet.Source).ErrorAcked++;
                    See(_settled, _settledTwice, SettledTwice, e.ChainId, k.Packet.Source, k.Packet.Sequence);
                    break;
                case EmulatorEvent.PacketTimedOut t:
                    Of(e.ChainId, t.Packet.Source).TimedOut++;
                    See(_settled, _settledTwice, SettledTwice, e.ChainId, t.Packet.Source, t.Packet.Sequence);
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

    private static void See(Dictionary<(string, IbcEndpoint), SequenceSet> sets, Dictionary<(string, IbcEndpoint, ulong), Duplicate> found,
        List<Duplicate> twice, string chain, IbcEndpoint end, ulong sequence)
    {
        if (!sets.TryGetValue((chain, end), out var set)) sets[(chain, end)] = set = new SequenceSet();
        if (set.Add(sequence)) return;
        if (found.TryGetValue((chain, end, sequence), out var d)) d.Times++;
        else twice.Add(found[(chain, end, sequence)] = new Duplicate(chain, end, sequence));
    }
}
