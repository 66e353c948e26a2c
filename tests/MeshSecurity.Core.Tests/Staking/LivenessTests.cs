using System.Collections.Immutable;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Staking;
using MeshSecurity.Core.Types;
using static MeshSecurity.Core.Tests.Staking.StakingHarness;

namespace MeshSecurity.Core.Tests.Staking;

/// <summary>x/slashing's liveness rule over the blocks' missing signatures, and CometBFT's two-thirds commit rule.</summary>
public sealed class LivenessTests
{
    private static readonly ImmutableSortedSet<Addr> None = ImmutableSortedSet.Create(StakingState.AddrOrder);

    private static StakingHarness Bonded(ulong a = 1000, ulong b = 500)
    {
        var h = new StakingHarness();
        h.CreateValidator(ValA, Alice, a);
        h.CreateValidator(ValB, Bob, b);
        h.EndBlock();
        return h;
    }

    /// <summary>One block: BeginBlock's signatures with <paramref name="absent"/> missing, then EndBlock.</summary>
    private static void Block(StakingHarness h, params Addr[] absent)
    {
        h.NextBlock();
        h.Apply(s => s.HandleSignatures(None.Union(absent), h.Events));
        h.EndBlock();
    }

    [Fact]
    public void Fifty_misses_of_a_hundred_blocks_are_tolerated_and_the_fifty_first_jails_and_slashes_for_downtime()
    {
        var h = Bonded();
        for (var i = 0; i < 50; i++) Block(h, ValB);
        Assert.False(h.Validator(ValB).Jailed);
        Assert.Equal(50, h.State.Staking.MissedBlocks[ValB].Count);

        Block(h, ValB);

        var v = h.Validator(ValB);
        Assert.True(v.Jailed);
        Assert.Equal(h.State.Time.PlusSeconds(h.State.Config.DowntimeJailSeconds), v.JailedUntil);
        // 500 less 0.01 %, floored: 0.05 is burned as 0
        Assert.Equal((Amount)500, v.Tokens);
        Assert.Equal((h.State.Height - 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            h.LastEvent(StakingEvents.Slash).Get(StakingEvents.InfractionHeightKey));
        Assert.False(h.State.Staking.MissedBlocks.ContainsKey(ValB));
        Assert.False(h.Validator(ValA).Jailed);
        h.AssertConserved();
    }

    [Fact]
    public void Misses_older_than_the_window_are_forgotten_so_a_validator_missing_every_other_block_is_never_jailed()
    {
        var h = Bonded();
        for (var i = 0; i < 300; i++)
        {
            if (i % 2 == 0) Block(h, ValB);
            else Block(h);
        }
        Assert.False(h.Validator(ValB).Jailed);
        Assert.InRange(h.State.Staking.MissedBlocks[ValB].Count, 49, 50);
    }

    [Fact]
    public void A_chain_where_everyone_signs_keeps_no_signing_record()
    {
        var h = Bonded();
        var (staking, writes) = (h.State.Staking, h.State.Undo.Count);
        h.Apply(s => s.HandleSignatures(None, h.Events));
        Assert.Same(staking, h.State.Staking);
        Assert.Equal(writes, h.State.Undo.Count); // nothing written at all
        Block(h, ValB);
        for (var i = 0; i < 100; i++) Block(h);
        Assert.Empty(h.State.Staking.MissedBlocks);
    }

    [Fact]
    public void A_jailed_validator_can_unjail_once_its_jail_time_is_over_and_not_before()
    {
        var h = Bonded();
        for (var i = 0; i < 51; i++) Block(h, ValB);
        h.Fails<StakingError.StillJailed>(s => s.Unjail(ValB, h.Events));
        h.SkipTime(h.State.Config.DowntimeJailSeconds);
        h.Unjail(ValB);
        Assert.False(h.Validator(ValB).Jailed);
    }

    [Theory]
    // 1000 of 1500 signing is two thirds exactly: not more, so no commit
    [InlineData(1000UL, 500UL, false)]
    [InlineData(1001UL, 500UL, true)]
    [InlineData(300UL, 1000UL, false)]
    public void A_block_commits_only_with_more_than_two_thirds_of_the_power_signing(ulong a, ulong b, bool commits)
    {
        var h = Bonded(a, b);
        Assert.Equal(commits, h.State.CanCommit(None.Add(ValB)));
        Assert.True(h.State.CanCommit(None));
        Assert.False(h.State.CanCommit(None.Add(ValA).Add(ValB)));
    }

    [Fact]
    public void A_tombstone_without_evidence_jails_for_ever_and_burns_nothing()
    {
        var h = Bonded();
        var supply = h.Supply;
        h.Apply(s => s.TombstoneIfNot(ValB, h.Events));
        h.Apply(s => s.TombstoneIfNot(ValB, h.Events));
        Assert.True(h.Validator(ValB) is { Tombstoned: true, Jailed: true });
        Assert.Equal(Validator.Forever, h.Validator(ValB).JailedUntil);
        Assert.Equal(supply, h.Supply);
        Assert.Equal(new[] { ValB }, h.EndBlock().Tombstoned);
    }
}
