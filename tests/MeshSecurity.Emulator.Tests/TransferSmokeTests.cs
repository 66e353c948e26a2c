using MeshSecurity.Core.Relaying;
using Akka.TestKit.Xunit2;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Ibc.Transfer;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using MeshSecurity.Emulator.Chains;
using MeshSecurity.Emulator.Channels;
using MeshSecurity.Emulator.Network;
using Xunit.Abstractions;

namespace MeshSecurity.Emulator.Tests;

public class TransferSmokeTests(ITestOutputHelper output) : TestKit(output: output)
{
    [Fact]
    public async Task An_ics20_transfer_is_relayed_by_the_channel_actor()
    {
        await using var net = MeshNetwork.Start(Sys);
        var alice = Addr.Derive("a", "alice");
        var bob = Addr.Derive("b", "bob");
        await net.AddChainAsync(new ChainDefinition(new ChainConfig { ChainId = "a-1", AddressPrefix = "a", BondDenom = "ua", BlockTimeSeconds = 5 },
            [new GenesisAccount(alice, Coins.Of("ua", 1_000_000))], [new GenesisValidator("v1", 100)]));
        await net.AddChainAsync(new ChainDefinition(new ChainConfig { ChainId = "b-1", AddressPrefix = "b", BondDenom = "ub", BlockTimeSeconds = 6 },
            [], [new GenesisValidator("v1", 100)]));

        var ends = await net.OpenChannelAsync("a-b/transfer", new ChannelSpec("a-1", "transfer", "b-1", "transfer", TransferModule.Version,
            Latency: new LatencyModel.Constant(2)));
        var sent = await net.MustExecuteAsync("a-1", alice, new CosmosMsg.IbcTransfer(ends.ChannelA, bob.Value, new Coin("ua", 250),
            IbcTimeout.AtTime((await net.NowAsync()).PlusSeconds(600))));
        Assert.True(sent.IsSuccess);
        await net.RunForAsync(60);

        var b = await net.StateAsync("b-1");
        var voucher = TransferModule.VoucherDenom("transfer", ends.ChannelB, "ua");
        Assert.Equal((Amount)250, b.Bank.Balance(bob, voucher));
        var a = await net.StateAsync("a-1");
        Assert.Empty(a.Ibc.PendingPackets("transfer", ends.ChannelA));
        var info = await net.ChannelInfoAsync("a-b/transfer");
        Assert.Equal(1, info.Sent);
        Assert.Equal(1, info.Acknowledged);
    }
}
