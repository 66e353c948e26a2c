using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Ibc.Transfer;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using static MeshSecurity.Core.Tests.IbcModule.TransferChains;

namespace MeshSecurity.Core.Tests.IbcModule;

public class TokenTransferTests
{
    private readonly TransferChains _t = new();

    [Fact]
    public void The_fixture_gives_the_two_ends_different_channel_ids()
    {
        Assert.Equal("channel-1", _t.AB.A.ChannelId);
        Assert.Equal("channel-0", _t.AB.B.ChannelId);
        Assert.Equal(IbcOrder.Unordered, _t.AB.A.Channel!.Order);
        Assert.Equal("ics20-1", _t.AB.B.Channel!.Version);
    }

    [Fact]
    public void Sending_native_tokens_escrows_them_on_the_source_before_anything_is_relayed()
    {
        var supply = _t.A.State.Bank.SupplyOf("ua");

        var r = _t.AliceToBob(100);

        Assert.True(r.IsSuccess, r.ToString());
        Assert.Equal(Amt(Funds - 100), _t.A.Balance(_t.Alice, "ua"));
        Assert.Equal(Amt(100), _t.A.Balance(_t.EscrowA, "ua"));
        Assert.Equal(supply, _t.A.State.Bank.SupplyOf("ua"));
        Assert.Equal(Amount.Zero, _t.B.Balance(_t.Bob, _t.UaOnB));
        var packet = IbcEvents.ToPacket(r.Events.Single(e => e.Type == IbcEvents.SendPacket));
        Assert.Equal($$"""{"denom":"ua","amount":"100","sender":"{{_t.Alice}}","receiver":"{{_t.Bob}}"}""", TwoChains.Text(packet.Data));
        Assert.Equal(new IbcEndpoint("transfer", "channel-1"), packet.Source);
        Assert.Equal(new IbcEndpoint("transfer", "channel-0"), packet.Destination);
        _t.AssertConserved();
    }

    [Fact]
    public void A_transfers_packet_keeps_the_value_it_was_sent_as_for_its_receiver_refund_and_callback()
    {
        var r = _t.AliceToBob(100);

        var packet = IbcEvents.ToPacket(r.Events.Single(e => e.Type == IbcEvents.SendPacket));
        var sent = Assert.IsType<FungibleTokenPacketData>(packet.Decoded);
        Assert.Same(sent, packet.DataAs<FungibleTokenPacketData>());
        Assert.Equal(Wire.Decode<FungibleTokenPacketData>(packet.Data), sent);
    }

    [Fact]
    public void Native_tokens_arrive_as_a_voucher_named_after_the_destination_channel()
    {
        _t.AliceToBob(100);

        var stats = _t.AB.Relay();

        Assert.Equal((1, 1, 0, 0), (stats.Received, stats.Acknowledged, stats.TimedOut, stats.Failed));
        var voucher = TransferModule.VoucherDenom("transfer", _t.AB.B.ChannelId, "ua");
        Assert.Equal(voucher, _t.UaOnB);
        Assert.Matches("^ibc/[0-9A-F]{64}$", voucher);
        Assert.Equal(Amt(100), _t.B.Balance(_t.Bob, voucher));
        Assert.Equal(Amt(100), _t.B.State.Bank.SupplyOf(voucher));
        Assert.Equal($"transfer/{_t.AB.B.ChannelId}/ua", _t.B.State.Ibc.DenomTraces[voucher]);
        Assert.Equal(Amt(100), _t.A.Balance(_t.EscrowA, "ua"));
        Assert.True(TwoChains.AckOn(_t.AB.B, 1).IsSuccess);
        _t.AssertBacked();
    }

    [Fact]
    public void The_voucher_denom_is_the_upper_case_sha256_of_the_trace_as_in_ibc_go()
    {
        // sha256("transfer/channel-0/uatom"), as ibc-go's DenomTrace.IBCDenom() gives it
        Assert.Equal("ibc/27394FB092D2ECCD56123C74F36E4C1F926001CEADA9CA97EA622B25F41E5EB2",
            TransferModule.VoucherDenom("transfer", "channel-0", "uatom"));
    }

