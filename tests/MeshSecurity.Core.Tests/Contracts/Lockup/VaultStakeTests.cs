using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Math;
using static MeshSecurity.Core.Tests.Contracts.Lockup.LockupFixture;

namespace MeshSecurity.Core.Tests.Contracts.Lockup;

/// <summary>The vault's two rules and its transactions, with production's numbers (docs/contracts.md, "Collateral").</summary>
public sealed class VaultStakeTests
{
    private static ValueRange Range(ulong low, ulong high) => new(low, high);

    [Fact]
    public void Multiple_stakes_lend_the_same_collateral_until_the_slashable_sum_reaches_it()
    {
        // vault multitest multiple_stakes: local 10 %, cross 60 %, collateral 1000
        var l = Vault("0.1", (ProviderA, "0.6"), (ProviderB, "0.6"));
        l.Bond(Alice, 1000);
        l.StakeLocal(Alice, 300);
        l.CrossStake(Alice, ProviderA, 200);
        l.CrossStake(Alice, ProviderB, 100);
        var v = l.Liens(Alice);
        Assert.Equal((new Amount(300), new Amount(210), new Amount(700)), (v.MaxLien.High, v.Slashable.High, v.Free));

        l.CrossStake(Alice, ProviderA, 200);
        l.CrossStake(Alice, ProviderB, 400);
        v = l.Liens(Alice);
        Assert.Equal((new Amount(500), new Amount(570), new Amount(430)), (v.MaxLien.High, v.Slashable.High, v.Free));

        l.CrossStake(Alice, ProviderA, 500); // 900 lent, 870 slashable: used = 900 ≤ 1000
        Assert.Equal(new Amount(100), l.Liens(Alice).Free);
        // 30 + 540 + 540 = 1110 > 1000
        Assert.IsType<LockupError.InsufficientBalance>(l.Fails(Alice, new LockupMsg.Execute.GrantClaim(ProviderB.Value, 400, Validator)));
        // 1,000 collateral backs 300 + 900 + 500 = 1,700 of liens
        Assert.Equal(new Amount(1700), l.Liens(Alice).Liens.Aggregate(Amount.Zero, (s, c) => s + c.Amount.High));
    }

    [Fact]
    public void Slashable_is_a_sum_of_floors_per_operation()
    {
        var l = Vault("0.1", (ProviderA, "0.1"), (ProviderB, "0.1"));
        l.Bond(Alice, 1000);
        l.CrossStake(Alice, ProviderA, 140);
        l.CrossStake(Alice, ProviderA, 40);
        l.CrossStake(Alice, ProviderB, 100);
        l.CrossStake(Alice, ProviderB, 88);
        Assert.Equal(ValueRange.Of(36), l.Liens(Alice).Slashable); // 14 + 4 + 10 + 8, not floor(36.8)
    }

    [Fact]
    public void Stakes_in_flight_raise_the_high_bound_only_and_each_ack_commits_its_own()
    {
        // vault multitest stake_cross_txs: collateral 300 with 100 and 50 in flight
        var l = Vault("0.1", (ProviderA, "0.1"));
        l.Bond(Alice, 300);
        l.Bond(Bob, 500);
        l.GrantClaim(Alice, ProviderA, 100);
        l.GrantClaim(Alice, ProviderA, 50);
        l.GrantClaim(Bob, ProviderA, 100);
        l.Commit(ProviderA, Bob, 100);
        Assert.Equal(Range(0, 150), l.LienOf(Alice, ProviderA));
        Assert.Equal(new Amount(150), l.Liens(Alice).Free); // free [150, 300]: a withdrawal takes the low end
        l.Commit(ProviderA, Alice, 100);
        Assert.Equal(Range(100, 150), l.LienOf(Alice, ProviderA));
        Assert.Equal(new Amount(150), l.Liens(Alice).Free);
        Assert.Equal(Range(10, 15), l.Liens(Alice).Slashable);
        Assert.IsType<LockupError.ClaimsLocked>(l.Fails(Alice, new LockupMsg.Execute.Unbond(151)));
    }

