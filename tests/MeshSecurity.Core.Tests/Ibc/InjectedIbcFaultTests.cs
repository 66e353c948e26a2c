using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Tests.IbcModule;

/// <summary>The chaos switches governance has over IBC: injected error acks, and a light client frozen then recovered.</summary>
public sealed class InjectedIbcFaultTests
{
    private readonly TwoChains _t = new();

    [Fact]
    public void A_frozen_client_refuses_every_proof_and_header_until_governance_recovers_it()
    {
        var path = _t.OpenPath();
        var packet = _t.Send(path, "hello");
        path.UpdateClient(path.B);
        _t.Coord.MustExecute(_t.B, _t.B.Gov, new CosmosMsg.GovFreezeClient(path.B.ClientId));

        Assert.IsType<IbcError.ClientFrozen>(_t.Relay(_t.B, _t.Recv(path, packet)).Error);
        Assert.IsType<IbcError.ClientFrozen>(_t.Relay(_t.B, new IbcRelayMsg.UpdateClient(path.B.ClientId, _t.A.Header())).Error);
        Assert.Equal(0, _t.StateB.Counter);
        // only governance may freeze or recover
        Assert.NotNull(_t.Coord.Execute(_t.B, _t.Bob, new CosmosMsg.GovRecoverClient(path.B.ClientId, _t.A.Header())).Error);

        _t.Coord.MustExecute(_t.B, _t.B.Gov, new CosmosMsg.GovRecoverClient(path.B.ClientId, _t.A.Header()));

        Assert.False(_t.B.State.Ibc.Clients[path.B.ClientId].Frozen);
        Assert.Equal(_t.A.Height, TwoChains.ClientHeight(path.B));
        Assert.Null(_t.Relay(_t.B, _t.Recv(path, packet)).Error);
        Assert.Equal(1, _t.StateB.Counter);
    }

    [Fact]
    public void An_injected_error_ack_keeps_the_packet_from_the_application_and_switched_off_it_reaches_it_again()
    {
        var path = _t.OpenPath();
        // the mock application's data is not a mesh packet: it has no kind, so it is never refused
        var plain = _t.Send(path, "hello");
        path.UpdateClient(path.B);
        var on = new CosmosMsg.GovInjectErrorAcks(path.B.PortId, path.B.ChannelId, "stake", true);
        _t.Coord.MustExecute(_t.B, _t.B.Gov, on);
        Assert.Null(_t.Relay(_t.B, _t.Recv(path, plain)).Error);
        Assert.True(TwoChains.AckOn(path.B, 1).IsSuccess);

        var stake = _t.Send(path, "{\"stake\":{}}");
        path.UpdateClient(path.B);
        Assert.Null(_t.Relay(_t.B, _t.Recv(path, stake)).Error);

        var ack = TwoChains.AckOn(path.B, stake.Sequence);
        Assert.Equal(TxExecution.InjectedErrorAck, ack.Error);
        Assert.Equal(1, _t.StateB.Counter);
        Assert.True(_t.B.State.Ibc.HasReceipt(path.B.PortId, path.B.ChannelId, stake.Sequence));

        _t.Coord.MustExecute(_t.B, _t.B.Gov, on with { On = false });
        var again = _t.Send(path, "{\"stake\":{}}");
        path.UpdateClient(path.B);
        Assert.Null(_t.Relay(_t.B, _t.Recv(path, again)).Error);
        Assert.Equal(2, _t.StateB.Counter);
    }
}
