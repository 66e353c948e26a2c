using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using static MeshSecurity.Core.Tests.Contracts.Lockup.LockupFixture;

namespace MeshSecurity.Core.Tests.Contracts.Lockup;

public sealed class LockupClaimTests
{
    [Fact]
    public void GrantClaim_records_the_claim_and_calls_receive_claim_atomically()
    {
        var l = new LockupFixture();
        l.Bond(Alice, 1000);
        var r = l.GrantClaim(Alice, ProviderA, 700);

        var sub = Assert.Single(r.Messages);
        Assert.Equal(ReplyOn.Never, sub.ReplyOn);
        Assert.Equal(new CosmosMsg.WasmExecute(ProviderA, new ProviderMsg.Execute.ReceiveClaim(Alice.Value, 700, Validator), Coins.Empty), sub.Msg);
        var b = l.Balance(Alice);
        Assert.Equal((Amount)300, b.Free);
        Assert.Equal([new LockupMsg.ClaimResponse(ProviderA, 700)], b.Claims.ToArray());
    }

    [Fact]
    public void GrantClaim_adds_to_an_existing_claim_of_the_same_lienholder()
    {
        var l = new LockupFixture();
        l.Bond(Alice, 1000);
        l.GrantClaim(Alice, ProviderA, 700);
        l.GrantClaim(Alice, ProviderA, 300);
        Assert.Equal([new LockupMsg.ClaimResponse(ProviderA, 1000)], l.Balance(Alice).Claims.ToArray());
        Assert.Equal((Amount)0, l.Balance(Alice).Free);
    }

    [Fact]
    public void GrantClaim_fails_with_InsufficientBalance_when_amount_exceeds_bonded()
    {
        var l = new LockupFixture();
        l.Bond(Alice, 1000);
        var error = l.Fails(Alice, new LockupMsg.Execute.GrantClaim(ProviderA.Value, 1001, Validator));
        Assert.IsType<LockupError.InsufficientBalance>(error);
        Assert.Equal("The address doesn't have sufficient balance for this operation", error.Message);
    }

    [Fact]
    public void GrantClaim_fails_with_InsufficientBalance_when_the_increased_claim_exceeds_bonded()
    {
        var l = new LockupFixture();
        l.Bond(Alice, 1000);
        l.GrantClaim(Alice, ProviderA, 700);
        Assert.IsType<LockupError.InsufficientBalance>(l.Fails(Alice, new LockupMsg.Execute.GrantClaim(ProviderA.Value, 301, Validator)));
        Assert.Equal((Amount)700, l.ClaimOf(Alice, ProviderA));
    }

    [Fact]
    public void GrantClaim_fails_with_InsufficientBalance_for_an_account_that_never_bonded()
    {
        var l = new LockupFixture();
        Assert.IsType<LockupError.InsufficientBalance>(l.Fails(Bob, new LockupMsg.Execute.GrantClaim(ProviderA.Value, 1, Validator)));
    }

    [Fact]
    public void GrantClaim_fails_with_InvalidAddress_for_a_malformed_lienholder()
    {
        var l = new LockupFixture();
        l.Bond(Alice, 1000);
        Assert.IsType<StdError.InvalidAddress>(l.Fails(Alice, new LockupMsg.Execute.GrantClaim("osmo1provider", 1, Validator)));
    }

    [Fact]
    public void GrantClaim_fails_with_InvalidLienholder_for_the_lockup_itself()
    {
        var l = new LockupFixture();
        l.Bond(Alice, 1000);
        Assert.Equal(new LockupError.InvalidLienholder(Self.Value), l.Fails(Alice, new LockupMsg.Execute.GrantClaim(Self.Value, 1, Validator)));
    }

    [Fact]
    public void GrantClaim_fails_with_NonPayable_when_funds_are_attached()
    {
        var l = new LockupFixture();
        l.Bond(Alice, 1000);
        Assert.IsType<PaymentError.NonPayable>(l.Fails(Alice, new LockupMsg.Execute.GrantClaim(ProviderA.Value, 1, Validator), Coins.Of(Denom, 1)));
    }

    [Fact]
    public void ReleaseClaim_lowers_the_claim_and_keeps_bonded()
    {
        var l = new LockupFixture();
        l.Bond(Alice, 1000);
        l.GrantClaim(Alice, ProviderA, 700);
        l.ReleaseClaim(ProviderA, Alice, 200);
        Assert.Equal((Amount)500, l.ClaimOf(Alice, ProviderA));
        Assert.Equal((Amount)1000, l.Balance(Alice).Bonded);
    }

    [Fact]
    public void ReleaseClaim_removes_a_claim_that_reaches_zero()
    {
        var l = new LockupFixture();
        l.Bond(Alice, 1000);
        l.GrantClaim(Alice, ProviderA, 700);
        l.ReleaseClaim(ProviderA, Alice, 700);
        Assert.Empty(l.Balance(Alice).Claims.ToArray());
    }

    [Fact]
    public void ReleaseClaim_fails_with_UnknownLienholder_when_the_sender_has_no_claim()
    {
        var l = new LockupFixture();
        l.Bond(Alice, 1000);
        l.GrantClaim(Alice, ProviderA, 700);
        var error = l.Fails(ProviderB, new LockupMsg.Execute.ReleaseClaim(Alice.Value, 1));
        Assert.IsType<LockupError.UnknownLienholder>(error);
        Assert.Equal("The leinholder doesn't have any claims", error.Message);
        Assert.IsType<LockupError.UnknownLienholder>(l.Fails(ProviderA, new LockupMsg.Execute.ReleaseClaim(Bob.Value, 1)));
    }

    [Fact]
    public void ReleaseClaim_fails_with_InsufficientLien_above_the_claim()
    {
        var l = new LockupFixture();
        l.Bond(Alice, 1000);
        l.GrantClaim(Alice, ProviderA, 700);
        var error = l.Fails(ProviderA, new LockupMsg.Execute.ReleaseClaim(Alice.Value, 701));
        Assert.IsType<LockupError.InsufficientLien>(error);
        Assert.Equal("The leinholder doesn't have enough claims for the action", error.Message);
    }

    [Fact]
    public void Claim_messages_keep_the_seeds_leinholder_spelling_on_the_wire()
    {
        LockupMsg.Execute grant = new LockupMsg.Execute.GrantClaim(ProviderA.Value, 700, Validator);
        Assert.Equal($$$"""{"grant_claim":{"leinholder":"{{{ProviderA.Value}}}","amount":"700","validator":"{{{Validator}}}"}}""",
            System.Text.Encoding.UTF8.GetString(Wire.Encode(grant)));
        var decoded = Wire.Decode<LockupMsg.Execute>(Wire.Encode(grant));
        Assert.Equal(grant, decoded);
        Assert.Equal(new LockupMsg.Execute.Bond(), Wire.Decode<LockupMsg.Execute>("{\"bond\":{}}"u8));
    }
}
