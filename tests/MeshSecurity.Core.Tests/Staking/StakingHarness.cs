using MeshSecurity.Core.Bank;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Staking;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Tests.Staking;

/// <summary>
/// One chain's state under test with verbs for the staking module. Every verb keeps the new state and then checks
/// conservation: the bank ledger balances, the bonded pool holds exactly the validators' tokens, the not-bonded pool
/// exactly the unbonding balances, and the distribution account at least every reward owed (so it can always pay).
/// <see cref="Fails{TError}"/> runs an operation that must refuse and leaves the state as it was.
/// </summary>
public sealed class StakingHarness
{
    public const string Denom = "ustake";
    public const string Prefix = "osmo";

    public static readonly ChainConfig DefaultConfig = new()
    {
        ChainId = "provider-1",
        AddressPrefix = Prefix,
        BondDenom = Denom,
        UnbondingPeriodSeconds = 1000,
        MaxValidators = 10,
        PowerReduction = 1,
        BlockReward = 0,
    };

    public static readonly Addr Alice = Account("alice");
    public static readonly Addr Bob = Account("bob");
    public static readonly Addr Carol = Account("carol");
    public static readonly Addr ValA = Account("valoper-a");
    public static readonly Addr ValB = Account("valoper-b");
    public static readonly Addr ValC = Account("valoper-c");

    public ChainState State { get; set; }
    public List<Event> Events { get; } = [];

    public StakingHarness(ChainConfig? config = null, ulong fundsEach = 1_000_000)
    {
        State = ChainState.Genesis(config ?? DefaultConfig);
        foreach (var a in new[] { Alice, Bob, Carol }) State.Bank.AddGenesis(a, Coins.Of(Denom, fundsEach));
        State.Undo.Commit();
    }

    public static Addr Account(string name) => Addr.Derive(Prefix, name);

    public static byte[] PubKey(Addr op) => System.Text.Encoding.UTF8.GetBytes("pk:" + op.Value);

    public Addr BondedPool => ModuleAccounts.BondedPool(Prefix);
    public Addr NotBondedPool => ModuleAccounts.NotBondedPool(Prefix);
    public Addr Distribution => ModuleAccounts.Distribution(Prefix);

    public Amount Balance(Addr a) => State.Bank.Balance(a, Denom);
    public Amount Supply => State.Bank.SupplyOf(Denom);
    public Validator Validator(Addr op) => State.Staking.Validators[op];
    public Delegation? Delegation(Addr delegator, Addr op) => State.Staking.Delegation(delegator, op);
    public Amount Tokens(Addr delegator, Addr op) => State.DelegationTokens(delegator, op);

    // ---- verbs ----

    public void CreateValidator(Addr op, Addr self, Amount bond) =>
        Apply(s => s.CreateValidator(op, PubKey(op), self, bond, Events));

    public void Delegate(Addr delegator, Addr op, Amount amount) => Apply(s => s.Delegate(delegator, op, amount, Events));

    public Timestamp Undelegate(Addr delegator, Addr op, Amount amount) =>
        Apply(s => s.Undelegate(delegator, op, amount, Events));

    public Amount Slash(Addr op, ulong infractionHeight, Dec fraction) =>
        Apply(s => s.Slash(op, infractionHeight, fraction, Events));

    public void Jail(Addr op, Timestamp until) => Apply(s => s.Jail(op, until, Events));
    public void Unjail(Addr op) => Apply(s => s.Unjail(op, Events));
    public void Tombstone(Addr op) => Apply(s => s.Tombstone(op, Events));
    public Amount DoubleSign(Addr op, ulong infractionHeight) => Apply(s => s.HandleDoubleSign(op, infractionHeight, Events));
    public void DistributeRewards() => Apply(s => s.DistributeBlockRewards(Events));
    public Coins Withdraw(Addr delegator, Addr op) => Apply(s => s.WithdrawRewards(delegator, op, Events));
    public ValidatorSetUpdate EndBlock() => Apply(s => s.EndBlock(Events));

    /// <summary>Moves the clock (and the height by one block) without running any module.</summary>
    public void SkipTime(ulong seconds) => State.WithBlock(State.Height + 1, State.Time.PlusSeconds(seconds));

    /// <summary>Advances to the next block: height + 1, time + BlockTimeSeconds.</summary>
    public void NextBlock() => State.WithBlock(State.Height + 1, State.Time.PlusSeconds(State.Config.BlockTimeSeconds));

    /// <summary>
    /// Runs an operation that must refuse with <typeparamref name="TError"/>, in a scope that the refusal rolls back, as
    /// the executor's would (the bank writes in place: docs/decisions/0014-mutable-stores-with-an-undo-log.md).
    /// </summary>
    public TError Fails<TError>(Func<ChainState, object> operation) where TError : MeshError
    {
        // the state is written in place: its records before, which the rollback must put back
        var (staking, bank, height, time) = (State.Staking, State.Bank, State.Height, State.Time);
        var savepoint = State.Undo.Savepoint();
        var ex = Assert.Throws<MeshException>(() => operation(State));
        State.Undo.RollbackTo(savepoint);
        Assert.Same(staking, State.Staking);
        Assert.Same(bank, State.Bank);
        Assert.Equal((height, time), (State.Height, State.Time));
        return Assert.IsType<TError>(ex.Error);
    }

    public void Apply(Func<ChainState, ChainState> operation)
    {
        State = operation(State);
        AssertConserved();
    }

    public T Apply<T>(Func<ChainState, (ChainState, T)> operation)
    {
        (State, var result) = operation(State);
        AssertConserved();
        return result;
    }

    public void AssertConserved()
    {
        Assert.Empty(State.Bank.CheckConservation());
        var staking = State.Staking;
        Assert.Equal(staking.Validators.Values.Aggregate(Amount.Zero, (a, v) => a + v.Tokens), Balance(BondedPool));
        Assert.Equal(staking.UnbondingQueue.Aggregate(Amount.Zero, (a, e) => a + e.Balance), Balance(NotBondedPool));
        var owed = staking.Delegations.Values.Aggregate(Dec.Zero,
            (sum, d) => sum + d.PendingRewards + d.Shares * (staking.Validators[d.Validator].RewardsPerShare - d.PaidRewardsPerShare));
        Assert.True(Dec.FromInteger(Balance(Distribution)) >= owed, $"distribution holds {Balance(Distribution)} but owes {owed}");
    }

    public Event LastEvent(string type) => Events.Last(e => e.Type == type);
}
