using MeshSecurity.Core.Bank;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Staking;
using static MeshSecurity.Core.Tests.Staking.StakingHarness;

namespace MeshSecurity.Core.Tests.Staking;

public sealed class DelegationTests
{
    private static StakingHarness BondedValidatorA(ulong selfBond = 100)
    {
        var h = new StakingHarness();
        h.CreateValidator(ValA, Alice, selfBond);
        h.EndBlock();
        h.NextBlock();
        return h;
    }

    [Fact]
    public void CreateValidator_self_delegates_and_starts_unbonded_until_the_next_EndBlock()
    {
        var h = new StakingHarness();
        h.CreateValidator(ValA, Alice, 100);

        var v = h.Validator(ValA);
        Assert.Equal(BondStatus.Unbonded, v.Status);
        Assert.Equal((Amount)100, v.Tokens);
        Assert.Equal(Dec.FromInteger(100), v.DelegatorShares);
        Assert.Equal(Dec.FromInteger(100), h.Delegation(Alice, ValA)!.Shares);
        Assert.Equal((Amount)100, h.Balance(h.BondedPool));
        Assert.Equal((Amount)999_900, h.Balance(Alice));
        Assert.Equal(0UL, h.State.VotingPower(ValA));

        h.EndBlock();
        Assert.Equal(BondStatus.Bonded, h.Validator(ValA).Status);
        Assert.Equal(100UL, h.State.VotingPower(ValA));
    }

    [Fact]
    public void CreateValidator_fails_with_ValidatorExists_PubKeyExists_or_ZeroAmount()
    {
        var h = BondedValidatorA();
        h.Fails<StakingError.ValidatorExists>(s => s.CreateValidator(ValA, PubKey(ValB), Bob, 10, h.Events));
        var taken = h.Fails<StakingError.PubKeyExists>(s => s.CreateValidator(ValB, PubKey(ValA), Bob, 10, h.Events));
        Assert.Equal(ValA, taken.ExistingValidator);
        h.Fails<StakingError.ZeroAmount>(s => s.CreateValidator(ValB, PubKey(ValB), Bob, Amount.Zero, h.Events));
    }

    [Fact]
    public void Delegate_issues_shares_one_to_one_while_the_exchange_rate_is_one()
    {
        var h = BondedValidatorA();
        h.Delegate(Bob, ValA, 50);
        h.Delegate(Bob, ValA, 25);

        Assert.Equal(Dec.FromInteger(75), h.Delegation(Bob, ValA)!.Shares);
        Assert.Equal((Amount)175, h.Validator(ValA).Tokens);
        Assert.Equal(Dec.FromInteger(175), h.Validator(ValA).DelegatorShares);
        Assert.Equal((Amount)75, h.Tokens(Bob, ValA));
        var e = h.LastEvent(StakingEvents.Delegate);
        Assert.Equal("25ustake", e.Get(StakingEvents.AmountKey));
        Assert.Equal("25", e.Get(StakingEvents.NewSharesKey));
    }

    [Fact]
    public void Delegate_after_a_slash_issues_more_shares_than_tokens()
    {
        var h = BondedValidatorA();
        h.Slash(ValA, h.State.Height, Dec.Percent(10));      // 100 tokens, 100 shares -> 90 tokens: rate 0.9

        h.Delegate(Bob, ValA, 90);
        Assert.Equal(Dec.FromInteger(100), h.Delegation(Bob, ValA)!.Shares);
        h.Delegate(Carol, ValA, 30);
        Assert.Equal(Dec.Parse("33.333333333333333333"), h.Delegation(Carol, ValA)!.Shares);

        Assert.Equal((Amount)210, h.Validator(ValA).Tokens);
        Assert.Equal((Amount)90, h.Tokens(Alice, ValA));
        Assert.Equal((Amount)90, h.Tokens(Bob, ValA));
        Assert.Equal((Amount)29, h.Tokens(Carol, ValA));   // 33.333333333333333333 × 210 / 233.33… floors just below 30
    }

