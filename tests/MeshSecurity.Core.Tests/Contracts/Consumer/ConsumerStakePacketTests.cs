using System.Text;
using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Contracts.Consumer;
using MeshSecurity.Core.Contracts.MetaStaking;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Wasm;
using static MeshSecurity.Core.Tests.Contracts.Consumer.ConsumerFixture;

namespace MeshSecurity.Core.Tests.Contracts.Consumer;

public sealed class ConsumerStakePacketTests
{
    private readonly ConsumerFixture _f = new();

    [Fact]
    public void Stake_of_1000_at_rate_0_1_delegates_100_and_acks_stake()
    {
        var response = _f.Stake(Validator, 1000);
        Assert.Equal([new MetaStakingMsg.Execute.Delegate(Validator, 100)], MetaStakingCalls(response));
        Assert.Equal(new ProviderPacketAck.Stake(), Ack<ProviderPacketAck.Stake>(response));
        Assert.Equal("{}", Encoding.UTF8.GetString(response.Acknowledgement!.Result!));
        Assert.Equal(new ConsumerMsg.RemoteStakeResponse(Validator, 1000, 100),
            _f.H.Query<ConsumerMsg.RemoteStakeResponse>(new ConsumerMsg.Query.RemoteStake(Validator)));
    }

    [Fact]
    public void Unstake_undelegates_the_local_difference_and_acks_unstake()
    {
        _f.Stake(Validator, 1000);
        var response = _f.Unstake(Validator, 400);
        Assert.Equal([new MetaStakingMsg.Execute.Undelegate(Validator, 40)], MetaStakingCalls(response));
        Assert.Equal(new ProviderPacketAck.Unstake(), Ack<ProviderPacketAck.Unstake>(response));
        Assert.Equal(600UL, (ulong)_f.RemoteStake(Validator).Value);
    }

    [Fact]
    public void Unstake_fails_with_InsufficientStake_when_it_exceeds_the_record()
    {
        _f.Stake(Validator, 100);
        var error = _f.ReceiveFails(new ProviderPacket.Unstake(Validator, 101, Staker));
        Assert.Equal(new ConsumerError.InsufficientStake(Validator, 100, 101), error);
        Assert.Equal("Insufficient stake to withdraw this", error.Message);
        Assert.Equal(100UL, (ulong)_f.RemoteStake(Validator).Value);
    }

    [Fact]
    public void Burn_lowers_the_record_and_undelegates_like_unstake()
    {
        _f.Stake(Validator, 1000);
        var response = _f.Burn(Validator, 250);
        Assert.Equal([new MetaStakingMsg.Execute.Undelegate(Validator, 25)], MetaStakingCalls(response));
        Assert.Equal(new ProviderPacketAck.Burn(), Ack<ProviderPacketAck.Burn>(response));
        Assert.Equal(750UL, (ulong)_f.RemoteStake(Validator).Value);
    }

    [Fact]
    public void Burn_larger_than_the_record_is_capped_at_the_record()
    {
        _f.Stake(Validator, 1000);
        var response = _f.Burn(Validator, 5000);
        Assert.Equal([new MetaStakingMsg.Execute.Undelegate(Validator, 100)], MetaStakingCalls(response));
        Assert.Equal(0UL, (ulong)_f.RemoteStake(Validator).Value);
        Assert.Empty(_f.H.Query<ConsumerMsg.AllRemoteStakesResponse>(new ConsumerMsg.Query.AllRemoteStakes()).Stakes);
    }

    [Fact]
    public void B9_stake_15_twice_at_rate_0_1_delegates_1_then_2_and_unstake_30_undelegates_exactly_3()
    {
        Assert.Equal([new MetaStakingMsg.Execute.Delegate(Validator, 1)], MetaStakingCalls(_f.Stake(Validator, 15)));
        Assert.Equal([new MetaStakingMsg.Execute.Delegate(Validator, 2)], MetaStakingCalls(_f.Stake(Validator, 15)));
        Assert.Equal([new MetaStakingMsg.Execute.Undelegate(Validator, 3)], MetaStakingCalls(_f.Unstake(Validator, 30)));
    }

