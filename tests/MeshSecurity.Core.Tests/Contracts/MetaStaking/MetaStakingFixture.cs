using MeshSecurity.Core.Contracts.MetaStaking;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Tests.Support;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Tests.Contracts.MetaStaking;

/// <summary>
/// A meta-staking contract on a mock chain. The verbs apply the staking messages of each response to the mock querier
/// (delegations, balance, accrued rewards) as x/staking and x/distribution would, so later calls see their effects.
/// </summary>
internal sealed class MetaStakingFixture
{
    public static readonly Addr Self = Addr.Derive("test", "meta-staking");
    public static readonly Addr Admin = Addr.Derive("test", "admin");
    public static readonly Addr Anyone = Addr.Derive("test", "anyone");
    public static readonly Addr Consumer1 = Addr.Derive("test", "consumer-one");
    public static readonly Addr Consumer2 = Addr.Derive("test", "consumer-two");
    public const string V1 = "testvaloper1alpha";
    public const string V2 = "testvaloper1beta";
    public const string Denom = "ustake";

    public ContractHarness H { get; }

    /// <param name="epochs">A chain with epochs: requests are batched to <see cref="EndEpoch"/>.</param>
    /// <param name="localMinPower">The share of the chain's power its native stake keeps, when given.</param>
    public MetaStakingFixture(ulong funds = 1_000_000, bool epochs = false, Dec? localMinPower = null)
    {
        H = new ContractHarness(new MetaStakingContract(), Self, new MockQuerier { BondDenom = Denom });
        Fund(funds);
        H.Instantiate(Admin, new MetaStakingMsg.Instantiate(epochs ? true : null, localMinPower));
    }

    /// <summary>The chain's end-of-epoch hook at <paramref name="height"/>, its staking messages applied.</summary>
    public Response EndEpoch(ulong height) => Apply(H.Ok(new ContractCall.Sudo(new Apis.ChainHook.EpochEnded(height))));

    public MetaStakingState State => (MetaStakingState)H.State!;

    public void Fund(ulong amount) => H.Querier.Balances[(Self, Denom)] = new Coin(Denom, Balance + amount);

    public Amount Balance => H.Querier.Balance(Self, Denom).Amount;

    public Amount RealDelegation(string validator) => H.Querier.Delegation(Self, new Addr(validator))?.Tokens ?? Amount.Zero;

    public Response AddConsumer(Addr consumer, ulong funds) =>
        H.Ok(new ContractCall.Sudo(new MetaStakingMsg.Sudo.AddConsumer(consumer.Value, new Coin(Denom, funds))));

    public MeshError AddConsumerFails(Addr consumer, ulong funds, string denom = Denom) =>
        H.Fails(new ContractCall.Sudo(new MetaStakingMsg.Sudo.AddConsumer(consumer.Value, new Coin(denom, funds))));

    public Response Delegate(Addr consumer, string validator, ulong amount) =>
        Apply(H.Execute(consumer, new MetaStakingMsg.Execute.Delegate(validator, amount)));

    public Response Undelegate(Addr consumer, string validator, ulong amount) =>
        Apply(H.Execute(consumer, new MetaStakingMsg.Execute.Undelegate(validator, amount)));

    public Response WithdrawReward(string validator) =>
        Apply(H.Execute(Anyone, new MetaStakingMsg.Execute.WithdrawDelegatorReward(validator)));

    public Response WithdrawToCustomer(Addr consumer, string validator) =>
        Apply(H.Execute(Anyone, new MetaStakingMsg.Execute.WithdrawToCustomer(consumer.Value, validator)));

    public Amount Delegation(Addr consumer, string validator) =>
        H.Query<Amount>(new MetaStakingMsg.Query.Delegation(consumer.Value, validator));

    public MetaStakingMsg.ConsumerResponse Consumer(Addr consumer) =>
        H.Query<MetaStakingMsg.ConsumerResponse>(new MetaStakingMsg.Query.ConsumerInfo(consumer.Value));

    /// <summary>Block rewards land on the contract's delegation to a validator.</summary>
    public void Accrue(string validator, ulong reward) => Accrue(H.Querier, Self, Denom, validator, reward);

    /// <summary>A chain slash of the contract's delegation to a validator by a fraction (floored loss kept as in x/staking: tokens × (1 − f)).</summary>
    public void Slash(string validator, Dec fraction)
    {
        var key = (Self, new Addr(validator));
        var d = H.Querier.Delegations[key];
        H.Querier.Delegations[key] = d with { Tokens = d.Tokens - d.Tokens.MulCeil(fraction) };
    }

    public Response Apply(Response response)
    {
        foreach (var m in response.Messages) ApplyTo(H.Querier, Self, Denom, m.Msg);
        return response;
    }

    public static void Accrue(MockQuerier q, Addr self, string denom, string validator, ulong reward)
    {
        var key = (self, new Addr(validator));
        var d = q.Delegations[key];
        q.Delegations[key] = d with { AccumulatedRewards = d.AccumulatedRewards.Add(Coins.Of(denom, reward)) };
    }

    /// <summary>
    /// What the chain does with one of the contract's messages: delegate / undelegate move tokens (and, like the SDK,
    /// first pay out rewards still accrued), withdraw pays them, a contract call carries funds away.
    /// </summary>
    public static void ApplyTo(MockQuerier q, Addr self, string denom, CosmosMsg msg)
    {
        switch (msg)
        {
            case CosmosMsg.StakingDelegate m:
                PayRewards(q, self, denom, m.Validator);
                Move(q, self, denom, -(long)(ulong)m.Amount.Amount.Value);
                var d = q.Delegation(self, m.Validator) ?? new DelegationInfo(self, m.Validator, Amount.Zero, Coins.Empty);
                q.Delegations[(self, m.Validator)] = d with { Tokens = d.Tokens + m.Amount.Amount };
                break;
            case CosmosMsg.StakingUndelegate m:
                PayRewards(q, self, denom, m.Validator);
                var u = q.Delegations[(self, m.Validator)];
                var left = u.Tokens - m.Amount.Amount;
                if (left.IsZero) q.Delegations.Remove((self, m.Validator));
                else q.Delegations[(self, m.Validator)] = u with { Tokens = left };
                break;
            case CosmosMsg.DistributionWithdrawReward m:
                PayRewards(q, self, denom, m.Validator);
                break;
            case CosmosMsg.WasmExecute m:
                Move(q, self, denom, -(long)(ulong)m.Funds.AmountOf(denom).Value);
                break;
        }
    }

    private static void PayRewards(MockQuerier q, Addr self, string denom, Addr validator)
    {
        if (q.Delegation(self, validator) is not { } d) return;
        Move(q, self, denom, (long)(ulong)d.AccumulatedRewards.AmountOf(denom).Value);
        q.Delegations[(self, validator)] = d with { AccumulatedRewards = Coins.Empty };
    }

    private static void Move(MockQuerier q, Addr self, string denom, long delta)
    {
        var have = q.Balance(self, denom).Amount;
        q.Balances[(self, denom)] = new Coin(denom, delta >= 0 ? have + (ulong)delta : have - (ulong)(-delta));
    }
}