    [Fact]
    public void A_voucher_sent_back_is_burned_on_its_chain_and_released_from_escrow_at_home()
    {
        _t.AliceToBob(100);
        _t.AB.Relay();

        var back = _t.BobToAlice(40);
        Assert.True(back.IsSuccess, back.ToString());
        Assert.Equal(Amt(60), _t.B.State.Bank.SupplyOf(_t.UaOnB));
        _t.AssertConserved();
        var stats = _t.AB.Relay();

        Assert.Equal((1, 1), (stats.Received, stats.Acknowledged));
        Assert.Equal(Amt(60), _t.B.Balance(_t.Bob, _t.UaOnB));
        Assert.Equal(Amt(40), _t.B.State.Bank.Burned[_t.UaOnB]);
        Assert.Equal(Amt(60), _t.A.Balance(_t.EscrowA, "ua"));
        Assert.Equal(Amt(Funds - 60), _t.A.Balance(_t.Alice, "ua"));
        _t.AssertBacked();

        _t.BobToAlice(60);
        _t.AB.Relay();

        Assert.Equal(Amount.Zero, _t.B.State.Bank.SupplyOf(_t.UaOnB));
        Assert.Equal(Amount.Zero, _t.A.Balance(_t.EscrowA, "ua"));
        Assert.Equal(Amt(Funds), _t.A.Balance(_t.Alice, "ua"));
        _t.AssertBacked();
    }

    [Theory]
    [InlineData("failure: a receiver with the sender chain's prefix", "a1qqqqqqqqqq")]
    [InlineData("failure: an empty receiver", "")]
    [InlineData("failure: a receiver that is no address at all", "Bob's wallet")]
    public void An_error_ack_refunds_the_sender(string label, string receiver)
    {
        _ = label;
        _t.AliceToBob(100, receiver);
        _t.AssertConserved();

        var stats = _t.AB.Relay();

        Assert.Equal((1, 1), (stats.Received, stats.Acknowledged));
        var ack = TwoChains.AckOn(_t.AB.B, 1);
        Assert.False(ack.IsSuccess);
        Assert.Contains("InvalidAddress", ack.Error);
        Assert.Equal(Amt(Funds), _t.A.Balance(_t.Alice, "ua"));
        Assert.Equal(Amount.Zero, _t.A.Balance(_t.EscrowA, "ua"));
        Assert.Equal(Amount.Zero, _t.B.State.Bank.SupplyOf(_t.UaOnB));
        Assert.False(_t.B.State.Ibc.DenomTraces.ContainsKey(_t.UaOnB));
        _t.AssertBacked();
    }

    [Fact]
    public void An_error_ack_on_a_voucher_going_home_mints_it_back_to_the_sender()
    {
        _t.AliceToBob(100);
        _t.AB.Relay();

        _t.BobToAlice(30, receiver: "b1notalice");
        Assert.Equal(Amt(70), _t.B.State.Bank.SupplyOf(_t.UaOnB));
        _t.AB.Relay();

        Assert.Equal(Amt(100), _t.B.Balance(_t.Bob, _t.UaOnB));
        Assert.Equal(Amt(100), _t.B.State.Bank.SupplyOf(_t.UaOnB));
        Assert.Equal(Amt(100), _t.A.Balance(_t.EscrowA, "ua"));
        _t.AssertBacked();
    }

    [Fact]
    public void A_timeout_refunds_the_sender()
    {
        _t.AB.Paused = true;
        _t.AliceToBob(100, timeout: _t.Soon(10));
        _t.Coord.IncrementTime(60);
        _t.Coord.CommitBlock(_t.B);
        _t.AB.Paused = false;

        var stats = _t.AB.Relay();

        Assert.Equal((0, 1), (stats.Received, stats.TimedOut));
        Assert.Equal(Amt(Funds), _t.A.Balance(_t.Alice, "ua"));
        Assert.Equal(Amount.Zero, _t.A.Balance(_t.EscrowA, "ua"));
        Assert.Equal(Amount.Zero, _t.B.State.Bank.SupplyOf(_t.UaOnB));
        Assert.Empty(_t.A.State.Ibc.PendingPackets("transfer", _t.AB.A.ChannelId));
        _t.AssertBacked();
    }

    [Fact]
    public void A_timeout_by_height_refunds_the_sender()
    {
        _t.AB.Paused = true;
        _t.AliceToBob(100, timeout: IbcTimeout.AtHeight(_t.B.Height + 2));
        _t.Coord.CommitBlock(_t.B);
        _t.Coord.CommitBlock(_t.B);
        _t.AB.Paused = false;

        var stats = _t.AB.Relay();

        Assert.Equal(1, stats.TimedOut);
        Assert.Equal(Amt(Funds), _t.A.Balance(_t.Alice, "ua"));
        _t.AssertBacked();
    }

    [Fact]
    public void A_timeout_on_a_voucher_going_home_mints_it_back_to_the_sender()
    {
        _t.AliceToBob(100);
        _t.AB.Relay();
        _t.AB.Paused = true;
        _t.BobToAlice(100, timeout: _t.Soon(10));
        Assert.Equal(Amount.Zero, _t.B.State.Bank.SupplyOf(_t.UaOnB));
        _t.Coord.IncrementTime(60);
        _t.Coord.CommitBlock(_t.A);
        _t.AB.Paused = false;

        var stats = _t.AB.Relay();

        Assert.Equal(1, stats.TimedOut);
        Assert.Equal(Amt(100), _t.B.Balance(_t.Bob, _t.UaOnB));
        Assert.Equal(Amt(100), _t.A.Balance(_t.EscrowA, "ua"));
        Assert.Equal(Amt(Funds - 100), _t.A.Balance(_t.Alice, "ua"));
        _t.AssertBacked();
    }