    [Fact]
    public void A_stake_too_small_to_move_the_floor_is_recorded_without_a_meta_staking_call()
    {
        var response = _f.Stake(Validator, 9);
        Assert.Empty(response.Messages);
        Assert.NotNull(response.Acknowledgement);
        Assert.Equal(9UL, (ulong)_f.RemoteStake(Validator).Value);
    }

    [Fact]
    public void Stake_fails_with_UnknownValidator_for_a_validator_this_chain_does_not_have()
    {
        Assert.Equal(new ConsumerError.UnknownValidator("testvaloper1ghost"), _f.ReceiveFails(new ProviderPacket.Stake("testvaloper1ghost", 10, Staker)));
    }

    [Fact]
    public void All_remote_stakes_lists_validators_ascending_with_their_local_amounts()
    {
        _f.Stake(Validator2, 55);
        _f.Stake(Validator, 1000);
        var all = _f.H.Query<ConsumerMsg.AllRemoteStakesResponse>(new ConsumerMsg.Query.AllRemoteStakes());
        Assert.Equal([new(Validator, 1000, 100), new(Validator2, 55, 5)], all.Stakes.ToArray());
    }

    [Fact]
    public void List_validators_acks_the_bonded_validators_sorted()
    {
        _f.H.Querier.ValidatorList.Add(new ValidatorInfo(new Types.Addr("testvaloper1aaa"), 5, 5, "bonded", false, false));
        _f.H.Querier.ValidatorList.Add(new ValidatorInfo(new Types.Addr("testvaloper1zzz"), 5, 5, "unbonded", false, false));
        var response = _f.Receive(new ProviderPacket.ListValidators());
        Assert.Empty(response.Messages);
        Assert.Equal(["testvaloper1aaa", Validator, Validator2], Ack<ProviderPacketAck.ListValidators>(response).Validators.ToArray());
    }

    [Fact]
    public void A_packet_on_another_channel_fails_with_UnknownChannel()
    {
        var error = _f.ReceiveFails(new ProviderPacket.Stake(Validator, 10, Staker), "channel-9");
        Assert.Equal(new ConsumerError.UnknownChannel("channel-9"), error);
        Assert.Equal("Refuse to respond on unregistered channel 'channel-9'", error.Message);
    }

    [Fact]
    public void A_packet_before_any_channel_is_bound_fails_with_UnknownChannel()
    {
        var f = new ConsumerFixture(connect: false);
        Assert.Equal(new ConsumerError.UnknownChannel(Channel), f.ReceiveFails(new ProviderPacket.ListValidators()));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"stake":{"validator":"v","amount":"-5","key":"k"}}""")]
    [InlineData("""{"slash":{"validator":"v"}}""")]
    [InlineData("""{"stake":{"validator":"v","amount":"5"}}""")]
    public void A_malformed_packet_is_an_error_not_a_crash(string data)
    {
        var error = _f.H.Fails(new ContractCall.PacketReceive(_f.IncomingRaw(Encoding.UTF8.GetBytes(data)), Relayer));
        Assert.IsType<StdError.ParseError>(error);
        Assert.Empty(_f.H.Query<ConsumerMsg.AllRemoteStakesResponse>(new ConsumerMsg.Query.AllRemoteStakes()).Stakes);
    }

    [Fact]
    public void Packets_read_the_seed_wire_format()
    {
        var data = Encoding.UTF8.GetBytes($$$"""{"stake":{"validator":"{{{Validator}}}","amount":"1000","key":"{{{Staker}}}"}}""");
        var response = _f.H.Ok(new ContractCall.PacketReceive(_f.IncomingRaw(data), Relayer));
        Assert.Equal([new MetaStakingMsg.Execute.Delegate(Validator, 100)], MetaStakingCalls(response));
    }
}
