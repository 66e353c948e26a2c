using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Testing;
using MeshSecurity.Core.Tests.Support;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Tests.Execution;

public class SmokeTests
{
    [Fact]
    public void A_packet_is_received_and_acknowledged_across_two_chains()
    {
        var coord = new Coordinator();
        var codes = new CodeRegistry([new MockApp()]);
        var alice = Addr.Derive("a", "alice");
        var chainA = coord.AddChain(new ChainConfig { ChainId = "a-1", AddressPrefix = "a", BondDenom = "ua" }, codes,
            [new GenesisAccount(alice, Coins.Of("ua", 1_000_000))], [new GenesisValidator("v1", 100)]);
        var chainB = coord.AddChain(new ChainConfig { ChainId = "b-1", AddressPrefix = "b", BondDenom = "ub" }, codes,
            [], [new GenesisValidator("v1", 100)]);
        var bob = Addr.Derive("b", "bob");
        var appA = (InstantiateResult)coord.MustExecute(chainA, alice, new CosmosMsg.WasmInstantiate(MockApp.Code, new MockApp.Init(0), Coins.Empty, "a", null)).MsgData[0]!;
        chainB.Submit(Core.Execution.Tx.Of(bob, new CosmosMsg.WasmInstantiate(MockApp.Code, new MockApp.Init(0), Coins.Empty, "b", null)));
        var appB = (InstantiateResult)coord.CommitBlock(chainB)[0].TxResults[0].MsgData[0]!;

        var path = coord.NewPath(chainA, WasmState.PortOf(appA.ContractAddress), chainB, WasmState.PortOf(appB.ContractAddress), "v1");
        path.OpenChannel();
        coord.MustExecute(chainA, alice, new CosmosMsg.WasmExecute(appA.ContractAddress, new MockApp.Exec.Send(path.A.ChannelId, "hello", 600), Coins.Empty));
        var stats = path.Relay();

        Assert.Equal(1, stats.Received);
        Assert.Equal(1, stats.Acknowledged);
        var stateB = chainB.Query<MockApp.State>(appB.ContractAddress, new MockApp.Ask());
        Assert.Equal(1, stateB.Counter);
        var stateA = chainA.Query<MockApp.State>(appA.ContractAddress, new MockApp.Ask());
        Assert.Contains("ack 1 ok", stateA.Log);
        Assert.Empty(chainA.State.Bank.CheckConservation());
    }
}
