using System.Collections.Immutable;
using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Mesh;
using MeshSecurity.Core.Staking;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Invariants;

/// <summary>
/// Follows each slash to the Burn packets it caused, by the slash's own identity rather than by its block: a provider's
/// cross slash owns the Burns sent after its event in its own transaction (its own, and those of the cuts the lockup
/// made on other providers); a chain's staking slash owns the Burns its lockup's hook sent; a Burn resent after a
/// timeout stays with the slash of the copy that timed out. So two slashes in one block keep their own consumers, and
/// the delivery of a resent copy counts. Fed every committed block in causal order, as time orders them (a Burn's
/// receipt after the block that sent it; any driver: the property tests, the scenario runner), it keeps the slashes
/// and their Burns, not the blocks; <see cref="MeshInvariants.Reached"/> reads it once the network is quiet.
/// </summary>
public sealed class SlashTrails(Func<IReadOnlyCollection<MeshLinkInfo>> links)
{
    /// <summary>
    /// A slash: where and when it was committed, whose, by whom ("slasher" or "chain"), and its Burns; what it cost on
    /// the chain where it was applied: <see cref="Calls"/>, the contract calls of its fan-out there (the call that applied
    /// it, then each contract execution its messages made: the lockup's cuts, the other providers', their Burns).
    /// </summary>
    public sealed record Slash(string Chain, ulong Height, Timestamp Time, string Validator, string Source, List<Trail> Burns)
    {
        public int Calls { get; set; }
    }

    /// <summary>One Burn of a slash: every copy sent (the first, then one per timeout) and when the first to arrive was received.</summary>
    public sealed class Trail(MeshLinkInfo link, ProviderPacket.Burn burn)
    {
        public MeshLinkInfo Link { get; } = link;
        public ProviderPacket.Burn Burn { get; } = burn;
        public List<IbcPacket> Copies { get; } = [];

        /// <summary>When the consumer wrote the acknowledgement of the copy it received first; null while none arrived.</summary>
        public Timestamp? DeliveredAt { get; set; }

        /// <summary>Contract executions the consumer's receipt of a copy made (meta-staking's undelegations).</summary>
        public int Calls { get; set; }

        public int Resends => Copies.Count - 1;
    }

    private readonly List<(long Index, int Sub, Slash Slash)> _ordered = [];

    /// <summary>A block's staking slashes, waiting for the lockup hooks that propagate them (run in the slashes' order).</summary>
    private readonly Dictionary<(string Chain, ulong Height, string Validator), Queue<Slash>> _awaitingHook = [];

    private readonly Dictionary<(string Chain, IbcEndpoint Source, ulong Sequence), Trail> _sent = [];
    private readonly Dictionary<(string Chain, IbcEndpoint Destination, ulong Sequence), Trail> _byReceipt = [];

    /// <summary>Position of the next block's first result among everything followed: the slashes' order.</summary>
    private long _position;

    /// <summary>Every slash so far, in the order the blocks were followed (within a block: transactions, hooks, staking slashes).</summary>
    public List<Slash> Slashes => [.. _ordered.OrderBy(o => o.Index).ThenBy(o => o.Sub).Select(o => o.Slash)];

    /// <summary>Follows one committed block.</summary>
    public void Observe(BlockResult b) =>
        Observe(b.ChainId, b.Height, b.Time,
            [.. b.AllEvents.Where(e => e.Type == StakingEvents.Slash).Select(e => e.Get(StakingEvents.ValidatorKey) ?? "")],
            [.. b.TxResults, .. b.HookResults]);

