using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Contracts.Consumer;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Wasm;
using static MeshSecurity.Core.Tests.Contracts.Consumer.ConsumerFixture;

namespace MeshSecurity.Core.Tests.Contracts.Consumer;

public sealed class ConsumerEvictionTests
{
    private static ConsumerMsg.RemoteStakeResponse Stake(ConsumerFixture c, string validator) =>
        c.H.Query<ConsumerMsg.RemoteStakeResponse>(new ConsumerMsg.Query.RemoteStake(validator));

    [Fact]
    public void Evict_sends_the_provider_each_validators_stake_back_and_clears_the_records()
    {
        var c = new ConsumerFixture();
        c.Stake(Validator, 1000);
        c.Stake(Validator2, 300);
        var r = c.H.Execute(MetaStakingAddr, new ConsumerMsg.Execute.Evict());
        var packets = r.Messages.Select(m => m.Msg).OfType<CosmosMsg.IbcSendPacket>()
            .Select(p => Wire.Decode<ConsumerPacket>(p.Data)).ToList();
        Assert.Equal(
            [
                new ConsumerPacket.InternalUnstake(Validator, new Amount(1000)),
                new ConsumerPacket.InternalUnstake(Validator2, new Amount(300)),
            ],
            packets);
        Assert.DoesNotContain(r.Messages, m => m.Msg is CosmosMsg.WasmExecute); // meta-staking has undelegated already
        Assert.Equal(Amount.Zero, Stake(c, Validator).Amount);
    }

    [Fact]
    public void An_unstake_sent_before_the_eviction_is_acknowledged_from_the_evicted_stake_without_undelegating()
    {
        var c = new ConsumerFixture();
        c.Stake(Validator, 1000);
        c.H.Execute(MetaStakingAddr, new ConsumerMsg.Execute.Evict());
        var r = c.Unstake(Validator, 400);
        Assert.True(r.Acknowledgement!.IsSuccess);
        Assert.DoesNotContain(r.Messages, m => m.Msg is CosmosMsg.WasmExecute);
        Assert.IsType<ConsumerError.InsufficientStake>(c.ReceiveFails(new ProviderPacket.Unstake(Validator, 601, Staker)));
    }

    [Fact]
    public void Only_meta_staking_may_evict()
    {
        var c = new ConsumerFixture();
        Assert.IsType<ConsumerError.Unauthorized>(c.H.ExecuteFails(Relayer, new ConsumerMsg.Execute.Evict()));
    }
}
