using System.Text;
using Akka.Actor;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using MeshSecurity.Emulator.Chains;
using MeshSecurity.Emulator.Persistence;

namespace MeshSecurity.Emulator.Tests.Persistence;

/// <summary>
/// The reward rate and governance's mint in the journal's v1 records: a chain with a rate writes it and reads it back
/// (one without writes its record as before, which its golden file checks), and a mint transaction round-trips.
/// </summary>
public sealed class RewardJournalTests : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("reward-journal");
    private JournalSerializer Serializer => new((ExtendedActorSystem)_system);

    [Fact]
    public void A_chain_with_a_reward_rate_is_journaled_with_it()
    {
        var config = new ChainConfig
        {
            ChainId = "cosmos", AddressPrefix = "cosmos", BondDenom = "ustake", BlockRewardRate = Dec.Parse("0.5256"),
        };
        var record = new ChainStarted(new ChainDefinition(config, [], [new GenesisValidator("val-1", 100)], "seed", 0));
        var bytes = Serializer.ToBinary(record);
        Assert.Contains("\"block_reward_rate\":\"0.5256\"", Encoding.UTF8.GetString(bytes));
        var back = Assert.IsType<ChainStarted>(Serializer.FromBinary(bytes, "chain-started.v1"));
        Assert.Equal(Dec.Parse("0.5256"), back.Definition.Config.BlockRewardRate);
    }

    [Fact]
    public void A_mint_transaction_is_journaled_and_read_back()
    {
        var to = Addr.Derive("cosmos", "alice");
        var gov = ModuleAccounts.Gov("cosmos").Value;
        var record = new TxAccepted(Timestamp.FromSeconds(1), "network", "k", 0, "cosmos/1", gov, [new CosmosMsg.GovMint(to, Coins.Of(new Coin("ustake", 500)))]);
        var back = Assert.IsType<TxAccepted>(Serializer.FromBinary(Serializer.ToBinary(record), "tx-accepted.v1"));
        Assert.Equal(new CosmosMsg.GovMint(to, Coins.Of(new Coin("ustake", 500))), Assert.Single(back.Msgs));
    }

    public void Dispose() => _system.Dispose();
}
