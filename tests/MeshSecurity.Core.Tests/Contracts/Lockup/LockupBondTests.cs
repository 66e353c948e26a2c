using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using static MeshSecurity.Core.Tests.Contracts.Lockup.LockupFixture;

namespace MeshSecurity.Core.Tests.Contracts.Lockup;

public sealed class LockupBondTests
{
    [Fact]
    public void Instantiate_records_the_denom_and_emits_method_and_owner()
    {
        var l = new LockupFixture();
        var config = l.H.Query<LockupMsg.ConfigResponse>(new LockupMsg.Query.Config());
        Assert.Equal(Denom, config.Denom);
        Assert.Equal(UnbondingPeriod, config.UnbondingPeriod);
        Assert.Same(Core.Contracts.MeshProfile.Intended, config.Profile);
    }

    [Fact]
    public void Bond_creates_the_account_and_adds_to_bonded()
    {
        var l = new LockupFixture();
        l.Bond(Alice, 600);
        l.Bond(Alice, 400);
        var b = l.Balance(Alice);
        Assert.Equal((Amount)1000, b.Bonded);
        Assert.Equal((Amount)1000, b.Free);
        Assert.Empty(b.Claims);
    }

    [Fact]
    public void Bond_fails_with_NoFunds_without_coins()
    {
        var l = new LockupFixture();
        Assert.IsType<PaymentError.NoFunds>(l.Fails(Alice, new LockupMsg.Execute.Bond()));
    }

    [Fact]
    public void Bond_fails_with_MultipleDenoms_with_two_coins()
    {
        var l = new LockupFixture();
        var funds = Coins.Of(new Coin(Denom, 10), new Coin("other", 10));
        Assert.IsType<PaymentError.MultipleDenoms>(l.Fails(Alice, new LockupMsg.Execute.Bond(), funds));
    }

    [Fact]
    public void Bond_fails_with_MissingDenom_for_another_denom()
    {
        var l = new LockupFixture();
        var error = l.Fails(Alice, new LockupMsg.Execute.Bond(), Coins.Of("other", 10));
        Assert.Equal(new PaymentError.MissingDenom(Denom), error);
    }

    [Fact]
    public void Unbond_sends_the_tokens_and_lowers_bonded()
    {
        var l = new LockupFixture();
        l.Bond(Alice, 1000);
        var r = l.Unbond(Alice, 300);
        Assert.Equal([new CosmosMsg.BankSend(Alice, Coins.Of(Denom, 300))], Messages(r));
        Assert.Equal((Amount)700, l.Balance(Alice).Bonded);
    }

    [Fact]
    public void Unbond_fails_with_ClaimsLocked_when_amount_exceeds_free()
    {
        var l = new LockupFixture();
        l.Bond(Alice, 1000);
        l.GrantClaim(Alice, ProviderA, 700);
        var error = l.Fails(Alice, new LockupMsg.Execute.Unbond(301));
        Assert.Equal(new LockupError.ClaimsLocked(300), error);
        Assert.Equal("Claim is locked, only 300 can be unbonded", error.Message);
        Assert.Equal("lockup", error.Codespace);
        Assert.Equal("ClaimsLocked", error.Kind);
    }

    [Fact]
    public void Unbond_fails_with_NonPayable_when_funds_are_attached()
    {
        var l = new LockupFixture();
        l.Bond(Alice, 1000);
        Assert.IsType<PaymentError.NonPayable>(l.Fails(Alice, new LockupMsg.Execute.Unbond(1), Coins.Of(Denom, 1)));
    }

    [Fact]
    public void Unbond_fails_with_UnknownAccount_for_an_account_that_never_bonded()
    {
        var l = new LockupFixture();
        Assert.Equal(new LockupError.UnknownAccount(Bob.Value), l.Fails(Bob, new LockupMsg.Execute.Unbond(1)));
    }

    [Fact]
    public void Unbond_of_zero_is_accepted_and_sends_nothing()
    {
        var l = new LockupFixture();
        l.Bond(Alice, 10);
        Assert.Empty(l.Unbond(Alice, 0).Messages);
    }

    [Fact]
    public void Balance_query_fails_for_an_account_that_never_bonded()
    {
        var l = new LockupFixture();
        var ex = Assert.Throws<MeshException>(() => l.Balance(Bob));
        Assert.IsType<LockupError.UnknownAccount>(ex.Error);
    }

    /// <summary>README: 1000 bonded, claims of 700, 500 and 300 → withdraw 300; release the 700 claim → withdraw 200 more.</summary>
    [Fact]
    public void Readme_example_withdraws_300_then_200_more_after_the_700_claim_is_released()
    {
        var l = new LockupFixture();
        l.Bond(Alice, 1000);
        l.GrantClaim(Alice, ProviderA, 700);
        l.GrantClaim(Alice, ProviderB, 500);
        l.GrantClaim(Alice, ProviderC, 300);
        Assert.Equal((Amount)300, l.Balance(Alice).Free);

        l.Unbond(Alice, 300);
        Assert.Equal(new LockupError.ClaimsLocked(0), l.Fails(Alice, new LockupMsg.Execute.Unbond(1)));
        Assert.Equal((Amount)700, l.Balance(Alice).Bonded);

        l.ReleaseClaim(ProviderA, Alice, 700);
        var b = l.Balance(Alice);
        Assert.Equal((Amount)200, b.Free);
        Assert.Equal([ProviderB, ProviderC], b.Claims.Select(c => c.Lienholder));

        Assert.Equal(new LockupError.ClaimsLocked(200), l.Fails(Alice, new LockupMsg.Execute.Unbond(201)));
        l.Unbond(Alice, 200);
        Assert.Equal((Amount)500, l.Balance(Alice).Bonded);
        Assert.Equal((Amount)0, l.Balance(Alice).Free);
    }
}
