using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Relaying;
using static MeshSecurity.Core.Tests.RelayerMachine.RelayerRig;

namespace MeshSecurity.Core.Tests.RelayerMachine;

/// <summary>The path set-up as a closed family of steps: each step goes out when the block with the previous one is observed.</summary>
public class RelayerHandshakeTests
{
    /// <summary>One step of the full handshake: the block that answers it, and what the machine submits next.</summary>
    private sealed record Row(string Answering, string[] Data, HandshakeStep StepAfter, string? NextOn, IbcRelayMsg? Next);

    private static readonly IbcEndpoint EndA = new(PortA, ChanA);

    /// <summary>The handshake from nothing: clients, connection (ICS-003), channel (ICS-004).</summary>
    private static readonly Row[] Full =
    [
        new(A, [ClientA], HandshakeStep.CreateClients, null, null),
        new(B, [ClientB], HandshakeStep.ConnectionOpenInit, A, new IbcRelayMsg.ConnectionOpenInit(ClientA, ClientB)),
        new(A, [ConnA], HandshakeStep.ConnectionOpenTry, B, new IbcRelayMsg.ConnectionOpenTry(ClientB, ClientA, ConnA)),
        new(B, ["", ConnB], HandshakeStep.ConnectionOpenAck, A, new IbcRelayMsg.ConnectionOpenAck(ConnA, ConnB)),
        new(A, [], HandshakeStep.ConnectionOpenConfirm, B, new IbcRelayMsg.ConnectionOpenConfirm(ConnB)),
        new(B, [], HandshakeStep.ChannelOpenInit, A, new IbcRelayMsg.ChannelOpenInit(PortA, ConnA, PortB, IbcOrder.Unordered, "v1")),
        new(A, ["", ChanA], HandshakeStep.ChannelOpenTry, B,
            new IbcRelayMsg.ChannelOpenTry(PortB, ConnB, EndA, IbcOrder.Unordered, "v1", "v1")),
        new(B, ["", ChanB], HandshakeStep.ChannelOpenAck, A, new IbcRelayMsg.ChannelOpenAck(PortA, ChanA, ChanB, "v1")),
        new(A, [], HandshakeStep.ChannelOpenConfirm, B, new IbcRelayMsg.ChannelOpenConfirm(PortB, ChanB)),
        new(B, [], HandshakeStep.Open, null, null),
    ];

    [Fact]
    public void The_handshake_goes_step_by_step_each_step_after_the_block_with_the_previous_one()
    {
        var rig = new RelayerRig(Spec(reuse: false));
        var start = rig.Start();
        Assert.Equal(HandshakeStep.CreateClients, rig.Machine.Step);
        Assert.Equal([A, B], start.Select(s => s.Chain));
        var inFlight = start.ToDictionary(s => s.Chain);
        var seconds = StartSeconds;

        foreach (var row in Full)
        {
            seconds += 5;
            var observedHeight = rig.Height(row.Answering) + 1;
            var next = rig.Block(row.Answering, seconds, null, Ok(inFlight[row.Answering], row.Data));

            Assert.Equal(row.StepAfter, rig.Machine.Step);
            if (row.Next is null)
            {
                Assert.Empty(next);
                continue;
            }
            var s = Assert.Single(next);
            Assert.Equal(row.NextOn, s.Chain);
            Assert.True(s.NotBefore > At(seconds), "a step never lands at the instant of the block that caused it");
            Assert.Equal(row.Next, Msgs(s)[^1]);
            // every step but the first on a new connection proves against a client brought to the block just observed
            if (row.Next is IbcRelayMsg.ConnectionOpenInit) Assert.Single(Msgs(s));
            else Assert.Equal(
                new IbcRelayMsg.UpdateClient(row.NextOn == A ? ClientA : ClientB, Header(row.Answering, observedHeight, seconds)),
                Msgs(s)[0]);
            Assert.True(rig.Machine.AwaitsBlockOn(s.Chain));
            inFlight[s.Chain] = s;
        }

        Assert.True(rig.Machine.IsOpen);
        Assert.Equal(new ChannelEnds(A, ClientA, ConnA, PortA, ChanA, B, ClientB, ConnB, PortB, ChanB), rig.Machine.Ends);
        Assert.Equal(rig.Machine.Ends, rig.Machine.Connection);
        Assert.False(rig.Machine.AwaitsBlockOn(A) || rig.Machine.AwaitsBlockOn(B));
    }