    [Fact]
    public void Vouchers_travel_on_to_a_third_chain_and_back_home_with_every_ledger_balanced()
    {
        var bc = _t.Coord.NewPath(_t.B, "transfer", _t.C, "transfer", "ics20-1");
        bc.OpenChannel();
        _t.AliceToBob(100);
        _t.AB.Relay();

        // B -> C: B's voucher is escrowed on B (it is not going home over this channel) and C mints a two-hop voucher
        Assert.True(_t.Transfer(_t.B, _t.Bob, bc.A.ChannelId, new Coin(_t.UaOnB, 30), _t.Carol.Value).IsSuccess);
        bc.Relay();
        var twoHops = TransferModule.VoucherDenom("transfer", bc.B.ChannelId, $"transfer/{_t.AB.B.ChannelId}/ua");
        var escrowBC = ModuleAccounts.TransferEscrow("b", bc.A.ChannelId);
        Assert.Equal(Amt(30), _t.C.Balance(_t.Carol, twoHops));
        Assert.Equal(Amt(30), _t.B.Balance(escrowBC, _t.UaOnB));
        Assert.Equal(Amt(100), _t.B.State.Bank.SupplyOf(_t.UaOnB));
        _t.AssertBacked();

        // C -> B: burned on C, released from B's escrow
        Assert.True(_t.Transfer(_t.C, _t.Carol, bc.B.ChannelId, new Coin(twoHops, 30), _t.Bob.Value).IsSuccess);
        bc.Relay();
        Assert.Equal(Amount.Zero, _t.C.State.Bank.SupplyOf(twoHops));
        Assert.Equal(Amount.Zero, _t.B.Balance(escrowBC, _t.UaOnB));
        Assert.Equal(Amt(100), _t.B.Balance(_t.Bob, _t.UaOnB));

        // B -> A: home
        _t.BobToAlice(100);
        _t.AB.Relay();
        Assert.Equal(Amt(Funds), _t.A.Balance(_t.Alice, "ua"));
        _t.AssertBacked();
    }

    [Fact]
    public void Native_tokens_of_the_counterparty_travel_the_other_way_symmetrically()
    {
        var ubOnA = TransferModule.VoucherDenom("transfer", _t.AB.A.ChannelId, "ub");

        Assert.True(_t.Transfer(_t.B, _t.Bob, _t.AB.B.ChannelId, new Coin("ub", 250), _t.Alice.Value).IsSuccess);
        _t.AB.Relay();

        Assert.Equal(Amt(250), _t.A.Balance(_t.Alice, ubOnA));
        Assert.Equal(Amt(250), _t.B.Balance(ModuleAccounts.TransferEscrow("b", _t.AB.B.ChannelId), "ub"));
        _t.AssertConserved();
    }

    [Theory]
    [InlineData("failure: a zero amount", "zero", "InvalidPacket")]
    [InlineData("failure: more than the sender has", "too-much", "InsufficientFunds")]
    [InlineData("failure: a voucher with no known trace", "unknown-voucher", "NotFound")]
    [InlineData("failure: a channel that does not exist", "no-channel", "ChannelNotFound")]
    [InlineData("failure: no timeout", "no-timeout", "InvalidPacket")]
    [InlineData("failure: a height timeout the counterparty already passed", "passed-height", "InvalidPacket")]
    [InlineData("failure: a time timeout the counterparty already passed", "passed-time", "InvalidPacket")]
    public void A_transfer_that_cannot_be_sent_moves_no_tokens(string label, string what, string kind)
    {
        _ = label;
        var r = what switch
        {
            "zero" => _t.AliceToBob(0),
            "too-much" => _t.AliceToBob(Funds + 1),
            "unknown-voucher" => _t.Transfer(_t.A, _t.Alice, _t.AB.A.ChannelId, new Coin("ibc/DEAD", 1), _t.Bob.Value),
            "no-channel" => _t.Transfer(_t.A, _t.Alice, "channel-9", new Coin("ua", 1), _t.Bob.Value),
            "no-timeout" => _t.AliceToBob(10, timeout: new IbcTimeout(null, null)),
            "passed-height" => _t.AliceToBob(10, timeout: IbcTimeout.AtHeight(1)),
            _ => _t.AliceToBob(10, timeout: IbcTimeout.AtTime(Timestamp.FromSeconds(1))),
        };

        Assert.Equal(kind, r.Error!.Kind);
        Assert.Equal(Amt(Funds), _t.A.Balance(_t.Alice, "ua"));
        Assert.Equal(Amount.Zero, _t.A.Balance(_t.EscrowA, "ua"));
        Assert.Empty(_t.A.State.Ibc.PendingPackets("transfer", _t.AB.A.ChannelId));
        _t.AssertConserved();
    }

