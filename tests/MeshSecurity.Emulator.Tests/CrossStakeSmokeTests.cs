using Akka.TestKit.Xunit2;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Contracts.Consumer;
using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using MeshSecurity.Emulator.Chains;
using MeshSecurity.Emulator.Network;
using Xunit.Abstractions;

namespace MeshSecurity.Emulator.Tests;

public class CrossStakeSmokeTests(ITestOutputHelper output) : TestKit(output: output)
{
    [Fact]
    public async Task A_claim_granted_on_the_provider_becomes_a_delegation_on_the_consumer()
    {
        await using var net = MeshNetwork.Start(Sys);
        var user = Addr.Derive("osmo", "user");
        await net.AddChainAsync(new ChainDefinition(new ChainConfig { ChainId = "osmosis", AddressPrefix = "osmo", BondDenom = "uosmo", BlockTimeSeconds = 6 },
            [new GenesisAccount(user, Coins.Of("uosmo", 1_000_000))], [new GenesisValidator("o1", 1_000)]));
        await net.AddChainAsync(new ChainDefinition(new ChainConfig { ChainId = "juno", AddressPrefix = "juno", BondDenom = "ujuno", BlockTimeSeconds = 5 },
            [new GenesisAccount(Core.Chain.ModuleAccounts.Gov("juno"), Coins.Of("ujuno", 10_000_000))], [new GenesisValidator("j1", 1_000), new GenesisValidator("j2", 2_000)]));
        var link = await net.LinkAsync(new LinkDefinition("osmosis", "juno", Dec.Parse("0.1"), 1_000_000));

        var j1 = ChainGenesis.ValidatorAddress("juno", "j1");
        await net.MustExecuteAsync("osmosis", user, new CosmosMsg.WasmExecute(link.Lockup, new LockupMsg.Execute.Bond(), Coins.Of("uosmo", 5_000)));
        await net.MustExecuteAsync("osmosis", user, new CosmosMsg.WasmExecute(link.Lockup,
            new LockupMsg.Execute.GrantClaim(link.Provider.Value, 3_000, j1.Value), Coins.Empty));
        await net.RunForAsync(60);

        var remote = await net.QueryAsync<ConsumerMsg.RemoteStakeResponse>("juno", link.Consumer, new ConsumerMsg.Query.RemoteStake(j1.Value));
        Assert.Equal((Amount)3_000, remote.Amount);
        Assert.Equal((Amount)300, remote.LocalAmount);
        var stake = await net.QueryAsync<ProviderMsg.StakeResponse>("osmosis", link.Provider, new ProviderMsg.Query.Stake(j1.Value));
        Assert.Equal((Amount)3_000, stake.Tokens);
        var juno = await net.StateAsync("juno");
        Assert.Equal((Amount)1_300, juno.Staking.Validator(j1)!.Tokens);
    }
}