    [Fact]
    public void Delegate_fails_with_ZeroAmount_ValidatorNotFound_or_missing_funds()
    {
        var h = BondedValidatorA();
        h.Fails<StakingError.ZeroAmount>(s => s.Delegate(Bob, ValA, Amount.Zero, h.Events));
        h.Fails<StakingError.ValidatorNotFound>(s => s.Delegate(Bob, ValB, 10, h.Events));
        h.Fails<BankError.InsufficientFunds>(s => s.Delegate(Bob, ValA, 1_000_001, h.Events));
    }

    [Fact]
    public void Delegate_fails_with_ValidatorTombstoned_for_a_tombstoned_validator()
    {
        var h = BondedValidatorA();
        h.Tombstone(ValA);
        h.Fails<StakingError.ValidatorTombstoned>(s => s.Delegate(Bob, ValA, 10, h.Events));
    }

    [Fact]
    public void Delegate_fails_with_InvalidExchangeRate_when_the_validator_was_slashed_to_zero_tokens()
    {
        var h = BondedValidatorA();
        Assert.Equal((Amount)100, h.Slash(ValA, h.State.Height, Dec.One));
        Assert.True(h.Validator(ValA).IsInsolvent);
        h.Fails<StakingError.InvalidExchangeRate>(s => s.Delegate(Bob, ValA, 10, h.Events));
    }

    [Fact]
    public void Undelegate_moves_tokens_to_the_not_bonded_pool_and_queues_an_entry_completing_after_the_unbonding_period()
    {
        var h = BondedValidatorA();
        h.Delegate(Bob, ValA, 300);

        var completion = h.Undelegate(Bob, ValA, 120);

        Assert.Equal(h.State.Time.PlusSeconds(1000), completion);
        Assert.Equal(Dec.FromInteger(180), h.Delegation(Bob, ValA)!.Shares);
        Assert.Equal((Amount)280, h.Validator(ValA).Tokens);
        Assert.Equal((Amount)280, h.Balance(h.BondedPool));
        Assert.Equal((Amount)120, h.Balance(h.NotBondedPool));
        var entry = Assert.Single(h.State.Staking.UnbondingQueue);
        Assert.Equal(new UnbondingEntry(Bob, ValA, h.State.Height, completion, 120, 120), entry);
        Assert.Equal(completion.Nanos.ToString(), h.LastEvent(StakingEvents.Unbond).Get(StakingEvents.CompletionTimeKey));
    }

    [Fact]
    public void Undelegate_after_a_slash_pays_exactly_the_requested_amount()
    {
        var h = BondedValidatorA();
        h.Delegate(Bob, ValA, 200);
        h.Slash(ValA, h.State.Height, Dec.Percent(10));      // 300 -> 270 tokens, 300 shares: rate 0.9
        Assert.Equal((Amount)180, h.Tokens(Bob, ValA));

        h.Undelegate(Bob, ValA, 100);

        // ceil(100 × 300 / 270) shares leave, worth floor(100.000…0008) = 100 tokens
        Assert.Equal(Dec.Parse("88.888888888888888888"), h.Delegation(Bob, ValA)!.Shares);
        Assert.Equal((Amount)100, h.State.Staking.UnbondingQueue.Single().Balance);
        Assert.Equal((Amount)170, h.Validator(ValA).Tokens);
        Assert.Equal((Amount)90, h.Tokens(Alice, ValA));
    }

    [Fact]
    public void Undelegate_fails_with_InsufficientShares_when_amount_exceeds_delegation()
    {
        var h = BondedValidatorA();
        h.Delegate(Bob, ValA, 50);
        var error = h.Fails<StakingError.InsufficientShares>(s => s.Undelegate(Bob, ValA, 51, h.Events));
        Assert.Equal((Amount)50, error.Available);
        Assert.Equal("staking", error.Codespace);
    }

