using MeshSecurity.Core.Ibc;

namespace MeshSecurity.Core.Tests.IbcModule;

/// <summary>What a light client and an ordered channel end drop as the counterparty moves on, and what they keep.</summary>
public sealed class IbcPruningTests
{
    private readonly TwoChains _t = new();

    [Fact]
    public void A_client_update_drops_its_oldest_consensus_state_once_expired_and_one_per_update_as_ibc_go_does()
    {
        var path = _t.OpenPath();
        LightClient Client() => _t.B.State.Ibc.Clients[path.B.ClientId];
        var trust = Client().TrustingPeriodSeconds;
        void Update(ulong seconds)
        {
            _t.Coord.IncrementTime(seconds);
            _t.Coord.CommitBlock(_t.A);
            path.UpdateClient(path.B);
        }
        for (var i = 0; i < 8; i++) Update(trust / 10);
        var before = Client().ConsensusStates;
        Assert.All(before.Values, time => Assert.True(time.PlusSeconds(trust) >= _t.B.State.Time)); // none expired yet

        // nine tenths of a trusting period later most of them have expired, but an update takes only the oldest
        Update(trust * 9 / 10);
        var after = Client().ConsensusStates;
        Assert.Equal(before.Count, after.Count);
        Assert.Equal(before.Keys.Skip(1).Append(Client().LatestHeight), after.Keys);
        var (expired, at) = after.First();
        Assert.True(at.PlusSeconds(trust) < _t.B.State.Time);
        // a proof at an expired height whose state has not gone yet still reads its time, as in ibc-go
        Assert.Equal(at, _t.B.State.Ibc.ConsensusTime(path.B.ClientId, expired));

        // each later update takes one more, never the latest
        Update(1);
        Assert.Equal(after.Keys.Skip(1).Append(Client().LatestHeight), Client().ConsensusStates.Keys);
        Assert.Equal(Client().LatestTime, Client().ConsensusStates[Client().LatestHeight]);
    }

    [Fact]
    public void An_ordered_end_drops_the_ack_its_counterparty_settled_and_a_replay_stays_a_no_op()
    {
        var path = _t.OpenPath(IbcOrder.Ordered);
        var packet = _t.Send(path, "once");
        path.Relay();
        Assert.Empty(_t.A.State.Ibc.PendingPackets(path.A.PortId, path.A.ChannelId));

        _t.Coord.CommitBlock(_t.A);
        path.UpdateClient(path.B);

        Assert.Null(_t.B.State.Ibc.Acknowledgement(path.B.PortId, path.B.ChannelId, packet.Sequence));
        Assert.Equal(2UL, path.B.Channel!.NextSequenceRecv);
        var replay = _t.Relay(_t.B, _t.Recv(path, packet));
        Assert.True(replay.IsSuccess, replay.ToString());
        Assert.DoesNotContain(replay.Events, e => e.Type == IbcEvents.RecvPacket);
    }
}
