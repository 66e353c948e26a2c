using MeshSecurity.Core.Contracts.MetaStaking;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Tests.Support;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using static MeshSecurity.Core.Tests.Contracts.MetaStaking.MetaStakingFixture;

namespace MeshSecurity.Core.Tests.Contracts.MetaStaking;

/// <summary>
/// A local minimum power (docs/scenarios.md "Local minimum power"), the seed's "We can set a minimum to say 40 % local,
/// and if all remote chains stake to the max, their relative powers are reduced proportionally".
/// </summary>
public sealed class MetaStakingLocalPowerTests
{
    private readonly MetaStakingFixture _f = new(localMinPower: Dec.Percent(40));

    public MetaStakingLocalPowerTests()
    {
        // 600 of native stake on V1; V2 has none of its own
        _f.H.Querier.ValidatorList.Add(new ValidatorInfo(new Addr(V1), new Amount(600), 600, "bonded", false, false));
        _f.H.Querier.ValidatorList.Add(new ValidatorInfo(new Addr(V2), Amount.Zero, 0, "bonded", false, false));
        foreach (var c in new[] { Consumer1, Consumer2 })
            _f.H.Ok(new ContractCall.Sudo(new MetaStakingMsg.Sudo.AddConsumer(c.Value, new Coin(Denom, 100_000))));
    }

    /// <summary>The chain counts the contract's delegations in its validators' tokens, as x/staking does.</summary>
    private void Tokens(string validator, ulong native)
    {
        var i = _f.H.Querier.ValidatorList.FindIndex(v => v.Operator == new Addr(validator));
        _f.H.Querier.ValidatorList[i] = _f.H.Querier.ValidatorList[i] with { Tokens = new Amount(native) + _f.RealDelegation(validator) };
    }

    [Fact]
    public void Two_providers_past_a_40_percent_floor_are_scaled_down_proportionally_to_360_and_540()
    {
        _f.Delegate(Consumer1, V1, 600);
        Assert.Equal(new Amount(600), _f.Delegation(Consumer1, V1)); // 600 of 1,200: native keeps 50 %
        Tokens(V1, 600);

        // 600 + 900 would leave native 600 of 2,100 (28.6 %): the providers may hold 600 × 0.6 / 0.4 = 900 together
        var response = _f.Delegate(Consumer2, V2, 900);
        Assert.Contains(response.Attributes, a => a.Key == MetaStakingEvents.VirtualLimitKey && a.Value == "900");
        Assert.Equal(new Amount(360), _f.Delegation(Consumer1, V1));
        Assert.Equal(new Amount(540), _f.Delegation(Consumer2, V2));
        Assert.Equal(new Amount(900), _f.H.Query<Amount>(new MetaStakingMsg.Query.Request(Consumer2.Value, V2)));

        // native stake doubles: at the next change the providers grow back to their requests' ratio under 1,800
        Tokens(V1, 1200);
        _f.Undelegate(Consumer2, V2, 100);
        Assert.Equal([600UL, 800UL], new[] { (ulong)_f.Delegation(Consumer1, V1).Value, (ulong)_f.Delegation(Consumer2, V2).Value });
    }

    [Fact]
    public void With_epochs_the_floor_is_kept_at_the_epochs_end()
    {
        var f = new MetaStakingFixture(epochs: true, localMinPower: Dec.Percent(40));
        f.H.Querier.ValidatorList.Add(new ValidatorInfo(new Addr(V1), new Amount(600), 600, "bonded", false, false));
        f.H.Ok(new ContractCall.Sudo(new MetaStakingMsg.Sudo.AddConsumer(Consumer1.Value, new Coin(Denom, 100_000))));
        f.Delegate(Consumer1, V1, 1500);
        Assert.Equal(Amount.Zero, f.Delegation(Consumer1, V1));
        f.EndEpoch(100);
        Assert.Equal(new Amount(900), f.Delegation(Consumer1, V1));
    }

    [Theory]
    [InlineData("success: the seed's 40 %", "0.4", 600UL, 900UL)]
    [InlineData("success: a share that does not divide evenly", "0.3", 1000UL, 2333UL)]
    [InlineData("success: no native stake leaves no room", "0.4", 0UL, 0UL)]
    public void The_virtual_limit_is_floor_native_times_1_minus_floor_over_floor(string label, string floor, ulong native, ulong limit)
    {
        Assert.NotEmpty(label);
        Assert.Equal(new Amount(limit), LocalPowerRule.VirtualLimit(new Amount(native), Dec.Parse(floor)));
    }

    [Theory]
    [InlineData("failure: 0 is no floor", "0")]
    [InlineData("failure: all of the power", "1")]
    public void A_floor_of_0_or_1_is_refused_with_InvalidLocalMinPower(string label, string floor)
    {
        Assert.NotEmpty(label);
        var h = new ContractHarness(new MetaStakingContract(), Self, new MockQuerier { BondDenom = Denom });
        var error = h.Fails(new ContractCall.Instantiate(MessageInfo.From(Admin), new MetaStakingMsg.Instantiate(null, Dec.Parse(floor))));
        Assert.Equal(new MetaStakingError.InvalidLocalMinPower(Dec.Parse(floor)), error);
    }
}
