using MeshSecurity.Core.Contracts.Consumer;
using MeshSecurity.Core.Contracts.MetaStaking;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using static MeshSecurity.Core.Tests.Contracts.MetaStaking.MetaStakingFixture;

namespace MeshSecurity.Core.Tests.Contracts.MetaStaking;

public sealed class MetaStakingCapTests
{
    private const string V3 = "testvaloper1gamma";
    private readonly MetaStakingFixture _f = new();

    private void AddConsumer(CapPolicy? cap, OverCapPolicy? overCap, ulong funds = 100_000) =>
        _f.H.Ok(new ContractCall.Sudo(new MetaStakingMsg.Sudo.AddConsumer(Consumer1.Value, new Coin(Denom, funds), cap, overCap)));

    private Response SetCap(CapPolicy cap) =>
        _f.Apply(_f.H.Ok(new ContractCall.Sudo(new MetaStakingMsg.Sudo.SetCap(Consumer1.Value, cap))));

    private static CapPolicy Fixed(ulong amount) => new CapPolicy.Fixed(new Amount(amount));

    private ulong[] Delegations(params string[] validators) => [.. validators.Select(v => (ulong)_f.Delegation(Consumer1, v).Value)];

    private ulong Request(string validator) =>
        (ulong)_f.H.Query<Amount>(new MetaStakingMsg.Query.Request(Consumer1.Value, validator)).Value;

    [Fact]
    public void Normalise_turns_the_seeds_500_1000_1000_under_a_cap_of_1000_into_200_400_400_and_keeps_the_requests()
    {
        AddConsumer(Fixed(1000), OverCapPolicy.Normalise);
        _f.Delegate(Consumer1, V1, 500);
        Assert.Equal([500UL, 0UL, 0UL], Delegations(V1, V2, V3));
        _f.Delegate(Consumer1, V2, 1000);
        _f.Delegate(Consumer1, V3, 1000);
        Assert.Equal([200UL, 400UL, 400UL], Delegations(V1, V2, V3));
        Assert.Equal([500UL, 1000UL, 1000UL], new[] { Request(V1), Request(V2), Request(V3) });
        Assert.Equal(new Amount(1000), _f.Consumer(Consumer1).TotalStaked);
        Assert.Equal(new Amount(1000), _f.RealDelegation(V1) + _f.RealDelegation(V2) + _f.RealDelegation(V3));
    }

    [Fact]
    public void Normalise_bonds_1_and_4_for_requests_of_10_and_40_under_productions_cap_of_5()
    {
        AddConsumer(Fixed(5), OverCapPolicy.Normalise);
        _f.Delegate(Consumer1, V1, 10);
        _f.Delegate(Consumer1, V2, 40);
        Assert.Equal([1UL, 4UL], Delegations(V1, V2));
    }

    [Fact]
    public void Fail_refuses_the_stake_that_would_pass_the_cap_with_CapExceeded_and_keeps_what_fits()
    {
        AddConsumer(Fixed(1000), null);
        _f.Delegate(Consumer1, V1, 500);
        var error = _f.H.ExecuteFails(Consumer1, new MetaStakingMsg.Execute.Delegate(V2, 1000));
        Assert.Equal(new MetaStakingError.CapExceeded(new Amount(1000), new Amount(1500)), error);
        Assert.Equal([500UL, 0UL], Delegations(V1, V2));
    }

    [Fact]
    public void Undelegating_a_normalised_request_lowers_the_request_and_rebalances_the_rest_back_up()
    {
        AddConsumer(Fixed(1000), OverCapPolicy.Normalise);
        _f.Delegate(Consumer1, V1, 500);
        _f.Delegate(Consumer1, V2, 1000);
        _f.Delegate(Consumer1, V3, 1000);
        _f.Undelegate(Consumer1, V3, 1000);
        Assert.Equal([333UL, 666UL, 0UL], Delegations(V1, V2, V3));
        var error = _f.H.ExecuteFails(Consumer1, new MetaStakingMsg.Execute.Undelegate(V1, 501));
        Assert.Equal(new MetaStakingError.InsufficientDelegation(), error);
    }