    [Theory]
    [InlineData(0, "create_client")]
    [InlineData(2, "connection_open_init")]
    [InlineData(3, "connection_open_try")]
    [InlineData(4, "connection_open_ack")]
    [InlineData(5, "connection_open_confirm")]
    [InlineData(6, "channel_open_init")]
    [InlineData(7, "channel_open_try")]
    [InlineData(8, "channel_open_ack")]
    [InlineData(9, "channel_open_confirm")]
    public void A_refused_step_stops_the_handshake_and_names_the_step_its_error_and_its_transaction(int refusedRow, string step)
    {
        var rig = new RelayerRig(Spec(reuse: false));
        var inFlight = rig.Start().ToDictionary(s => s.Chain);
        var seconds = StartSeconds;
        for (var i = 0; i < refusedRow; i++)
        {
            var row = Full[i];
            foreach (var s in rig.Block(row.Answering, seconds += 5, null, Ok(inFlight[row.Answering], row.Data))) inFlight[s.Chain] = s;
        }

        var refused = inFlight[Full[refusedRow].Answering];
        var next = rig.Block(refused.Chain, seconds + 5, null, Failed(refused, "ibc:Boom: refused"));

        Assert.Empty(next);
        Assert.Equal(HandshakeStep.Refused, rig.Machine.Step);
        Assert.Equal((step, "ibc:Boom: refused", refused.Tx.Id), (rig.Machine.RefusedStep, rig.Machine.RefusedError, refused.Tx.Id));
        Assert.Equal(refused.Tx.Id, rig.Machine.RefusedTxId);
        Assert.Null(rig.Machine.Connection);
        Assert.False(rig.Machine.IsOpen);
        Assert.False(rig.Machine.AwaitsBlockOn(A) || rig.Machine.AwaitsBlockOn(B), "a refused handshake waits for nothing");
        // the other chain's client, created in the same step, changes nothing
        if (refusedRow == 0) Assert.Empty(rig.Block(B, seconds + 5, null, Ok(inFlight[B], ClientB)));
        Assert.Equal(HandshakeStep.Refused, rig.Machine.Step);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    public void A_step_refused_for_a_header_from_the_future_goes_again_with_the_next_block_until_taken(int waitingRow)
    {
        var rig = new RelayerRig(Spec(reuse: false));
        var inFlight = rig.Start().ToDictionary(s => s.Chain);
        var seconds = StartSeconds;
        for (var i = 0; i < waitingRow; i++)
        {
            var row = Full[i];
            foreach (var s in rig.Block(row.Answering, seconds += 5, null, Ok(inFlight[row.Answering], row.Data))) inFlight[s.Chain] = s;
        }
        var early = inFlight[Full[waitingRow].Answering];
        var error = $"ibc:HeaderFromFuture: invalid header: {IbcError.FromTheFuture} 2000s (now: 1000s; max clock drift: 40s)";

        // twice too early: each time the same step again, on the same chain, with its client update first
        var again = early;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var next = Assert.Single(rig.Block(again.Chain, seconds += 5, null, Failed(again, error)));
            Assert.Equal(Full[waitingRow - 1].StepAfter, rig.Machine.Step);
            Assert.Equal((again.Chain, Msgs(again)[^1]), (next.Chain, Msgs(next)[^1]));
            Assert.Equal(Assert.IsType<IbcRelayMsg.UpdateClient>(Msgs(again)[0]).ClientId,
                Assert.IsType<IbcRelayMsg.UpdateClient>(Msgs(next)[0]).ClientId);
            Assert.NotEqual(again.Tx.Id, next.Tx.Id);
            again = next;
        }
        inFlight[again.Chain] = again;

        // taken at last: the handshake goes on to the end as if nothing had happened
        for (var i = waitingRow; i < Full.Length; i++)
        {
            var row = Full[i];
            foreach (var s in rig.Block(row.Answering, seconds += 5, null, Ok(inFlight[row.Answering], row.Data))) inFlight[s.Chain] = s;
        }
        Assert.True(rig.Machine.IsOpen);
        Assert.Null(rig.Machine.RefusedStep);
    }

