using System.Collections.Immutable;
using MeshSecurity.Core;
using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Mesh;
using MeshSecurity.Core.Types;
using MeshSecurity.Emulator.Events;
using MeshSecurity.Emulator.Network;

namespace MeshSecurity.Scenarios.Running;

/// <summary>
/// Follows each slash to the Burn packets it caused, by the slash's own identity rather than by its block: a provider's
/// cross slash owns the Burns sent after its event in its own transaction (its own, and those of the cuts the lockup
/// made on other providers); a chain's staking slash owns the Burns its lockup's hook sent; a Burn resent after a
/// timeout stays with the slash of the copy that timed out. So two slashes in one block keep their own consumers, and
/// the delivery of a resent copy counts. Follows the history slice by slice as the run goes (a block's events, its
/// slash and the hook that propagates it, always come in one slice) and keeps the slashes and their Burns, not the events.
/// </summary>
internal sealed class SlashTracker(Func<IReadOnlyCollection<MeshLinkInfo>> links) : IEventSink
{
    /// <summary>
    /// A slash: where and when it was committed, whose, by whom ("slasher" or "chain"), and its Burns; what it cost on
    /// the chain where it was applied: <see cref="Calls"/>, the contract calls of its fan-out there (the call that applied
    /// it, then each contract execution its messages made: the lockup's cuts, the other providers', their Burns).
    /// </summary>
    internal sealed record Slash(string Chain, ulong Height, Timestamp Time, string Validator, string Source, List<Trail> Burns)
    {
        public int Calls { get; set; }
    }

    /// <summary>One Burn of a slash: every copy sent (the first, then one per timeout) and the receipt of the copy that arrived.</summary>
    internal sealed class Trail(MeshLinkInfo link, ProviderPacket.Burn burn)
    {
        public MeshLinkInfo Link { get; } = link;
        public ProviderPacket.Burn Burn { get; } = burn;
        public List<IbcPacket> Copies { get; } = [];
        public EmulatorEvent.AcknowledgementWritten? Delivered { get; set; }

        /// <summary>Contract executions the consumer's receipt of a copy made (meta-staking's undelegations).</summary>
        public int Calls { get; set; }

        public int Resends => Copies.Count - 1;
    }

    private readonly List<(long Index, int Sub, Slash Slash)> _ordered = [];

    /// <summary>A chain's slashes, waiting for the lockup hook that propagates each (the hooks run in the slashes' order).</summary>
    private readonly Dictionary<(string Chain, ulong Height, string Validator), Queue<Slash>> _awaitingHook = [];

    private readonly Dictionary<(string Chain, IbcEndpoint Source, ulong Sequence), Trail> _sent = [];
    private readonly Dictionary<(string Chain, IbcEndpoint Destination, ulong Sequence), Trail> _byReceipt = [];

    /// <summary>Events seen before this slice: the position of a slice's first event in the whole history.</summary>
    private long _offset;

    /// <summary>Every slash so far, in the history's order, with its Burns and their deliveries.</summary>
    public List<Slash> Slashes => [.. _ordered.OrderBy(o => o.Index).ThenBy(o => o.Sub).Select(o => o.Slash)];

    public void Write(IReadOnlyList<EmulatorEvent> history)
    {
        var all = links();
        var providers = all.Select(l => l.Provider.Value).ToHashSet(StringComparer.Ordinal);
        var lockups = all.Select(l => l.Lockup.Value).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < history.Count; i++)
        {
            if (history[i] is not EmulatorEvent.SlashApplied a) continue;
            var slash = new Slash(a.ChainId, a.Height, a.Time, a.Validator, "chain", []);
            _ordered.Add((_offset + i, 0, slash));
            var key = (a.ChainId, a.Height, a.Validator);
            if (!_awaitingHook.TryGetValue(key, out var queue)) _awaitingHook[key] = queue = new Queue<Slash>();
            queue.Enqueue(slash);
        }
        for (var i = 0; i < history.Count; i++)
        {
            if (history[i] is EmulatorEvent.AcknowledgementWritten w)
            {
                if (_byReceipt.TryGetValue((w.ChainId, w.Packet.Destination, w.Packet.Sequence), out var t)) t.Delivered ??= w;
                continue;
            }
            var result = history[i] switch
            {
                EmulatorEvent.TxExecuted tx => tx.Result,
                EmulatorEvent.HookExecuted h => h.Result,
                _ => null,
            };
            if (result is { IsSuccess: true }) Follow(history[i], _offset + i, result.Events, all, providers, lockups);
        }
        _offset += history.Count;
    }

    /// <summary>The slashes and Burns of one successful transaction or hook.</summary>
    private void Follow(EmulatorEvent e, long index, ImmutableArray<Event> events, IReadOnlyCollection<MeshLinkInfo> links,
        HashSet<string> providers, HashSet<string> lockups)
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
                    var slash = new Slash(e.ChainId, e.Height, e.Time, ev.Get(ProviderEvents.ValidatorKey) ?? "", "slasher", [])
                    {
                        Calls = 1,
                    };
                    _ordered.Add((index, j, slash));
                    cause = slash;
                    break;
                }
                case "wasm" when lockups.Contains(contract) && ev.Get(LockupEvents.ActionKey) == LockupEvents.ValidatorSlashed:
                {
                    var key = (e.ChainId, e.Height, ev.Get(LockupEvents.ValidatorKey) ?? "");
                    cause = _awaitingHook.TryGetValue(key, out var queue) && queue.TryDequeue(out var slash) ? slash : null;
                    if (cause is Slash hooked) hooked.Calls++;
                    break;
                }
                case IbcEvents.TimeoutPacket:
                {
                    var p = IbcEvents.ToPacket(ev);
                    cause = _sent.GetValueOrDefault((e.ChainId, p.Source, p.Sequence));
                    break;
                }
                case IbcEvents.RecvPacket:
                {
                    var p = IbcEvents.ToPacket(ev);
                    received = _byReceipt.TryGetValue((e.ChainId, p.Destination, p.Sequence), out var t) ? t : null;
                    cause = null;
                    break;
                }
                case IbcEvents.WriteAcknowledgement or IbcEvents.AcknowledgePacket:
                    cause = null;
                    break;
                case IbcEvents.SendPacket when cause is not null:
                {
                    var p = IbcEvents.ToPacket(ev);
                    var link = links.FirstOrDefault(l => l.ProviderChain == e.ChainId && l.MeshEnds.PortA == p.Source.PortId);
                    if (link is null || !IsBurn(p, out var burn)) break;
                    Trail trail;
                    if (cause is Slash slash)
                    {
                        slash.Burns.Add(trail = new Trail(link, burn!));
                    }
                    else
                    {
                        trail = (Trail)cause;
                        cause = null; // one resend per timeout
                        if (trail.Burn != burn || trail.Link != link) break;
                    }
                    trail.Copies.Add(p);
                    _sent[(e.ChainId, p.Source, p.Sequence)] = trail;
                    _byReceipt[(link.ConsumerChain, p.Destination, p.Sequence)] = trail;
                    break;
                }
            }
        }
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
