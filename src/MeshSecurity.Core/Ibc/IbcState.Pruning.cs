using System.Collections.Immutable;
using System.Text.Json.Serialization;
using MeshSecurity.Core.State;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Ibc;

/// <summary>
/// What keeps the IBC store from growing with the run's length. Receipts: per channel end a mark below which every
/// sequence counts as received, and the sparse receipts above it. Acknowledgements: dropped once the counterparty's
/// commitment is gone. Both follow the counterparty's settled mark, which its header carries
/// (<see cref="ClientHeader.Settled"/>) and a client update applies; consensus states leave with the trusting period.
/// </summary>
public sealed partial record IbcState
{
    /// <summary>
    /// Per channel end, the sequence below which every packet counts as received (absent: 1, nothing). It moves up over
    /// the receipts as they become contiguous, and to the counterparty's settled mark, which may pass a packet that was
    /// timed out instead: no receive of such a packet can succeed any more (its timeout has passed on this chain, whose
    /// height and time only grow, or this end is closed, and both are checked before the receipt), so counting it as
    /// received changes no outcome.
    /// A store on the chain's undo log, as the receipts are: a receive on an unordered end moves its mark, and a tree
    /// path, an IbcState and a ChainState per packet were most of what a receive allocated (docs/bench.md, session 22).
    /// </summary>
    [JsonIgnore]
    public UndoMap<(string Port, string Channel), ulong> ReceiptMarks { get; init; } = new(ChannelOrder);