    [Fact]
    public void Two_concurrent_stakes_cannot_overcommit_collateral_and_a_rolled_back_one_frees_it()
    {
        // each provider can slash all it holds: two liens of 60 on 100 would let slashes take 120
        var l = Vault("0.1", (ProviderA, "1"), (ProviderB, "1"));
        l.Bond(Alice, 100);
        l.GrantClaim(Alice, ProviderA, 60);
        Assert.IsType<LockupError.InsufficientBalance>(l.Fails(Alice, new LockupMsg.Execute.GrantClaim(ProviderB.Value, 60, Validator)));
        Assert.Equal(new Amount(40), l.Liens(Alice).Free);

        l.Rollback(ProviderA, Alice, 60); // the error ack or timeout
        Assert.Empty(l.Liens(Alice).Liens);
        Assert.Equal((ValueRange.Zero, new Amount(100)), (l.Liens(Alice).Slashable, l.Liens(Alice).Free));
        l.GrantClaim(Alice, ProviderB, 60);
        Assert.Equal(Range(0, 60), l.LienOf(Alice, ProviderB));
    }

    [Fact]
    public void An_ack_after_a_slash_cut_the_lien_commits_only_what_is_left()
    {
        var l = Vault("0.1", (ProviderA, "0.5"), (ProviderB, "0.5"));
        l.Bond(Alice, 100);
        l.CrossStake(Alice, ProviderA, 100);
        l.GrantClaim(Alice, ProviderB, 100);
        l.SlashClaim(ProviderA, Alice, 30); // free 0: case A clips B's pending lien to 70
        Assert.Equal(Range(0, 70), l.LienOf(Alice, ProviderB));
        l.Commit(ProviderB, Alice, 70); // the provider commits its stake less the debt the cut left
        Assert.Equal(Range(70, 70), l.LienOf(Alice, ProviderB));
        Assert.Equal(new Amount(0), l.Liens(Alice).Free);
    }

    [Fact]
    public void A_release_takes_committed_lien_only_and_a_seed_lockup_refuses_the_vaults_messages()
    {
        var l = Vault("0.1", (ProviderA, "0.1"));
        l.Bond(Alice, 100);
        l.CrossStake(Alice, ProviderA, 50);
        l.GrantClaim(Alice, ProviderA, 30);
        Assert.IsType<LockupError.InsufficientLien>(l.Fails(ProviderA, new LockupMsg.Execute.ReleaseClaim(Alice.Value, 60)));
        l.ReleaseClaim(ProviderA, Alice, 50);
        Assert.Equal(Range(0, 30), l.LienOf(Alice, ProviderA));
        Assert.Equal(Range(0, 3), l.Liens(Alice).Slashable);
        Assert.IsType<LockupError.NoSlashRatio>(l.Fails(Alice, new LockupMsg.Execute.GrantClaim(ProviderB.Value, 10, Validator)));

        var seed = new LockupFixture();
        Assert.IsType<LockupError.NotAVault>(seed.Fails(ProviderA, new LockupMsg.Execute.DeclareSlashRatio(Dec.Percent(5), Dec.Zero)));
        Assert.IsType<LockupError.NotAVault>(seed.Fails(ProviderA, new LockupMsg.Execute.CommitClaim(Alice.Value, 1)));
    }

    [Fact]
    public void The_local_lien_reserves_its_ratio_and_releases_it_with_the_stake()
    {
        var l = Vault("0.2", (ProviderA, "1"));
        l.Bond(Alice, 100);
        l.CrossStake(Alice, ProviderA, 90); // slashable 90
        Assert.IsType<LockupError.InsufficientBalance>(l.Fails(Alice, new LockupMsg.Execute.StakeLocal(Validator, 60)));
        l.StakeLocal(Alice, 50);
        Assert.Equal((ValueRange.Of(100), new Amount(0)), (l.Liens(Alice).Slashable, l.Liens(Alice).Free));
        l.UnstakeLocal(Alice, 50);
        l.SkipTime(UnbondingPeriod);
        l.ReleaseLocal(Alice);
        Assert.Equal((ValueRange.Of(90), new Amount(10)), (l.Liens(Alice).Slashable, l.Liens(Alice).Free));
    }
}
