using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Emulator.Protocol;

namespace MeshSecurity.Emulator.Events;

/// <summary>
/// What subscribers (tests, the report, a UI) hear about the network, published on the actor system's event stream.
/// Each carries the chain, the height and the emulated time it happened at, so a history can be put in a canonical
/// order (<see cref="Order"/>) whatever order the messages arrived in.
/// </summary>
public abstract record EmulatorEvent : IMeshProtocolMember
{
    private EmulatorEvent(string chainId, ulong height, Timestamp time)
    {
        ChainId = chainId;
        Height = height;
        Time = time;
    }

    public string ChainId { get; }
    public ulong Height { get; }
    public Timestamp Time { get; }

    /// <summary>The chain this event sorts under; run-level events sort before every chain's at their time.</summary>
    protected virtual string Lane => ChainId;

    /// <summary>
    /// Where the event's order of arrival counts (<see cref="Order"/>'s last key): its lane and height. A run-level event
    /// counts in the run's lane whichever chain it names, so two faults at one time keep the order they were injected in.
    /// </summary>
    internal (string Lane, ulong Height) ArrivalSlot => (Lane, Height);

    /// <summary>Canonical order: time, chain, height, then the order within the block (or of arrival).</summary>
    public static readonly IComparer<(EmulatorEvent Event, int Index)> Order = Comparer<(EmulatorEvent Event, int Index)>.Create((a, b) =>
    {
        var c = a.Event.Time.CompareTo(b.Event.Time);
        if (c != 0) return c;
        c = string.CompareOrdinal(a.Event.Lane, b.Event.Lane);
        if (c != 0) return c;
        c = a.Event.Height.CompareTo(b.Event.Height);
        return c != 0 ? c : a.Index.CompareTo(b.Index);
    });

    public sealed record BlockCommitted(string Chain, ulong AtHeight, Timestamp At, int TxCount, string AppHash) : EmulatorEvent(Chain, AtHeight, At);

    /// <summary>
    /// A fault injected into the live run (meshsec chaos) through <paramref name="Member"/>'s control API, on
    /// <paramref name="Targets"/> (a link's relayer paths, or a chain), at the time keeper's time then; height 0: it
    /// belongs to no block. "heal" lists the faults it undid.
    /// </summary>
    public sealed record ChaosInjected(string Chain, ulong AtHeight, Timestamp At, string Fault,
        System.Collections.Immutable.ImmutableArray<string> Targets, string Member) : EmulatorEvent(Chain, AtHeight, At)
    {
        /// <summary>Faults keep the order they were injected in, whichever chain each names.</summary>
        protected override string Lane => "";
    }

    /// <summary>A transaction's full result (local subscribers may read its data, e.g. an instantiated address).</summary>
    public sealed record TxExecuted(string Chain, ulong AtHeight, Timestamp At, TxResult Result) : EmulatorEvent(Chain, AtHeight, At)
    {
        public string TxId => Result.TxId;
        public bool Success => Result.IsSuccess;
    }

    /// <summary>
    /// A staking hook the chain delivered after end block (a slash or a validator set change, sent as sudo to a
    /// subscribed contract): what the contract did about it, e.g. a lockup propagating a slash.
    /// </summary>
    public sealed record HookExecuted(string Chain, ulong AtHeight, Timestamp At, TxResult Result) : EmulatorEvent(Chain, AtHeight, At);

    public sealed record PacketSent(string Chain, ulong AtHeight, Timestamp At, IbcPacket Packet) : EmulatorEvent(Chain, AtHeight, At);

    /// <summary>
    /// An acknowledgement written on the packet's destination; <paramref name="Error"/> is an error ack's reason (the ack's
    /// own text, e.g. "meta-staking:CapExceeded: ..."), null for a success.
    /// </summary>
    public sealed record AcknowledgementWritten(
        string Chain,
        ulong AtHeight,
        Timestamp At,
        IbcPacket Packet,
        bool Success,
        [property: System.Text.Json.Serialization.JsonIgnore(
            Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
        string? Error = null) : EmulatorEvent(Chain, AtHeight, At);

    public sealed record PacketAcknowledged(string Chain, ulong AtHeight, Timestamp At, IbcPacket Packet, bool Success) : EmulatorEvent(Chain, AtHeight, At);

    public sealed record PacketTimedOut(string Chain, ulong AtHeight, Timestamp At, IbcPacket Packet) : EmulatorEvent(Chain, AtHeight, At);

    public sealed record ValidatorPowerChanged(string Chain, ulong AtHeight, Timestamp At, string Validator, ulong Power) : EmulatorEvent(Chain, AtHeight, At);

    public sealed record SlashApplied(string Chain, ulong AtHeight, Timestamp At, string Validator, Dec Fraction, string Burned) : EmulatorEvent(Chain, AtHeight, At);

    /// <summary>
    /// The chain has no bonded voting power left (its whole active set is jailed): it produced no block at
    /// <paramref name="At"/>, when one was due, and produces none from then on. <paramref name="AtHeight"/> is its last block.
    /// </summary>
    public sealed record ChainHalted(string Chain, ulong AtHeight, Timestamp At) : EmulatorEvent(Chain, AtHeight, At);

    /// <summary>A resumed run produced a block that differs from the one its journal holds.</summary>
    public sealed record ReplayDiverged(string Chain, ulong AtHeight, Timestamp At, string JournalAppHash, string AppHash) : EmulatorEvent(Chain, AtHeight, At);
}
