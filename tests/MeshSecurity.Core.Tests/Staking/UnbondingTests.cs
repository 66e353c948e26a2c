using MeshSecurity.Core.Math;
using MeshSecurity.Core.Staking;
using MeshSecurity.Core.Types;
using static MeshSecurity.Core.Tests.Staking.StakingHarness;

namespace MeshSecurity.Core.Tests.Staking;

public sealed class UnbondingTests
{
    private static StakingHarness WithBobDelegating(ulong amount)
    {
        var h = new StakingHarness();
        h.CreateValidator(ValA, Alice, 100);
        h.EndBlock();
        h.NextBlock();
        h.Delegate(Bob, ValA, amount);
        return h;
    }

    [Fact]
    public void Unbonding_entry_matures_at_exactly_Time_plus_the_unbonding_period()
    {
        var h = WithBobDelegating(60);
        var completion = h.Undelegate(Bob, ValA, 60);
        Assert.Equal((Amount)999_940, h.Balance(Bob));

        h.State.WithTime(new Timestamp(completion.Nanos - 1));
        h.EndBlock();
        Assert.Single(h.State.Staking.UnbondingQueue);
        Assert.Equal((Amount)999_940, h.Balance(Bob));

        h.State.WithTime(completion);
        h.EndBlock();
        Assert.Empty(h.State.Staking.UnbondingQueue);
        Assert.Equal((Amount)1_000_000, h.Balance(Bob));
        Assert.Equal(Amount.Zero, h.Balance(h.NotBondedPool));
        var e = h.LastEvent(StakingEvents.CompleteUnbonding);
        Assert.Equal(Bob.Value, e.Get(StakingEvents.DelegatorKey));
        Assert.Equal("60ustake", e.Get(StakingEvents.AmountKey));
    }

    [Fact]
    public void CompleteMatureUnbondings_pays_mature_entries_in_queue_order_and_keeps_the_others()
    {
        var h = WithBobDelegating(300);
        h.Delegate(Carol, ValA, 300);
        h.Undelegate(Bob, ValA, 10);
        h.SkipTime(100);
        h.Undelegate(Carol, ValA, 20);
        h.SkipTime(100);
        h.Undelegate(Bob, ValA, 30);

        h.SkipTime(1000 - 100);                           // the first two have matured, the third has not
        h.Events.Clear();
        h.Apply(s => s.CompleteMatureUnbondings(h.Events));

        Assert.Equal(["10ustake", "20ustake"], h.Events.Select(e => e.Get(StakingEvents.AmountKey)!));
        var left = Assert.Single(h.State.Staking.UnbondingQueue);
        Assert.Equal((Amount)30, left.Balance);
        Assert.Equal((Amount)1_000_000 - 300 + 10, h.Balance(Bob));
        Assert.Equal((Amount)1_000_000 - 300 + 20, h.Balance(Carol));
    }

    [Fact]
    public void CompleteMatureUnbondings_returns_the_same_state_when_nothing_is_mature()
    {
        var h = WithBobDelegating(50);
        h.Undelegate(Bob, ValA, 50);
        var writes = h.State.Undo.Count;
        h.State.CompleteMatureUnbondings(h.Events);
        Assert.Equal(writes, h.State.Undo.Count);
    }

    [Fact]
    public void An_unbonding_entry_slashed_to_zero_is_removed_at_maturity_with_nothing_paid()
    {
        var h = WithBobDelegating(100);
        var height = h.State.Height;
        var completion = h.Undelegate(Bob, ValA, 100);
        h.Slash(ValA, height, Dec.One);
        Assert.Equal(Amount.Zero, h.State.Staking.UnbondingQueue.Single().Balance);

        h.State.WithTime(completion);
        h.EndBlock();
        Assert.Empty(h.State.Staking.UnbondingQueue);
        Assert.Equal((Amount)999_900, h.Balance(Bob));
    }
}
