using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Tests.Support;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Tests.IbcModule;

public class ChannelHandshakeTests
{
    private readonly TwoChains _t = new();

    [Theory]
    [InlineData("success: an unordered channel", IbcOrder.Unordered)]
    [InlineData("success: an ordered channel", IbcOrder.Ordered)]
    public void The_four_step_handshake_opens_both_ends_with_the_requested_order(string label, IbcOrder order)
    {
        _ = label;
        var path = _t.NewPath(order: order);

        Assert.Null(path.TryOpenChannel());

        var a = path.A.Channel!;
        var b = path.B.Channel!;
        Assert.Equal((ChannelState.Open, ChannelState.Open), (a.State, b.State));
        Assert.Equal((order, order), (a.Order, b.Order));
        Assert.Equal(b.Endpoint, a.Counterparty);
        Assert.Equal(a.Endpoint, b.Counterparty);
        Assert.Equal(("v1", "v1"), (a.Version, b.Version));
        Assert.Equal(path.A.ConnectionId, a.ConnectionId);
        Assert.Equal(WasmState.PortOf(_t.AppA), a.Endpoint.PortId);
        Assert.Equal(["connect " + path.A.ChannelId], _t.StateA.Log);
        Assert.Equal(["connect " + path.B.ChannelId], _t.StateB.Log);
    }

    [Fact]
    public void A_channel_handshake_refused_by_the_initiating_app_leaves_no_channel()
    {
        var path = _t.NewPath(version: "bad");

        var failed = path.TryOpenChannel();

        Assert.NotNull(failed);
        Assert.False(failed.IsSuccess);
        Assert.Equal("Boom", failed.Error!.Kind);
        Assert.Empty(_t.A.State.Ibc.Channels);
        Assert.Empty(_t.B.State.Ibc.Channels);
        Assert.Throws<InvalidOperationException>(() => _t.NewPath(version: "bad").OpenChannel());
    }

    [Fact]
    public void A_channel_handshake_refused_by_the_counterparty_app_leaves_no_channel_open()
    {
        var path = _t.NewPath();
        path.B.Version = "bad";

        var failed = path.TryOpenChannel();

        Assert.NotNull(failed);
        Assert.Equal("Boom", failed.Error!.Kind);
        Assert.Empty(_t.B.State.Ibc.Channels);
        Assert.All(_t.A.State.Ibc.Channels.Values, c => Assert.Equal(ChannelState.Init, c.State));
        Assert.Empty(_t.StateA.Log);
        Assert.Empty(_t.StateB.Log);
    }

    [Fact]
    public void A_channel_cannot_be_acknowledged_twice()
    {
        var path = _t.OpenPath();

        var r = _t.Relay(_t.A, new IbcRelayMsg.ChannelOpenAck(path.A.PortId, path.A.ChannelId, path.B.ChannelId, "v1"));

        Assert.Equal("InvalidChannelState", r.Error!.Kind);
        Assert.Equal(ChannelState.Open, path.A.Channel!.State);
    }

    [Fact]
    public void A_channel_on_a_port_nobody_owns_is_refused()
    {
        var path = _t.NewPath();
        path.A.PortId = "wasm.a1nobody";

        var failed = path.TryOpenChannel();

        Assert.Equal("PortNotBound", failed!.Error!.Kind);
        Assert.Empty(_t.A.State.Ibc.Channels);
    }

    [Fact]
    public void Closing_a_channel_end_and_confirming_on_the_counterparty_calls_both_apps()
    {
        var path = _t.OpenPath();

        var close = _t.Coord.Execute(_t.A, _t.Alice, new CosmosMsg.WasmExecute(_t.AppA,
            new MockApp.Exec.Dispatch(new CosmosMsg.IbcCloseChannel(path.A.ChannelId), ReplyOn.Never, 0), Coins.Empty));
        var confirm = _t.Relay(_t.B, new IbcRelayMsg.ChannelCloseConfirm(path.B.PortId, path.B.ChannelId));

        Assert.True(close.IsSuccess, close.ToString());
        Assert.True(confirm.IsSuccess, confirm.ToString());
        Assert.Equal(ChannelState.Closed, path.A.Channel!.State);
        Assert.Equal(ChannelState.Closed, path.B.Channel!.State);
        Assert.Contains("close " + path.A.ChannelId, _t.StateA.Log);
        Assert.Contains("close " + path.B.ChannelId, _t.StateB.Log);
        Assert.Contains(close.Events, e => e.Type == IbcEvents.ChannelCloseInit);
        Assert.Contains(confirm.Events, e => e.Type == IbcEvents.ChannelCloseConfirm);
    }
}