    [Theory]
    [InlineData("success: the same version on both ends", null, "v1")]
    [InlineData("success: B proposes its own version", "v2", "v2")]
    public void A_path_on_an_existing_connection_creates_no_client_and_starts_with_the_channel(
        string label, string? versionB, string expectedB)
    {
        _ = label;
        var rig = new RelayerRig(Spec(versionB: versionB));

        var init = Assert.Single(rig.Start());

        Assert.Equal(A, init.Chain);
        Assert.Equal([new IbcRelayMsg.UpdateClient(ClientA, Header(B, 10, StartSeconds)),
            new IbcRelayMsg.ChannelOpenInit(PortA, ConnA, PortB, IbcOrder.Unordered, "v1")], Msgs(init));
        Assert.Equal(Connection, rig.Machine.Connection);
        var tryOpen = Assert.Single(rig.Block(A, StartSeconds + 5, null, Ok(init, "", ChanA)));
        Assert.Equal(new IbcRelayMsg.ChannelOpenTry(PortB, ConnB, new IbcEndpoint(PortA, ChanA), IbcOrder.Unordered, expectedB, "v1"),
            Msgs(tryOpen)[1]);
        var ack = Assert.Single(rig.Block(B, StartSeconds + 10, null, Ok(tryOpen, "", ChanB)));
        Assert.Equal(new IbcRelayMsg.ChannelOpenAck(PortA, ChanA, ChanB, expectedB), Msgs(ack)[1]);
    }

    [Fact]
    public void A_connection_opened_without_a_channel_waits_until_OpenChannel()
    {
        var rig = new RelayerRig(Spec(reuse: false));
        var inFlight = rig.Start(openChannel: false).ToDictionary(s => s.Chain);
        var seconds = StartSeconds;
        foreach (var row in Full.Take(5))
            foreach (var s in rig.Block(row.Answering, seconds += 5, null, Ok(inFlight[row.Answering], row.Data))) inFlight[s.Chain] = s;

        Assert.Empty(rig.Block(B, seconds += 5, null, Ok(inFlight[B])));
        Assert.Equal(HandshakeStep.ConnectionOpen, rig.Machine.Step);
        Assert.Equal(new ChannelEnds(A, ClientA, ConnA, PortA, "", B, ClientB, ConnB, PortB, ""), rig.Machine.Connection);
        Assert.Null(rig.Machine.Ends);
        Assert.False(rig.Machine.AwaitsBlockOn(A) || rig.Machine.AwaitsBlockOn(B));

        var init = Assert.Single(rig.Machine.OpenChannel(At(seconds + 100)));
        Assert.Equal(A, init.Chain);
        Assert.True(init.NotBefore > At(seconds + 100));
        Assert.IsType<IbcRelayMsg.ChannelOpenInit>(Msgs(init)[1]);
        Assert.Throws<InvalidOperationException>(() => rig.Machine.OpenChannel(At(seconds + 200)));
    }

    [Theory]
    [InlineData("success: three weeks trust fourteen days (what a fixed 14 days got right by chance)", 1_814_400UL, 1_209_600UL)]
    [InlineData("success: two days trust 32 hours, not 14 days", 172_800UL, 115_200UL)]
    [InlineData("success: one day trusts 16 hours", 86_400UL, 57_600UL)]
    [InlineData("success: a toy unbonding of 3 s trusts the floor, an hour", 3UL, 3_600UL)]
    [InlineData("success: an unbonding of 90 min trusts the floor, not 60 min", 5_400UL, 3_600UL)]
    [InlineData("success: never zero, never shorter than an hour", 1UL, 3_600UL)]
    public void A_light_client_trusts_its_chain_for_two_thirds_of_that_chains_unbonding_period(string label, ulong unbonding, ulong trust)
    {
        _ = label;
        var rig = new RelayerRig(Spec(reuse: false));

        // A's client of B trusts B's unbonding; B's client of A trusts A's (a fixed three weeks here)
        var start = rig.Start(unbondingA: 1_814_400, unbondingB: unbonding).ToDictionary(s => s.Chain);

        Assert.Equal(new IbcRelayMsg.CreateClient(Header(B, 10, StartSeconds), trust, 40), Assert.Single(Msgs(start[A])));
        Assert.Equal(new IbcRelayMsg.CreateClient(Header(A, 10, StartSeconds), 1_209_600, 40), Assert.Single(Msgs(start[B])));
    }
}
