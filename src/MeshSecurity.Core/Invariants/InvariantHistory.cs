using System.Collections.Immutable;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Contracts.Slasher;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Staking;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Invariants;

/// <summary>
/// The safety invariants of <see cref="MeshInvariants"/> that need what happened, not only what is: fed every committed
/// transaction and block hook of every chain, in each chain's order, it finds a packet's effect applied twice, a packet
/// both acknowledged and timed out, an ordered channel receiving out of order, a contract panic, an infraction slashed
/// twice and a slash short of its warranty. It keeps a <see cref="SequenceSet"/> per channel end and the slashes'
/// identities, not the transactions. <see cref="Check"/> adds the state checks and hands over what is new.
/// </summary>
public sealed class InvariantHistory(ulong injectedFrom = ulong.MaxValue)
{
    private readonly Dictionary<(string Chain, IbcEndpoint End), SequenceSet> _received = [];
    private readonly Dictionary<(string Chain, IbcEndpoint End), SequenceSet> _settled = [];

    /// <summary>The packets that timed out (few: kept one by one, to tell a second settlement's kind).</summary>
    private readonly HashSet<(string Chain, IbcEndpoint End, ulong Sequence)> _timedOut = [];
    private readonly Dictionary<(string Chain, IbcEndpoint End), ulong> _lastReceived = [];

    /// <summary>Per receiving end, the first receive out of sequence (a breach only if the channel is ordered).</summary>
    private readonly Dictionary<(string Chain, IbcEndpoint End), InvariantViolation> _outOfOrder = [];

    private readonly HashSet<(string Chain, string Slasher, string Validator, string Height)> _infractions = [];
    private readonly List<InvariantViolation> _found = [];
    private readonly HashSet<(string Chain, IbcEndpoint End)> _reportedOutOfOrder = [];

    /// <summary>Follows one committed transaction (or block hook) of <paramref name="chain"/> at a block.</summary>
    public void Observe(string chain, ulong height, Timestamp time, TxResult result)
    {
        InvariantViolation At(string invariant, string detail) => new(invariant, chain, height, time, detail);
        if (MeshInvariants.IsPanic(result.Error))
            _found.Add(At(MeshInvariants.NoPanic, $"tx {result.TxId} failed at msg {result.FailedMsgIndex}: {result.Error}"));
        foreach (var e in result.Events)
        {
            switch (e.Type)
            {
                case IbcEvents.RecvPacket:
                    Received(chain, IbcEvents.ToPacket(e), At);
                    break;
                case IbcEvents.AcknowledgePacket:
                    Settled(chain, IbcEvents.ToPacket(e), timedOut: false, At);
                    break;
                case IbcEvents.TimeoutPacket:
                    Settled(chain, IbcEvents.ToPacket(e), timedOut: true, At);
                    break;
                case IbcEvents.WriteAcknowledgement when e.Get(IbcEvents.AckSuccess) == "false" && e.ValueOf(IbcEvents.AckHex) is { } bytes:
                    var ack = Acknowledgement.FromBytes(bytes.AsBytes());
                    var p = IbcEvents.ToPacket(e);
                    if (ack.Error?.StartsWith(PanicPrefix, StringComparison.Ordinal) == true)
                        _found.Add(At(MeshInvariants.NoPanic, $"packet {p.Destination}#{p.Sequence} panicked: {ack.Error}"));
                    break;
                case StakingEvents.Slash:
                    Infraction(chain, "staking", e.Get(StakingEvents.ValidatorKey), e.Get(StakingEvents.InfractionHeightKey), At);
                    break;
                case "wasm" when e.Get(SlasherEvents.ActionKey) == SlasherEvents.SubmitEvidence:
                    Infraction(chain, e.Get("_contract_address") ?? "", e.Get(SlasherEvents.ValidatorKey), e.Get(SlasherEvents.HeightKey),
                        At);
                    break;
                case "wasm" when e.Get(ProviderEvents.ActionKey) == ProviderEvents.Slash
                                 && e.ValueOf(ProviderEvents.SlashableKey) is { } slashable:
                    var breach = SlashWarranty.Check(e.ValueOf(ProviderEvents.PercentageKey)!.Value.AsDec(), slashable.AsAmount(),
                        e.ValueOf(ProviderEvents.AmountKey)!.Value.AsAmount());
                    if (breach is not null)
                        _found.Add(At(MeshInvariants.Warranty, $"the slash of {e.Get(ProviderEvents.ValidatorKey)}: {breach}"));
                    break;
            }
        }
    }

