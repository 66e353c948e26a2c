using System.Collections.Immutable;
using MeshSecurity.Core.Contracts;
using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Wasm;
using static MeshSecurity.Core.Tests.Contracts.Lockup.LockupFixture;

namespace MeshSecurity.Core.Tests.Contracts.Lockup;

public sealed class LockupSlashTests
{
    [Fact]
    public void SlashClaim_lowers_claim_and_bonded_and_burns_the_tokens()
    {
        var l = new LockupFixture();
        l.Bond(Alice, 1000);
        l.GrantClaim(Alice, ProviderA, 700);
        var r = l.SlashClaim(ProviderA, Alice, 100);
        Assert.Equal([Burn(100)], Messages(r));
        var b = l.Balance(Alice);
        Assert.Equal((Amount)900, b.Bonded);
        Assert.Equal((Amount)600, l.ClaimOf(Alice, ProviderA));
        Assert.Equal((Amount)300, b.Free);
    }

    [Fact]
    public void SlashClaim_drops_a_claim_that_reaches_zero_with_B13()
    {
        var l = new LockupFixture();
        l.Bond(Alice, 1000);
        l.GrantClaim(Alice, ProviderA, 700);
        l.SlashClaim(ProviderA, Alice, 700);
        Assert.Empty(l.Balance(Alice).Claims.ToArray());
        Assert.Equal((Amount)300, l.Balance(Alice).Bonded);
    }

    [Fact]
    public void SlashClaim_in_the_2022_profile_strands_the_tokens_and_keeps_a_zero_claim()
    {
        var l = new LockupFixture(MeshProfile.Prototype2022);
        l.Bond(Alice, 1000);
        l.GrantClaim(Alice, ProviderA, 700);
        var r = l.SlashClaim(ProviderA, Alice, 700);
        Assert.Empty(r.Messages);
        Assert.Equal([new LockupMsg.ClaimResponse(ProviderA, 0)], l.Balance(Alice).Claims.ToArray());
        Assert.Equal((Amount)300, l.Balance(Alice).Bonded);
    }

    [Fact]
    public void SlashClaim_fails_with_UnknownLienholder_or_InsufficientLien()
    {
        var l = new LockupFixture();
        l.Bond(Alice, 1000);
        l.GrantClaim(Alice, ProviderA, 700);
        Assert.IsType<LockupError.UnknownLienholder>(l.Fails(ProviderB, new LockupMsg.Execute.SlashClaim(Alice.Value, 1)));
        Assert.IsType<LockupError.InsufficientLien>(l.Fails(ProviderA, new LockupMsg.Execute.SlashClaim(Alice.Value, 701)));
    }

    /// <summary>Bond 1000; claims A 1000, B 800, C 300. A slashes 400: bonded 600, B is cut by 200 to 600, C keeps 300.</summary>
    [Fact]
    public void SlashClaim_cuts_every_other_claim_above_bonded_and_tells_its_lienholder()
    {
        var l = new LockupFixture();
        l.Bond(Alice, 1000);
        l.GrantClaim(Alice, ProviderA, 1000);
        l.GrantClaim(Alice, ProviderB, 800);
        l.GrantClaim(Alice, ProviderC, 300);
        var r = l.SlashClaim(ProviderA, Alice, 400);

        Assert.Equal([CutStake(ProviderB, Alice, 200), Burn(400)], Messages(r));
        Assert.Equal(
            [new LockupMsg.ClaimResponse(ProviderA, 600), new LockupMsg.ClaimResponse(ProviderB, 600), new LockupMsg.ClaimResponse(ProviderC, 300)],
            l.Balance(Alice).Claims.ToArray());
        Assert.Equal((Amount)600, l.Balance(Alice).Bonded);
        var cut = Assert.Single(r.Events, e => e.Type == LockupEvents.ClaimCut);
        Assert.Equal("200", cut.Get(LockupEvents.AmountKey));
    }

    [Fact]
    public void SlashClaim_without_eager_propagation_leaves_other_claims_above_bonded()
    {
        var l = new LockupFixture(MeshProfile.Intended with { EagerSlashPropagation = false });
        l.Bond(Alice, 1000);
        l.GrantClaim(Alice, ProviderA, 1000);
        l.GrantClaim(Alice, ProviderB, 800);
        var r = l.SlashClaim(ProviderA, Alice, 400);
        Assert.Equal([Burn(400)], Messages(r));
        Assert.Equal((Amount)800, l.ClaimOf(Alice, ProviderB));
        Assert.Equal((Amount)0, l.Balance(Alice).Free);
    }

    [Fact]
    public void SlashClaims_applies_a_batch_in_one_message_and_burns_once()
    {
        var l = new LockupFixture();
        l.Bond(Alice, 1000);
        l.Bond(Bob, 500);
        l.GrantClaim(Alice, ProviderA, 1000);
        l.GrantClaim(Alice, ProviderB, 1000);
        l.GrantClaim(Bob, ProviderA, 500);
        var batch = new LockupMsg.Execute.SlashClaims([new(Alice.Value, 50), new(Bob.Value, 25)]);
        var r = l.H.Execute(ProviderA, batch);

        Assert.Equal([CutStake(ProviderB, Alice, 50), Burn(75)], Messages(r));
        Assert.Equal((Amount)950, l.Balance(Alice).Bonded);
        Assert.Equal((Amount)475, l.Balance(Bob).Bonded);
        Assert.Equal((Amount)475, l.ClaimOf(Bob, ProviderA));
    }

    [Fact]
    public void SlashClaims_fails_as_a_whole_when_one_slash_exceeds_its_claim()
    {
        var l = new LockupFixture();
        l.Bond(Alice, 1000);
        l.Bond(Bob, 500);
        l.GrantClaim(Alice, ProviderA, 1000);
        l.GrantClaim(Bob, ProviderA, 500);
        var batch = new LockupMsg.Execute.SlashClaims([new(Alice.Value, 50), new(Bob.Value, 501)]);
        Assert.IsType<LockupError.InsufficientLien>(l.Fails(ProviderA, batch));
        Assert.Equal((Amount)1000, l.Balance(Alice).Bonded);
    }

    [Fact]
    public void SlashClaims_of_an_empty_batch_changes_nothing()
    {
        var l = new LockupFixture();
        var r = l.H.Execute(ProviderA, new LockupMsg.Execute.SlashClaims(ImmutableArray<LockupMsg.OwnerAmount>.Empty));
        Assert.Empty(r.Messages);
    }
}
