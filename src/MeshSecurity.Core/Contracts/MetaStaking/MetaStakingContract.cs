using System.Collections.Immutable;
using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Contracts.MetaStaking;

/// <summary>
/// meta-staking ("Virtual Staking"): holds real consumer-chain tokens (funded by governance) and delegates them in
/// x/staking for registered mesh-consumer contracts, each up to its own cap, and shares the rewards per
/// (consumer, validator). Entry points and queries here; delegation flows in MetaStakingDelegation.cs, rewards in
/// MetaStakingRewards.cs, consumer registration in MetaStakingSudo.cs.
/// </summary>
public sealed partial class MetaStakingContract : Contract<MetaStakingState, MetaStakingMsg.Instantiate, MetaStakingMsg.Execute, MetaStakingMsg.Query>
{
    public const string Code = "meta-staking";

    /// <summary>The default and largest page of the list queries.</summary>
    public const uint DefaultLimit = 100;

    public override string CodeId => Code;

    protected override (MetaStakingState State, Response Response) Instantiate(
        ContractContext ctx, MessageInfo info, MetaStakingMsg.Instantiate msg)
    {
        if (msg.LocalMinPower is { } floor && (floor.IsZero || floor >= Dec.One))
            throw new MetaStakingError.InvalidLocalMinPower(floor).Raise();
        return (MetaStakingState.Create(info.Sender, ctx.Querier.BondDenom, msg.Epochs == true, msg.LocalMinPower), Response.Empty
            .AddAttribute(MetaStakingEvents.ActionKey, MetaStakingEvents.Instantiate)
            .AddAttribute(MetaStakingEvents.AdminKey, info.Sender.Value));
    }

    protected override (MetaStakingState State, Response Response) Execute(ContractContext ctx, MessageInfo info, MetaStakingState state, MetaStakingMsg.Execute msg) =>
        msg switch
        {
            MetaStakingMsg.Execute.Delegate m => Delegate(ctx, info.Sender, state, m.Validator, m.Amount),
            MetaStakingMsg.Execute.Undelegate m => Undelegate(ctx, info.Sender, state, m.Validator, m.Amount),
            MetaStakingMsg.Execute.WithdrawDelegatorReward m => WithdrawDelegatorReward(ctx, state, m.Validator),
            MetaStakingMsg.Execute.WithdrawToCustomer m => WithdrawToCustomer(ctx, state, m.Consumer, m.Validator),
            MetaStakingMsg.Execute.Rebalance m => RebalanceNow(ctx, state, new Addr(m.Consumer)),
            MetaStakingMsg.Execute.AdminSudo m => info.Sender == state.Config.Admin
                ? RunSudo(ctx, state, m.Msg)
                : throw new MetaStakingError.Unauthorized().Raise(),
            _ => throw new StdError.Generic($"unknown execute message {msg.GetType().Name}").Raise(),
        };

    /// <summary>Governance (x/gov through the chain's sudo), or the chain's hooks on a chain with epochs (MetaStakingEpochs.cs).</summary>
    protected override (MetaStakingState State, Response Response) Sudo(ContractContext ctx, MetaStakingState state, object msg) =>
        msg switch
        {
            ChainHook hook => Hook(ctx, state, hook),
            MetaStakingMsg.Sudo s => RunSudo(ctx, state, s),
            byte[] json => SudoJson(ctx, state, json),
            string json => SudoJson(ctx, state, System.Text.Encoding.UTF8.GetBytes(json)),
            _ => throw new StdError.ParseError(nameof(MetaStakingMsg.Sudo), msg.GetType().Name, "meta-staking accepts only its sudo messages").Raise(),
        };

    /// <summary>A sudo message as JSON: a chain hook's name (epoch_ended, ...) or one of governance's messages.</summary>
    private static (MetaStakingState, Response) SudoJson(ContractContext ctx, MetaStakingState state, byte[] json)
    {
        try
        {
            return Hook(ctx, state, Wire.Decode<ChainHook>(json));
        }
        catch (MeshException)
        {
            // not a chain hook: governance's message, or neither (its parse error says what is accepted)
        }
        return RunSudo(ctx, state, Wire.Decode<MetaStakingMsg.Sudo>(json));
    }

    protected override object Query(ContractContext ctx, MetaStakingState state, MetaStakingMsg.Query msg) => msg switch
    {
        MetaStakingMsg.Query.AllDelegations q => new MetaStakingMsg.AllDelegationsResponse(
            state.StakesOf(new Addr(q.Consumer))
                .Select(kv => new MetaStakingMsg.DelegationResponse(kv.Key.Validator, kv.Value.Delegated))
                .ToImmutableArray()),
        MetaStakingMsg.Query.ConsumerInfo q => ConsumerOf(ctx, state, new Addr(q.Address)),
        MetaStakingMsg.Query.Consumers q => state.Consumers.Keys
            .Where(c => q.Start is null || string.CompareOrdinal(c.Value, q.Start) > 0)
            .Take(Limit(q.Limit))
            .ToImmutableArray(),
        MetaStakingMsg.Query.Delegation q => state.StakeOf(new Addr(q.Consumer), q.Validator)?.Delegated ?? Amount.Zero,
        MetaStakingMsg.Query.Request q => state.RequestOf(new Addr(q.Consumer), q.Validator),
        MetaStakingMsg.Query.AllValidators q => state.StakesOf(new Addr(q.Consumer))
            .Select(kv => kv.Key.Validator)
            .Where(v => q.Start is null || string.CompareOrdinal(v, q.Start) > 0)
            .Take(Limit(q.Limit))
            .ToImmutableArray(),
        _ => throw new StdError.Generic($"unknown query {msg.GetType().Name}").Raise(),
    };

    private static int Limit(uint? limit) => (int)System.Math.Min(limit ?? DefaultLimit, DefaultLimit);

    /// <summary>The consumer's funds, cap and, per validator, its rewards as if settled now.</summary>
    private static MetaStakingMsg.ConsumerResponse ConsumerOf(ContractContext ctx, MetaStakingState state, Addr consumer)
    {
        var info = state.Consumers.GetValueOrDefault(consumer) ?? throw new MetaStakingError.NoConsumer().Raise();
        var rewards = state.StakesOf(consumer)
            .Select(kv => (kv.Key.Validator, Stake: kv.Value.Settle(state.Rpt(kv.Key.Validator))))
            .Select(x => new MetaStakingMsg.ValidatorRewardsResponse(x.Validator, x.Stake.Pending, x.Stake.PaidRewardsPerToken))
            .ToImmutableArray();
        return new(info.AvailableFunds, info.TotalStaked, rewards, info.Cap, info.Cap is null ? null : Limit(ctx, state, consumer),
            info.OverCap == OverCapPolicy.Normalise ? info.OverCap : null);
    }
}
