using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Contracts.MetaStaking;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Contracts.Slasher;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Testing;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Tests.Flows;

/// <summary>The users' and keepers' actions, each one transaction in a block of its own; the result says whether it passed.</summary>
public sealed partial class MeshNetwork
{
    /// <summary>Anyone on a consumer chain: the account that triggers the rewards flow.</summary>
    public static Addr Keeper(ChainApp consumer) => Addr.Derive(consumer.State.Prefix, "keeper");

    /// <summary>Anyone on osmosis: the account that submits evidence.</summary>
    public static readonly Addr Reporter = Addr.Derive("osmo", "reporter");

    // ---- mesh-lockup ----

    /// <summary>Locks <paramref name="amount"/> uosmo in the lockup.</summary>
    public TxResult Bond(Addr user, Amount amount) => ToLockup(user, new LockupMsg.Execute.Bond(), Coins.Of(Uosmo, amount));

    /// <summary>Withdraws <paramref name="amount"/> uosmo from the lockup (at most free).</summary>
    public TxResult Withdraw(Addr user, Amount amount) => ToLockup(user, new LockupMsg.Execute.Unbond(amount));

    /// <summary>Cross-stakes: a claim on the user's locked tokens for the link's provider, staked on a consumer validator.</summary>
    public TxResult GrantClaim(Addr user, MeshLink link, Addr validator, Amount amount) =>
        ToLockup(user, new LockupMsg.Execute.GrantClaim(link.ProviderContract.Value, amount, validator.Value));

    /// <summary>Delegates locked tokens to an osmosis validator (the lockup holds the claim for them).</summary>
    public TxResult StakeLocally(Addr user, Addr osmosisValidator, Amount amount) =>
        ToLockup(user, new LockupMsg.Execute.StakeLocal(osmosisValidator.Value, amount));

    private TxResult ToLockup(Addr user, LockupMsg.Execute msg, Coins? funds = null) =>
        Coord.Execute(Osmosis, user, new CosmosMsg.WasmExecute(Lockup, msg, funds ?? Coins.Empty));

    // ---- mesh-provider ----

    /// <summary>Asks the link's provider to unstake; the claim matures one provider unbonding period after the ack.</summary>
    public TxResult Unstake(Addr user, MeshLink link, Addr validator, Amount amount) =>
        ToProvider(user, link, new ProviderMsg.Execute.Unstake(amount, validator.Value));

    /// <summary>Hands the user's matured unbonding claims back to the lockup (release_claim).</summary>
    public TxResult Unbond(Addr user, MeshLink link) => ToProvider(user, link, new ProviderMsg.Execute.Unbond());

    /// <summary>Pays the user's rewards on a validator in the link's rewards denom (the ICS-20 voucher of the consumer's token).</summary>
    public TxResult ClaimRewards(Addr user, MeshLink link, Addr validator) =>
        ToProvider(user, link, new ProviderMsg.Execute.ClaimRewards(validator.Value));

    private TxResult ToProvider(Addr user, MeshLink link, ProviderMsg.Execute msg) =>
        Coord.Execute(Osmosis, user, new CosmosMsg.WasmExecute(link.ProviderContract, msg, Coins.Empty));

    // ---- meta-staking (anyone) ----

    /// <summary>
    /// The README's "Claiming Rewards" step 1, by anyone on the consumer chain: meta-staking pulls its rewards on the
    /// validator (withdraw_delegator_reward) and pays the link's consumer its share (withdraw_to_costumer), which sends
    /// the Rewards packet to the provider. One transaction.
    /// </summary>
    public TxResult WithdrawRewards(MeshLink link, Addr validator) =>
        Coord.Execute(link.Consumer, Keeper(link.Consumer),
            new CosmosMsg.WasmExecute(link.MetaStaking, new MetaStakingMsg.Execute.WithdrawDelegatorReward(validator.Value), Coins.Empty),
            new CosmosMsg.WasmExecute(link.MetaStaking,
                new MetaStakingMsg.Execute.WithdrawToCustomer(link.ConsumerContract.Value, validator.Value), Coins.Empty));

    // ---- misbehaviour ----

    /// <summary>
    /// Makes a validator of <paramref name="chain"/> sign a fork of its last block, after the chain commits one more
    /// block and every light client of it on osmosis learns that header (so a mesh-slasher knows the signer's key).
    /// </summary>
    public (SignedHeader A, SignedHeader B) DoubleSign(ChainApp chain, Addr validator)
    {
        Coord.CommitBlock(chain);
        foreach (var link in Links.Where(l => l.Consumer == chain)) link.MeshPath.UpdateClient(link.MeshPath.A);
        return chain.DoubleSign(validator, chain.Height - 1);
    }

    /// <summary>Submits double-sign evidence of the link's consumer chain to the link's mesh-slasher on osmosis.</summary>
    public TxResult SubmitToSlasher(MeshLink link, (SignedHeader A, SignedHeader B) evidence) =>
        Coord.Execute(Osmosis, Reporter, new CosmosMsg.WasmExecute(link.Slasher,
            new SlasherMsg.Execute.SubmitEvidence(new SlasherMsg.DoubleSignEvidence(evidence.A, evidence.B)), Coins.Empty));

    /// <summary>Submits double-sign evidence to the chain's own evidence module (slash, jail, tombstone).</summary>
    public TxResult SubmitToChain(ChainApp chain, (SignedHeader A, SignedHeader B) evidence) =>
        Coord.Execute(chain, Addr.Derive(chain.State.Prefix, "reporter"), new CosmosMsg.SubmitEvidence(evidence.A, evidence.B));
}
