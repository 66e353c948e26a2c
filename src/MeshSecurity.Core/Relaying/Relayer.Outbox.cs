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

        public IReadOnlyList<RelaySubmission> Flush()
        {
            var result = new List<RelaySubmission>();
            // one index across the targets: a start or a clearing sends to both chains, and ids must not repeat
            var index = 0;
            foreach (var (chain, t) in _targets)
            {
                RelaySubmission Submit(IEnumerable<CosmosMsg> msgs, bool packets, ulong laterNanos = 0)
                {
                    var key = $"{origin}/{height:D20}/{index++:D4}";
                    var tx = new Tx(relayer._accounts[chain], [.. msgs], $"{relayer.PathId}/{key}");
                    if (tx.Msgs.Any(m => m is CosmosMsg.Relay { Msg: IbcRelayMsg.UpdateClient }))
                        relayer._lastClientUpdate[chain] = relayer._headers[relayer.Other(chain)].Time;
                    var s = new RelaySubmission(chain, tx, t.Landing.PlusNanos(laterNanos), key, packets);
                    result.Add(s);
                    return s;
                }
                foreach (var (step, msgs) in t.Handshake) relayer._handshakeTxs[Submit(msgs, false).Tx.Id] = (step, chain);
                if (relayer.Holds(chain))
                {
                    foreach (var d in t.Batch.Concat(t.Singles)) relayer._mayHold |= d.Held = relayer._owed.ContainsKey(d.Key);
                    t.Batch.Clear();
                    t.Singles.Clear();
                }
                var batch = t.Batch.Where(d => relayer._owed.ContainsKey(d.Key)).OrderBy(d => d.Key, DeliveryOrder.Instance).ToList();
                var groups = (relayer.Faults.Reorder ? relayer.Reordered(batch, origin, height)
                        : batch.Chunk(System.Math.Max(1, relayer.BatchSize)).Select(c => (c.ToList(), 0UL)))
                    .Concat(t.Singles.Select(d => (new List<Delivery> { d }, 0UL)));
                var sent = false;
                foreach (var (group, later) in groups)
                {
                    var msgs = new List<CosmosMsg> { relayer.UpdateOn(chain) };
                    msgs.AddRange(group.Select(d => relayer.MessageFor(d, chain)));
                    var s = Submit(msgs, group.Any(d => d.Kind == DeliveryKind.Recv), later);
                    foreach (var d in group) d.InFlightTx = s.Tx.Id;
                    relayer._inFlight[s.Tx.Id] = group;
                    result.AddRange(relayer.RaceCopies(s, origin, height, time, later));
                    sent = true;
                }
                if (t.RefreshClient && !sent && t.Handshake.Count == 0) Submit([relayer.UpdateOn(chain)], false);
            }
            return result;
        }
    }
}
