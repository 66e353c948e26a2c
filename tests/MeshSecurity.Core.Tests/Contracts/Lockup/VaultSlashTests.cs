using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using static MeshSecurity.Core.Tests.Contracts.Lockup.LockupFixture;

namespace MeshSecurity.Core.Tests.Contracts.Lockup;

/// <summary>
/// The vault's slashing with production's numbers (its slashing doc's scenarios 1 to 7, as its vault multitests floor
/// them; docs/contracts.md, "Collateral"): collateral 200, each holder reserving 10 % unless said.
/// </summary>
public sealed class VaultSlashTests
{
    private static (ulong Collateral, ulong MaxLien, ulong Slashable, ulong Free) Books(LockupFixture l, Addr owner)
    {
        var v = l.Liens(owner);
        return ((ulong)v.Collateral.Value, (ulong)v.MaxLien.High.Value, (ulong)v.Slashable.High.Value, (ulong)v.Free.Value);
    }

    private static ulong High(LockupFixture l, Addr holder) => (ulong)l.LienOf(Alice, holder).High.Value;

    /// <summary>Collateral 200, local 190, and the cross-stakes given to each holder in turn.</summary>
    private static LockupFixture Setup(string local, string cross, params (Addr Holder, ulong Amount)[] stakes)
    {
        var l = Vault(local, (ProviderA, cross), (ProviderB, cross), (ProviderC, cross));
        l.Bond(Alice, 200);
        foreach (var (holder, amount) in stakes)
        {
            if (holder == Self) l.StakeLocal(Alice, amount);
            else l.CrossStake(Alice, holder, amount);
        }
        return l;
    }

    [Fact]
    public void Scenario_1_a_slash_within_free_collateral_propagates_nothing()
    {
        var l = Setup("0.1", "0.1", (Self, 190), (ProviderA, 100), (ProviderA, 50));
        Assert.Equal((200UL, 190UL, 34UL, 10UL), Books(l, Alice));
        var r = l.SlashClaim(ProviderA, Alice, 10);
        Assert.Equal((190UL, 190UL, 33UL, 0UL), Books(l, Alice));
        Assert.Equal((190UL, 140UL), (High(l, Self), High(l, ProviderA)));
        Assert.DoesNotContain(Messages(r), m => m is CosmosMsg.WasmExecute);
    }

    [Fact]
    public void Scenario_2_with_nothing_free_the_largest_lien_is_clipped_to_the_new_collateral_case_A()
    {
        var l = Setup("0.1", "0.1", (Self, 200), (ProviderA, 200));
        Assert.Equal((200UL, 200UL, 40UL, 0UL), Books(l, Alice));
        var r = l.SlashClaim(ProviderA, Alice, 20);
        Assert.Equal((180UL, 180UL, 36UL, 0UL), Books(l, Alice));
        Assert.Equal((180UL, 180UL), (High(l, Self), High(l, ProviderA)));
        Assert.Contains(Undelegate(Validator, 20), Messages(r));
    }

    [Fact]
    public void Scenario_3_only_what_free_collateral_cannot_absorb_is_propagated()
    {
        var l = Setup("0.1", "0.1", (Self, 190), (ProviderA, 150));
        l.SlashClaim(ProviderA, Alice, 15);
        // production's docs say 32; the per-operation floors give 33
        Assert.Equal((185UL, 185UL, 33UL, 0UL), Books(l, Alice));
        Assert.Equal((185UL, 135UL), (High(l, Self), High(l, ProviderA)));
    }

    [Fact]
    public void Scenario_4_every_lien_above_the_new_collateral_is_cut_and_its_holder_told()
    {
        var l = Setup("0.1", "0.1", (Self, 190), (ProviderA, 140), (ProviderA, 40), (ProviderB, 100), (ProviderB, 88));
        Assert.Equal(55UL, Books(l, Alice).Slashable); // 19 + 14 + 4 + 10 + 8, not 55.8
        var r = l.SlashClaim(ProviderA, Alice, 14);
        Assert.Equal((186UL, 186UL, 54UL, 0UL), Books(l, Alice));
        Assert.Equal((186UL, 166UL, 186UL), (High(l, Self), High(l, ProviderA), High(l, ProviderB)));
        Assert.Contains(CutStake(ProviderB, Alice, 2), Messages(r));
        Assert.Contains(Undelegate(Validator, 4), Messages(r));
    }

    [Fact]
    public void Scenario_5_when_the_slashable_total_dominates_every_lien_falls_by_ceil_claimed_over_the_ratio_sum_case_B()
    {
        var l = Setup("0.1", "0.5", (Self, 100), (ProviderA, 180), (ProviderB, 80), (ProviderC, 100));
        Assert.Equal((200UL, 180UL, 190UL, 10UL), Books(l, Alice));
        var r = l.SlashClaim(ProviderA, Alice, 90);
        // free after the lien cut 55 < 90: claimed 35, Σ ratios 1.6, sub = ceil(21.875) = 22
        Assert.Equal((110UL, 78UL, 110UL, 0UL), Books(l, Alice));
        Assert.Equal((78UL, 68UL, 58UL, 78UL), (High(l, Self), High(l, ProviderA), High(l, ProviderB), High(l, ProviderC)));
        Assert.Contains(CutStake(ProviderA, Alice, 22), Messages(r));
        Assert.Contains(CutStake(ProviderC, Alice, 22), Messages(r));
    }

    [Fact]
    public void Scenario_6_without_local_stake_the_other_provider_is_cut()
    {
        var l = Setup("0.1", "0.1", (ProviderA, 140), (ProviderA, 40), (ProviderB, 100), (ProviderB, 88));
        Assert.Equal((200UL, 188UL, 36UL, 12UL), Books(l, Alice));
        var r = l.SlashClaim(ProviderA, Alice, 14);
        Assert.Equal((186UL, 186UL, 35UL, 0UL), Books(l, Alice));
        Assert.Equal((166UL, 186UL), (High(l, ProviderA), High(l, ProviderB)));
        // no local stake: the 14 slashed tokens sit in the lockup and are burned at once
        Assert.Equal([CutStake(ProviderB, Alice, 2), Burn(14)], Messages(r).ToArray());
    }

    [Fact]
    public void Scenario_7_a_native_tombstone_slashes_the_local_lien_and_leaves_the_cross_stake()
    {
        var l = Setup("0.1", "0.1", (Self, 190), (ProviderA, 100), (ProviderA, 50));
        var r = l.ValidatorSlashed(Validator, "0.1");
        Assert.Equal((181UL, 171UL, 33UL, 10UL), Books(l, Alice));
        Assert.Equal((171UL, 150UL), (High(l, Self), High(l, ProviderA)));
        Assert.DoesNotContain(Messages(r), m => m is CosmosMsg.WasmExecute);
    }
}
