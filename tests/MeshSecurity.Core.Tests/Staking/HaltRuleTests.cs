using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Staking;
using static MeshSecurity.Core.Tests.Staking.StakingHarness;

namespace MeshSecurity.Core.Tests.Staking;

/// <summary>A chain can produce blocks while some validator of its active set has voting power (CometBFT's halt rule).</summary>
public sealed class HaltRuleTests
{
    private static void JailBoth(StakingHarness h)
    {
        h.Jail(ValA, h.State.Time.PlusSeconds(60));
        h.Jail(ValB, h.State.Time.PlusSeconds(60));
    }

    public static TheoryData<string, Action<StakingHarness>, bool> Cases => new()
    {
        { "both bonded", _ => { }, true },
        { "one jailed", h => h.Jail(ValA, h.State.Time.PlusSeconds(60)), true },
        { "both jailed, before EndBlock", JailBoth, false },
        { "both jailed, after EndBlock", h => { JailBoth(h); h.EndBlock(); }, false },
        { "both double-signed (tombstoned)", h => { h.DoubleSign(ValA, h.State.Height); h.DoubleSign(ValB, h.State.Height); h.EndBlock(); },
            false },
        { "one slashed to nothing, one jailed",
            h => { h.Slash(ValA, h.State.Height, Dec.One); h.Jail(ValB, h.State.Time.PlusSeconds(60)); }, false },
        { "both jailed, one unjailed after its jail", h => { JailBoth(h); h.EndBlock(); h.SkipTime(60); h.Unjail(ValB); h.EndBlock(); },
            true },
        { "jail expired but not unjailed", h => { JailBoth(h); h.EndBlock(); h.SkipTime(3600); }, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_chain_has_bonded_power_while_an_active_validator_can_sign(string what, Action<StakingHarness> act, bool expected)
    {
        var h = new StakingHarness();
        h.CreateValidator(ValA, Alice, 1000);
        h.CreateValidator(ValB, Bob, 500);
        h.EndBlock();
        h.NextBlock();
        Assert.True(h.State.HasBondedPower());

        act(h);

        var power = h.State.TotalVotingPower();
        Assert.True(expected == h.State.HasBondedPower(), $"{what}: expected {(expected ? "power" : "a halt")}, total power {power}");
    }

    [Fact]
    public void Validators_below_the_power_reduction_give_no_power()
    {
        var h = new StakingHarness(DefaultConfig with { PowerReduction = (Amount)2000 });
        h.CreateValidator(ValA, Alice, 1000);
        h.EndBlock();
        Assert.False(h.State.HasBondedPower());
        h.Delegate(Bob, ValA, 1000);
        h.EndBlock();
        Assert.True(h.State.HasBondedPower());
    }
}