    [Fact]
    public void A_lower_cap_rebalances_a_normalised_consumer_at_once_and_only_holds_a_failing_one_to_new_stake()
    {
        AddConsumer(Fixed(1000), OverCapPolicy.Normalise);
        _f.H.Ok(new ContractCall.Sudo(new MetaStakingMsg.Sudo.AddConsumer(Consumer2.Value, new Coin(Denom, 100_000), Fixed(1000))));
        _f.Delegate(Consumer1, V1, 600);
        _f.Delegate(Consumer2, V1, 600);
        SetCap(Fixed(300));
        _f.Apply(_f.H.Ok(new ContractCall.Sudo(new MetaStakingMsg.Sudo.SetCap(Consumer2.Value, Fixed(300)))));
        Assert.Equal(new Amount(300), _f.Delegation(Consumer1, V1));
        Assert.Equal(new Amount(600), _f.Delegation(Consumer2, V1));
        Assert.Equal(new MetaStakingError.CapExceeded(new Amount(300), new Amount(601)),
            _f.H.ExecuteFails(Consumer2, new MetaStakingMsg.Execute.Delegate(V2, 1)));
    }

    [Fact]
    public void A_fraction_cap_follows_the_chains_bonded_stake_of_everyone_else()
    {
        _f.H.Querier.ValidatorList.Add(new ValidatorInfo(new Addr(V1), new Amount(9000), 9000, "bonded", false, false));
        AddConsumer(new CapPolicy.Fraction(Dec.Percent(10)), OverCapPolicy.Normalise);
        _f.Delegate(Consumer1, V1, 5000);
        Assert.Equal(new Amount(1000), _f.Delegation(Consumer1, V1));
        Bonded(10_000); // the chain counts the consumer's 1,000 in the validator's tokens
        Assert.Equal(new Amount(1000), _f.Consumer(Consumer1).Limit);

        // the others' stake doubles (18,000): anyone's rebalance lets the consumer grow to 10 % of the new total
        Bonded(19_000);
        _f.Apply(_f.H.Execute(Anyone, new MetaStakingMsg.Execute.Rebalance(Consumer1.Value)));
        Assert.Equal(new Amount(2000), _f.Delegation(Consumer1, V1));
    }

    private void Bonded(ulong tokens) => _f.H.Querier.ValidatorList[0] = _f.H.Querier.ValidatorList[0] with { Tokens = new Amount(tokens) };

    [Fact]
    public void A_zero_cap_undelegates_everything_tells_the_consumer_to_evict_and_refuses_new_stake()
    {
        AddConsumer(Fixed(1000), null);
        _f.Delegate(Consumer1, V1, 300);
        _f.Delegate(Consumer1, V2, 200);
        var response = SetCap(Fixed(0));
        var msgs = response.Messages.Select(m => m.Msg).ToList();
        Assert.Contains(new CosmosMsg.StakingUndelegate(new Addr(V1), new Coin(Denom, 300)), msgs);
        Assert.Contains(new CosmosMsg.StakingUndelegate(new Addr(V2), new Coin(Denom, 200)), msgs);
        Assert.IsType<ConsumerMsg.Execute.Evict>(Assert.IsType<CosmosMsg.WasmExecute>(msgs[^1]).Msg);
        Assert.Equal(Amount.Zero, _f.Consumer(Consumer1).TotalStaked);
        Assert.Equal(new MetaStakingError.CapExceeded(Amount.Zero, new Amount(1)),
            _f.H.ExecuteFails(Consumer1, new MetaStakingMsg.Execute.Delegate(V1, 1)));
    }

    [Theory]
    [InlineData("failure: a fraction of 1 is no cap", "1")]
    [InlineData("failure: a fraction above 1", "1.5")]
    public void A_cap_fraction_of_1_or_more_is_refused_with_InvalidCap(string label, string share)
    {
        Assert.NotEmpty(label);
        var cap = new CapPolicy.Fraction(Dec.Parse(share));
        var error = _f.H.Fails(new ContractCall.Sudo(new MetaStakingMsg.Sudo.AddConsumer(Consumer1.Value, new Coin(Denom, 10), cap)));
        Assert.Equal(new MetaStakingError.InvalidCap(Dec.Parse(share)), error);
    }

    [Fact]
    public void A_consumer_without_a_cap_reads_and_delegates_as_in_the_seed()
    {
        _f.AddConsumer(Consumer1, 1000);
        var info = _f.Consumer(Consumer1);
        Assert.Null(info.Cap);
        Assert.Null(info.Limit);
        Assert.Null(info.OverCap);
        Assert.Equal("{\"available_funds\":\"1000\",\"total_staked\":\"0\",\"rewards\":[]}", Wire.ToJson(info));
    }
}
