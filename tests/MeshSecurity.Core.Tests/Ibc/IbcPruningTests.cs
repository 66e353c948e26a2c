using MeshSecurity.Core.Ibc;

namespace MeshSecurity.Core.Tests.IbcModule;

/// <summary>What a light client and an ordered channel end drop as the counterparty moves on, and what they keep.</summary>
public sealed class IbcPruningTests
{
    private readonly TwoChains _t = new();

    [Fact]
    public void A_client_drops_the_consensus_states_past_its_trusting_period_and_keeps_the_latest()
    {
        var path = _t.OpenPath();
        var trust = _t.B.State.Ibc.Clients[path.B.ClientId].TrustingPeriodSeconds;
        for (var i = 0; i < 8; i++)
        {
            _t.Coord.IncrementTime(trust / 4);
            _t.Coord.CommitBlock(_t.A);
            path.UpdateClient(path.B);
        }

        var client = _t.B.State.Ibc.Clients[path.B.ClientId];
        Assert.All(client.ConsensusStates.Values, time => Assert.True(time.PlusSeconds(trust) >= _t.B.State.Time));
        Assert.InRange(client.ConsensusStates.Count, 4, 5); // a quarter of the trusting period apart
        Assert.Equal(client.LatestTime, client.ConsensusStates[client.LatestHeight]);
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