    /// <summary>How a failed acknowledgement starts when the receiving contract panicked (see TxExecution.Packets.cs).</summary>
    private static readonly string PanicPrefix = $"{new Errors.StdError.Panic("").Codespace}:{nameof(Errors.StdError.Panic)}:";

    private void Received(string chain, IbcPacket p, Func<string, string, InvariantViolation> at)
    {
        if (p.Sequence >= injectedFrom) return;
        var key = (chain, p.Destination);
        if (!Set(_received, key).Add(p.Sequence))
            _found.Add(at(MeshInvariants.ExactlyOnce, $"packet {p.Destination}#{p.Sequence} from {p.Source} received twice"));
        var last = _lastReceived.GetValueOrDefault(key);
        if (p.Sequence != last + 1 && !_outOfOrder.ContainsKey(key))
            _outOfOrder[key] = at(MeshInvariants.OrderedInOrder, $"{p.Destination} received #{p.Sequence} after #{last}");
        _lastReceived[key] = System.Math.Max(last, p.Sequence);
    }

    /// <summary>A packet acknowledged or timed out on its sender: a second settlement is a breach of one kind or the other.</summary>
    private void Settled(string chain, IbcPacket p, bool timedOut, Func<string, string, InvariantViolation> at)
    {
        if (p.Sequence >= injectedFrom) return;
        var how = timedOut ? "timed out" : "acknowledged";
        var before = _timedOut.Contains((chain, p.Source, p.Sequence)) ? "timed out" : "acknowledged";
        if (timedOut) _timedOut.Add((chain, p.Source, p.Sequence));
        if (Set(_settled, (chain, p.Source)).Add(p.Sequence)) return;
        _found.Add(how == before
            ? at(MeshInvariants.ExactlyOnce, $"packet {p.Source}#{p.Sequence} {how} twice")
            : at(MeshInvariants.AckedAndTimedOut, $"packet {p.Source}#{p.Sequence} {how} after it was {before}"));
    }

    private void Infraction(string chain, string slasher, string? validator, string? height, Func<string, string, InvariantViolation> at)
    {
        if (validator is null || height is null || height == "0") return;
        if (!_infractions.Add((chain, slasher, validator, height)))
            _found.Add(at(MeshInvariants.SlashedOnce, $"{validator}'s infraction at height {height} slashed again by {slasher}"));
    }

    private static SequenceSet Set(Dictionary<(string, IbcEndpoint), SequenceSet> sets, (string, IbcEndpoint) key)
    {
        if (!sets.TryGetValue(key, out var set)) sets[key] = set = new SequenceSet();
        return set;
    }

    /// <summary>
    /// The breaches found since the last call: what the transactions followed so far showed (an out-of-order receive
    /// counts once <paramref name="s"/> shows its channel ordered), then what the state shows now.
    /// </summary>
    public List<InvariantViolation> Check(MeshSnapshot s)
    {
        foreach (var ((chain, end), v) in _outOfOrder)
        {
            if (_reportedOutOfOrder.Contains((chain, end))) continue;
            if (s.Chain(chain)?.Ibc.Channel(end.PortId, end.ChannelId) is not { Order: IbcOrder.Ordered }) continue;
            _reportedOutOfOrder.Add((chain, end));
            _found.Add(v);
        }
        var found = new List<InvariantViolation>(_found);
        _found.Clear();
        found.AddRange(MeshInvariants.Safety(s));
        return found;
    }

    /// <summary>All of <paramref name="results"/> of one block, in order.</summary>
    public void Observe(string chain, ulong height, Timestamp time, ImmutableArray<TxResult> results)
    {
        foreach (var r in results) Observe(chain, height, time, r);
    }
}