    /// <summary>
    /// Follows one committed block given as the validators its staking module slashed and its transactions then hooks
    /// (failed ones change nothing). The staking slashes come after the results in <see cref="Slashes"/>' order, but are
    /// known first: the block's own hooks propagate them.
    /// </summary>
    public void Observe(string chain, ulong height, Timestamp time, IReadOnlyList<string> slashed, IReadOnlyList<TxResult> results)
    {
        for (var k = 0; k < slashed.Count; k++)
        {
            var slash = new Slash(chain, height, time, slashed[k], "chain", []);
            _ordered.Add((_position + results.Count + k, 0, slash));
            var key = (chain, height, slashed[k]);
            if (!_awaitingHook.TryGetValue(key, out var queue)) _awaitingHook[key] = queue = new Queue<Slash>();
            queue.Enqueue(slash);
        }
        var all = links();
        var providers = all.Select(l => l.Provider.Value).ToHashSet(StringComparer.Ordinal);
        var lockups = all.Select(l => l.Lockup.Value).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < results.Count; i++)
        {
            if (results[i].IsSuccess) Follow(chain, height, time, _position + i, results[i].Events, all, providers, lockups);
        }
        _position += results.Count + slashed.Count;
    }

    /// <summary>The slashes and Burns of one successful transaction or hook, and the Burns it received.</summary>
    private void Follow(string chain, ulong height, Timestamp time, long index, ImmutableArray<Event> events,
        IReadOnlyCollection<MeshLinkInfo> links, HashSet<string> providers, HashSet<string> lockups)
    {
        object? cause = null; // what the next Burns belong to: a slash (new trails) or a timed-out trail (its resend)
        Trail? received = null; // the Burn whose receipt the next contract executions serve
        for (var j = 0; j < events.Length; j++)
        {
            var ev = events[j];
            var contract = ev.Type == "wasm" ? ev.Get("_contract_address") ?? "" : "";
            if (ev.Type == "execute")
            {
                if (cause is Slash s) s.Calls++;
                else if (received is not null) received.Calls++;
            }
            if (ev.Type is IbcEvents.RecvPacket or IbcEvents.TimeoutPacket or IbcEvents.AcknowledgePacket) received = null;
            switch (ev.Type)
            {
                case "wasm" when providers.Contains(contract) && ev.Get(ProviderEvents.ActionKey) == ProviderEvents.Slash:
                {
                    var slash = new Slash(chain, height, time, ev.Get(ProviderEvents.ValidatorKey) ?? "", "slasher", []) { Calls = 1 };
                    _ordered.Add((index, j, slash));
                    cause = slash;
                    break;
                }
                case "wasm" when lockups.Contains(contract) && ev.Get(LockupEvents.ActionKey) == LockupEvents.ValidatorSlashed:
                {
                    var key = (chain, height, ev.Get(LockupEvents.ValidatorKey) ?? "");
                    cause = _awaitingHook.TryGetValue(key, out var queue) && queue.TryDequeue(out var slash) ? slash : null;
                    if (cause is Slash hooked) hooked.Calls++;
                    break;
                }
                case IbcEvents.TimeoutPacket:
                {
                    var p = IbcEvents.ToPacket(ev);
                    cause = _sent.GetValueOrDefault((chain, p.Source, p.Sequence));
                    break;
                }
                case IbcEvents.RecvPacket:
                {
                    var p = IbcEvents.ToPacket(ev);
                    received = _byReceipt.TryGetValue((chain, p.Destination, p.Sequence), out var t) ? t : null;
                    cause = null;
                    break;
                }
                case IbcEvents.WriteAcknowledgement:
                {
                    var p = IbcEvents.ToPacket(ev);
                    if (_byReceipt.TryGetValue((chain, p.Destination, p.Sequence), out var t)) t.DeliveredAt ??= time;
                    cause = null;
                    break;
                }
                case IbcEvents.AcknowledgePacket:
                    cause = null;
                    break;
                case IbcEvents.SendPacket when cause is not null:
                    Sent(chain, IbcEvents.ToPacket(ev), links, ref cause);
                    break;
            }
        }
    }

    /// <summary>A packet sent while a slash (or a timed-out Burn's resend) is the cause: a Burn is added to its trail.</summary>
    private void Sent(string chain, IbcPacket p, IReadOnlyCollection<MeshLinkInfo> links, ref object? cause)
    {
        var link = links.FirstOrDefault(l => l.ProviderChain == chain && l.MeshEnds.PortA == p.Source.PortId);
        if (link is null || !IsBurn(p, out var burn)) return;
        Trail trail;
        if (cause is Slash slash)
        {
            slash.Burns.Add(trail = new Trail(link, burn!));
        }
        else
        {
            trail = (Trail)cause!;
            cause = null; // one resend per timeout
            if (trail.Burn != burn || trail.Link != link) return;
        }
        trail.Copies.Add(p);
        _sent[(chain, p.Source, p.Sequence)] = trail;
        _byReceipt[(link.ConsumerChain, p.Destination, p.Sequence)] = trail;
    }

    /// <summary>The packet as a provider's Burn, if it is one.</summary>
    public static bool IsBurn(IbcPacket p, out ProviderPacket.Burn? burn)
    {
        burn = null;
        try
        {
            burn = Wire.Decode<ProviderPacket>(p.Data) as ProviderPacket.Burn;
        }
        catch (MeshException)
        {
        }
        return burn is not null;
    }
}