    [Theory]
    [InlineData("failure: an ordered channel", "ics20-1", IbcOrder.Ordered, "InvalidOrder")]
    [InlineData("failure: another version", "ics20-2", IbcOrder.Unordered, "InvalidVersion")]
    public void The_transfer_module_refuses_a_channel_that_is_not_unordered_ics20_1(string label, string version, IbcOrder order, string kind)
    {
        _ = label;
        var path = _t.Coord.NewPath(_t.A, "transfer", _t.B, "transfer", version, order);
        var channels = _t.A.State.Ibc.Channels.Count;

        var failed = path.TryOpenChannel();

        Assert.Equal(kind, failed!.Error!.Kind);
        Assert.Equal(channels, _t.A.State.Ibc.Channels.Count);
    }

    [Fact]
    public void A_native_denom_with_slashes_arrives_as_a_voucher_of_its_full_name()
    {
        var r = _t.Transfer(_t.A, _t.Alice, _t.AB.A.ChannelId, new Coin(FactoryDenom, 100), _t.Bob.Value);
        Assert.True(r.IsSuccess, r.ToString());

        _t.AB.Relay();

        var voucher = TransferModule.VoucherDenom("transfer", _t.AB.B.ChannelId, FactoryDenom);
        Assert.Equal(Amt(100), _t.B.Balance(_t.Bob, voucher));
        Assert.Equal($"transfer/{_t.AB.B.ChannelId}/{FactoryDenom}", _t.B.State.Ibc.DenomTraces[voucher]);
        Assert.Equal(Amt(100), _t.A.Balance(_t.EscrowA, FactoryDenom));
        _t.AssertConserved();
    }

    [Fact]
    public void An_error_ack_refunds_a_native_denom_with_slashes()
    {
        _t.Transfer(_t.A, _t.Alice, _t.AB.A.ChannelId, new Coin(FactoryDenom, 100), "a1wrongprefix");
        var packet = _t.A.State.Ibc.PendingPackets("transfer", _t.AB.A.ChannelId).Single();
        _t.AB.UpdateClient(_t.AB.B);
        Assert.True(RelayTx(_t.B, new IbcRelayMsg.RecvPacket(packet, TwoChains.ClientHeight(_t.AB.B), _t.AB.B.Relayer)).IsSuccess);
        Assert.False(TwoChains.AckOn(_t.AB.B, packet.Sequence).IsSuccess);
        _t.AB.UpdateClient(_t.AB.A);

        var ack = RelayTx(_t.A, new IbcRelayMsg.AcknowledgePacket(packet,
            _t.B.State.Ibc.Acknowledgement("transfer", _t.AB.B.ChannelId, packet.Sequence)!, TwoChains.ClientHeight(_t.AB.A), _t.AB.A.Relayer));

        Assert.True(ack.IsSuccess, ack.ToString());
        Assert.Equal(Amt(Funds), _t.A.Balance(_t.Alice, FactoryDenom));
        Assert.Equal(Amount.Zero, _t.A.Balance(_t.EscrowA, FactoryDenom));
        _t.AssertConserved();
    }

    [Fact]
    public void A_native_denom_with_slashes_comes_home_and_is_released_from_escrow()
    {
        _t.Transfer(_t.A, _t.Alice, _t.AB.A.ChannelId, new Coin(FactoryDenom, 100), _t.Bob.Value);
        _t.AB.Relay();
        var voucher = TransferModule.VoucherDenom("transfer", _t.AB.B.ChannelId, FactoryDenom);

        Assert.True(_t.Transfer(_t.B, _t.Bob, _t.AB.B.ChannelId, new Coin(voucher, 100), _t.Alice.Value).IsSuccess);
        _t.AB.Relay();

        Assert.True(TwoChains.AckOn(_t.AB.A, 1).IsSuccess, TwoChains.AckOn(_t.AB.A, 1).ToString());
        Assert.Equal(Amt(Funds), _t.A.Balance(_t.Alice, FactoryDenom));
        Assert.Equal(Amount.Zero, _t.A.Balance(_t.EscrowA, FactoryDenom));
        Assert.Equal(Amount.Zero, _t.B.State.Bank.SupplyOf(voucher));
        _t.AssertConserved();
    }

    private TxResult RelayTx(ChainApp chain, IbcRelayMsg msg) =>
        _t.Coord.Execute(chain, Addr.Derive(chain.State.Prefix, "relayer"), new CosmosMsg.Relay(msg));
}