    /// <summary><see cref="ReceiptMarks"/> as stored (the JSON of the tree it replaced): left out while empty.</summary>
    [JsonPropertyName("receipt_marks")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public UndoMap<(string Port, string Channel), ulong>? StoredReceiptMarks
    {
        get => ReceiptMarks.IsEmpty ? null : ReceiptMarks;
        init => ReceiptMarks = value is null ? ReceiptMarks : new(ChannelOrder, value);
    }

    /// <summary>
    /// Per channel end, the counterparty's settled mark this chain last applied: the counterparty has no commitment left
    /// below it, so the acknowledgements below it are dropped. ibc-go keeps acknowledgements for ever because a relayer
    /// proves them to the sender; here the only reader is a relayer clearing, which asks only for the acknowledgements of
    /// packets still committed on the sender (Relayer.Clearing.cs), and a sender never commits a sequence again.
    /// A store on the chain's undo log: a client update moves the marks of its ends in place.
    /// </summary>
    [JsonIgnore]
    public UndoMap<(string Port, string Channel), ulong> SettledMarks { get; init; } = new(ChannelOrder);

    /// <summary><see cref="SettledMarks"/> as stored (the JSON of the tree it replaced): left out while empty.</summary>
    [JsonPropertyName("settled_marks")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public UndoMap<(string Port, string Channel), ulong>? StoredSettledMarks
    {
        get => SettledMarks.IsEmpty ? null : SettledMarks;
        init => SettledMarks = value is null ? SettledMarks : new(ChannelOrder, value);
    }

    /// <summary>The sequence below which every packet at the end counts as received (see <see cref="ReceiptMarks"/>).</summary>
    public ulong ReceiptMark(string port, string channel) => ReceiptMarks.GetValueOrDefault((port, channel), 1UL);

    /// <summary>
    /// True when a receive of the sequence at the end is redundant: it was received, or (below the mark) it was settled
    /// by the counterparty, which makes a receive of it fail before the receipt is read.
    /// </summary>
    public bool HasReceipt(string port, string channel, ulong sequence) =>
        sequence < ReceiptMark(port, channel) || Receipts.ContainsKey(new PacketKey(port, channel, sequence));

    /// <summary>
    /// Records the receipt of a packet not received before, at <paramref name="height"/>: the mark moves on when the
    /// receipt is contiguous with it (unless <paramref name="keepHistory"/>).
    /// </summary>
    public IbcState WithReceipt(PacketKey key, ulong height, bool keepHistory = false)
    {
        var mark = ReceiptMark(key.PortId, key.ChannelId);
        if (key.Sequence == mark && !keepHistory) return Absorbed((key.PortId, key.ChannelId), mark + 1);
        Receipts.Set(key, height);
        return this;
    }

    /// <summary>
    /// Per channel end that has sent a packet ("port/channel"), the lowest sequence still committed (the next to send when
    /// none is): every packet below it is acknowledged or timed out. Null while the chain has sent nothing.
    /// </summary>
    public ImmutableSortedDictionary<string, ulong>? SettledFloors()
    {
        ImmutableSortedDictionary<string, ulong>.Builder? floors = null;
        // the pairs rather than Values, here and in Settle: an immutable sorted dictionary's Values is a LINQ Select over
        // its pairs, a boxed iterator per call, and both run per block or client update (docs/bench.md, session 18)
        foreach (var (_, end) in Channels)
        {
            if (end.NextSequenceSend <= 1) continue;
            floors ??= ImmutableSortedDictionary.CreateBuilder<string, ulong>(StringComparer.Ordinal);
            floors[SettledKey(end.Endpoint.PortId, end.Endpoint.ChannelId)] = end.NextSequenceSend;
        }
        if (floors is null) return null;
        (string Port, string Channel) last = ("", "");
        foreach (var key in Commitments.Keys)
        {
            // sorted by end, then sequence: the first key of each end is its lowest
            if (key.PortId == last.Port && key.ChannelId == last.Channel) continue;
            last = (key.PortId, key.ChannelId);
            floors[SettledKey(key.PortId, key.ChannelId)] = key.Sequence;
        }
        return floors.ToImmutable();
    }

    public static string SettledKey(string port, string channel) => port + "/" + channel;

    /// <summary>
    /// Applies the settled marks of a header of the counterparty that client <paramref name="clientId"/> accepted, to the
    /// channel ends on that client's connections: acknowledgements below the mark are dropped, and on an unordered end the
    /// receipt mark moves up to it. Each sequence is visited once over the run (from the mark last applied).
    /// </summary>
    /// <remarks>
    /// This runs on every client update, and in the ring every update settles a packet or more per end (docs/bench.md,
    /// session 18): the marks are written in place, the record stays. The client's ends are listed once per routing
    /// (<see cref="ClientChannelEnds"/>), not found by a walk of every end (session 22).
    /// </remarks>
    private IbcState Settle(string clientId, ClientHeader header)
    {
        if (header.Settled is not { } settled) return this;
        foreach (var end in EndsByClient.Of(clientId, this))
        {
            if (!settled.TryGetValue(end.CounterpartyKey, out var floor)) continue;
            var at = end.At;
            var from = SettledMarks.GetValueOrDefault(at, 1UL);
            if (floor <= from) continue;
            for (var seq = from; seq < floor; seq++)
            {
                var key = new PacketKey(at.Port, at.Channel, seq);
                Acks.Remove(key);
                Receipts.Remove(key);
            }
            SettledMarks.Set(at, floor);
            if (end.Order != IbcOrder.Unordered) continue;
            // the receipt mark moves to the floor, then on over the receipts that follow it (as Absorbed does)
            var old = ReceiptMarks.GetValueOrDefault(at, 1UL);
            var mark = System.Math.Max(floor, old);
            while (Receipts.Remove(new PacketKey(at.Port, at.Channel, mark))) mark++;
            if (mark != old) ReceiptMarks.Set(at, mark);
        }
        return this;
    }

    /// <summary>The end's receipt mark at <paramref name="mark"/>, moved on over the receipts that follow it.</summary>
    private IbcState Absorbed((string Port, string Channel) at, ulong mark)
    {
        while (Receipts.Remove(new PacketKey(at.Port, at.Channel, mark))) mark++;
        ReceiptMarks.Set(at, mark);
        return this;
    }

    /// <summary>
    /// The consensus states less the oldest one when it is past the trusting period at <paramref name="now"/>: ibc-go's
    /// 07-tendermint prunes that way on every update (pruneOldestConsensusState), so an expired state may outlive its
    /// period by a few updates there as here, and a proof at its height still verifies until it goes. The newest state is
    /// never pruned, since an update of an expired client is refused.
    /// </summary>
    private static ConsensusStates WithoutOldestExpired(ConsensusStates states, ulong trustingPeriodSeconds, Timestamp now) =>
        states.Count >= 2 && states.Oldest.Time.PlusSeconds(trustingPeriodSeconds) < now ? states.WithoutOldest() : states;
}