    [Fact]
    public void Undelegate_fails_with_InsufficientShares_when_a_slash_lowered_the_delegation_below_the_amount()
    {
        var h = BondedValidatorA();
        h.Delegate(Bob, ValA, 100);
        h.Slash(ValA, h.State.Height, Dec.Percent(50));
        h.Fails<StakingError.InsufficientShares>(s => s.Undelegate(Bob, ValA, 51, h.Events));
        h.Undelegate(Bob, ValA, 50);
        Assert.Null(h.Delegation(Bob, ValA));
    }

    [Fact]
    public void Undelegate_fails_with_DelegationNotFound_ValidatorNotFound_or_ZeroAmount()
    {
        var h = BondedValidatorA();
        h.Fails<StakingError.DelegationNotFound>(s => s.Undelegate(Bob, ValA, 1, h.Events));
        h.Fails<StakingError.ValidatorNotFound>(s => s.Undelegate(Bob, ValB, 1, h.Events));
        h.Fails<StakingError.ZeroAmount>(s => s.Undelegate(Alice, ValA, Amount.Zero, h.Events));
    }

    [Fact]
    public void Undelegate_of_the_whole_delegation_removes_it()
    {
        var h = BondedValidatorA();
        h.Delegate(Bob, ValA, 70);
        h.Undelegate(Bob, ValA, 70);
        Assert.Null(h.Delegation(Bob, ValA));
        Assert.Equal(Dec.FromInteger(100), h.Validator(ValA).DelegatorShares);
    }

    [Fact]
    public void Undelegate_of_the_queried_value_removes_a_delegation_left_with_dust()
    {
        var h = BondedValidatorA();
        h.Delegate(Bob, ValA, 200);
        h.Delegate(Carol, ValA, 30);
        h.Slash(ValA, h.State.Height, Dec.Percent(10));     // rate 0.9; Carol's 30 shares are worth 27
        h.Undelegate(Bob, ValA, 100);                     // leaves Bob 88.888888888888888888 shares, worth 79.99…
        var value = h.Tokens(Bob, ValA);
        Assert.Equal((Amount)79, value);

        h.Undelegate(Bob, ValA, value);

        Assert.Null(h.Delegation(Bob, ValA));
        Assert.Equal((Amount)27, h.Tokens(Carol, ValA));
    }

    [Fact]
    public void Undelegate_from_an_unbonded_validator_pays_out_at_once()
    {
        var h = new StakingHarness();
        h.CreateValidator(ValA, Alice, 100);              // not bonded before EndBlock
        h.Delegate(Bob, ValA, 40);

        var completion = h.Undelegate(Bob, ValA, 40);

        Assert.Equal(h.State.Time, completion);
        Assert.Empty(h.State.Staking.UnbondingQueue);
        Assert.Equal((Amount)1_000_000, h.Balance(Bob));
        Assert.Equal(StakingEvents.CompleteUnbonding, h.Events[^1].Type);
    }

    [Fact]
    public void An_operation_writes_its_validator_bank_and_delegation_in_place_and_the_writes_can_be_undone()
    {
        var h = BondedValidatorA();
        // the validators, the bank and the delegations are stores written in place, the records stay
        // (docs/decisions/0014-mutable-stores-with-an-undo-log.md): the state is no "before", its records are
        var staking = h.State.Staking;
        var (savepoint, pool) = (h.State.Undo.Savepoint(), h.Balance(h.BondedPool));
        h.Delegate(Bob, ValA, 10);
        Assert.Same(staking, h.State.Staking);
        Assert.Equal((Amount)110, h.Validator(ValA).Tokens);
        Assert.Equal((Amount)999_990, h.Balance(Bob));
        Assert.Equal(pool + 10, h.Balance(h.BondedPool));
        Assert.NotNull(h.Delegation(Bob, ValA));
        h.State.Undo.RollbackTo(savepoint);
        Assert.Same(staking, h.State.Staking);
        Assert.Equal((Amount)100, h.Validator(ValA).Tokens);
        Assert.Null(h.Delegation(Bob, ValA));
        Assert.Equal((Amount)1_000_000, h.Balance(Bob));
        Assert.Equal(pool, h.Balance(h.BondedPool));
    }
}
