using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Relaying;

public sealed partial class Relayer
{
    private readonly Dictionary<string, Timestamp> _lastLanding = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Timestamp> _lastClientUpdate = new(StringComparer.Ordinal);

    /// <summary>
    /// When what an observation of <paramref name="origin"/> at <paramref name="height"/> sends to <paramref name="target"/>
    /// may land: one latency draw per observed block and direction (a relayer submits a block's worth at once), never at
    /// the observed instant itself; on an ordered channel never before what it sent there earlier.
    /// </summary>
    private Timestamp Landing(string origin, ulong height, Timestamp time, string target)
    {
        var latency = Latency.SampleNanos(Spec.Seed, PathId, $"{origin}>{target}", height);
        var at = time.PlusNanos(checked(System.Math.Max(latency, 1UL) + LagNanos));
        if (Spec.Order != IbcOrder.Ordered) return at;
        if (_lastLanding.TryGetValue(target, out var last) && last > at) at = last;
        return _lastLanding[target] = at;
    }

    private CosmosMsg UpdateOn(string target) =>
        new CosmosMsg.Relay(new IbcRelayMsg.UpdateClient(ClientOn(target), _headers[Other(target)]));

    private CosmosMsg MessageFor(Delivery d, string target)
    {
        var relayer = _accounts[target];
        var proofHeight = _headers[Other(target)].Height;
        var nextRecv = _nextRecv.GetValueOrDefault(Other(target), 1UL);
        IbcRelayMsg msg = d.Kind switch
        {
            DeliveryKind.Recv => new IbcRelayMsg.RecvPacket(d.Packet!, proofHeight, relayer),
            DeliveryKind.Ack => new IbcRelayMsg.AcknowledgePacket(d.Packet!, d.Ack!, proofHeight, relayer),
            DeliveryKind.Timeout when _closedOn.Contains(Other(target)) =>
                new IbcRelayMsg.TimeoutOnClose(d.Packet!, proofHeight, ReceiptAbsent: true, nextRecv, relayer),
            DeliveryKind.Timeout => new IbcRelayMsg.TimeoutPacket(d.Packet!, proofHeight, ReceiptAbsent: true, nextRecv, relayer),
            _ => new IbcRelayMsg.ChannelCloseConfirm(PortOn(target), ChannelOn(target)),
        };
        return new CosmosMsg.Relay(msg);
    }

    /// <summary>What one observation (or a start, or a clearing) submits, per target chain, turned into transactions at the end.</summary>
    private sealed class Outbox(Relayer relayer, string origin, ulong height, Timestamp time)
    {
        private readonly SortedDictionary<string, Target> _targets = new(StringComparer.Ordinal);

        private sealed class Target
        {
            public Timestamp Landing;
            public readonly List<(HandshakeStep Step, CosmosMsg[] Msgs)> Handshake = [];
            public readonly List<Delivery> Batch = [];
            public readonly List<Delivery> Singles = [];
            public bool RefreshClient;
        }

        private Target For(string chain)
        {
            if (!_targets.TryGetValue(chain, out var t))
                _targets[chain] = t = new Target { Landing = relayer.Landing(origin, height, time, chain) };
            return t;
        }

        public Timestamp NotBefore(string chain) => For(chain).Landing;

        public void Add(Delivery d) => For(relayer.TargetOf(d)).Batch.Add(d);

        public void Single(Delivery d) => For(relayer.TargetOf(d)).Singles.Add(d);

        public void Handshake(string chain, HandshakeStep step, params CosmosMsg[] msgs) => For(chain).Handshake.Add((step, msgs));

        public void Refresh(string chain) => For(chain).RefreshClient = true;

        /// <remarks>
        /// Loops rather than LINQ, and nothing made for an observation that submits nothing: every relayer observes every
        /// block of both its chains (docs/bench.md, figure e, session 18).
        /// </remarks>
        public IReadOnlyList<RelaySubmission> Flush()
        {
            if (_targets.Count == 0) return [];
            var result = new List<RelaySubmission>();
            // one index across the targets: a start or a clearing sends to both chains, and ids must not repeat
            var index = 0;
            foreach (var (chain, t) in _targets)
            {
                foreach (var (step, msgs) in t.Handshake)
                    relayer._handshakeTxs[Submit(result, ref index, chain, t, msgs, false).Tx.Id] = (step, chain);
                if (relayer.Holds(chain))
                {
                    foreach (var d in t.Batch) relayer._mayHold |= d.Held = relayer._owed.ContainsKey(d.Key);
                    foreach (var d in t.Singles) relayer._mayHold |= d.Held = relayer._owed.ContainsKey(d.Key);
                    t.Batch.Clear();
                    t.Singles.Clear();
                }
                var sent = false;
                foreach (var (group, later) in Groups(t))
                {
                    var msgs = new CosmosMsg[group.Count + 1];
                    msgs[0] = relayer.UpdateOn(chain);
                    var packets = false;
                    for (var i = 0; i < group.Count; i++)
                    {
                        msgs[i + 1] = relayer.MessageFor(group[i], chain);
                        packets |= group[i].Kind == DeliveryKind.Recv;
                    }
                    var s = Submit(result, ref index, chain, t, msgs, packets, later);
                    foreach (var d in group) d.InFlightTx = s.Tx.Id;
                    relayer._inFlight[s.Tx.Id] = group;
                    result.AddRange(relayer.RaceCopies(s, origin, height, time, later));
                    sent = true;
                }
                if (t.RefreshClient && !sent && t.Handshake.Count == 0)
                    Submit(result, ref index, chain, t, [relayer.UpdateOn(chain)], false);
            }
            return result;
        }

        /// <summary>The batch still owed, in order, cut into transactions (or reordered by the fault), then each single alone.</summary>
        private List<(List<Delivery> Group, ulong Later)> Groups(Target t)
        {
            var groups = new List<(List<Delivery> Group, ulong Later)>();
            if (t.Batch.Count > 0 || relayer.Faults.Reorder)
            {
                var batch = t.Batch.Where(d => relayer._owed.ContainsKey(d.Key)).OrderBy(d => d.Key, DeliveryOrder.Instance).ToList();
                if (relayer.Faults.Reorder) groups.AddRange(relayer.Reordered(batch, origin, height));
                else
                    foreach (var chunk in batch.Chunk(System.Math.Max(1, relayer.BatchSize))) groups.Add(([.. chunk], 0UL));
            }
            foreach (var d in t.Singles) groups.Add(([d], 0UL));
            return groups;
        }

        private RelaySubmission Submit(
            List<RelaySubmission> result, ref int index, string chain, Target t, CosmosMsg[] msgs, bool packets, ulong laterNanos = 0)
        {
            var key = $"{origin}/{height:D20}/{index++:D4}";
            var tx = new Tx(relayer._accounts[chain], [.. msgs], $"{relayer.PathId}/{key}");
            foreach (var m in msgs)
                if (m is CosmosMsg.Relay { Msg: IbcRelayMsg.UpdateClient })
                {
                    relayer._lastClientUpdate[chain] = relayer._headers[relayer.Other(chain)].Time;
                    break;
                }
            var s = new RelaySubmission(chain, tx, t.Landing.PlusNanos(laterNanos), key, packets);
            result.Add(s);
            return s;
        }
    }
}
