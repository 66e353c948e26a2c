using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Contracts;
using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Tests.Support;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Tests.Contracts.Lockup;

/// <summary>A mesh-lockup on a mock chain, with verbs for its messages and the chain's slash hook.</summary>
internal sealed class LockupFixture
{
    public static readonly Addr Self = Addr.Derive("test", "mesh-lockup");
    public static readonly Addr Alice = Addr.Derive("test", "alice");
    public static readonly Addr Bob = Addr.Derive("test", "bob");
    public static readonly Addr ProviderA = Addr.Derive("test", "provider-a");
    public static readonly Addr ProviderB = Addr.Derive("test", "provider-b");
    public static readonly Addr ProviderC = Addr.Derive("test", "provider-c");
    public const string Denom = "uosmo";
    public const string Validator = "testvaloper1alpha";
    public const string Validator2 = "testvaloper1beta";
    public const ulong UnbondingPeriod = 1000;

    public ContractHarness H { get; }

    public LockupFixture(MeshProfile? profile = null, CollateralPolicy? collateral = null)
    {
        H = new ContractHarness(new LockupContract(), Self, new MockQuerier { BondDenom = Denom });
        H.Instantiate(Alice, new LockupMsg.Instantiate(Denom, UnbondingPeriod, profile, collateral));
    }

    /// <summary>A vault lockup whose local staking reserves <paramref name="local"/> and whose providers declared their ratios.</summary>
    public static LockupFixture Vault(string local, params (Addr Provider, string Ratio)[] providers)
    {
        var l = new LockupFixture(collateral: new CollateralPolicy.Vault(new SlashRatio(Dec.Parse(local), Dec.Zero)));
        foreach (var (provider, ratio) in providers)
            l.H.Execute(provider, new LockupMsg.Execute.DeclareSlashRatio(Dec.Parse(ratio), Dec.Zero));
        return l;
    }

    public Response Commit(Addr lienholder, Addr owner, ulong amount) =>
        H.Execute(lienholder, new LockupMsg.Execute.CommitClaim(owner.Value, amount));

    public Response Rollback(Addr lienholder, Addr owner, ulong amount) =>
        H.Execute(lienholder, new LockupMsg.Execute.RollbackClaim(owner.Value, amount));

    /// <summary>A cross-stake acknowledged at once: the grant, then its commit.</summary>
    public void CrossStake(Addr owner, Addr lienholder, ulong amount)
    {
        GrantClaim(owner, lienholder, amount);
        Commit(lienholder, owner, amount);
    }

    public LockupMsg.LiensResponse Liens(Addr owner) => H.Query<LockupMsg.LiensResponse>(new LockupMsg.Query.Liens(owner.Value));

    public ValueRange LienOf(Addr owner, Addr lienholder) =>
        Liens(owner).Liens.FirstOrDefault(c => c.Lienholder == lienholder)?.Amount ?? ValueRange.Zero;

    public Response Bond(Addr owner, ulong amount) => H.Execute(owner, new LockupMsg.Execute.Bond(), Coins.Of(Denom, amount));

    public Response Unbond(Addr owner, ulong amount) => H.Execute(owner, new LockupMsg.Execute.Unbond(amount));

    public Response GrantClaim(Addr owner, Addr lienholder, ulong amount, string validator = Validator) =>
        H.Execute(owner, new LockupMsg.Execute.GrantClaim(lienholder.Value, amount, validator));

    public Response ReleaseClaim(Addr lienholder, Addr owner, ulong amount) =>
        H.Execute(lienholder, new LockupMsg.Execute.ReleaseClaim(owner.Value, amount));

    public Response SlashClaim(Addr lienholder, Addr owner, ulong amount) =>
        H.Execute(lienholder, new LockupMsg.Execute.SlashClaim(owner.Value, amount));

    public Response StakeLocal(Addr owner, ulong amount, string validator = Validator) =>
        H.Execute(owner, new LockupMsg.Execute.StakeLocal(validator, amount));

    public Response UnstakeLocal(Addr owner, ulong amount, string validator = Validator) =>
        H.Execute(owner, new LockupMsg.Execute.UnstakeLocal(validator, amount));

    public Response ReleaseLocal(Addr owner) => H.Execute(owner, new LockupMsg.Execute.ReleaseLocal());

    public Response ValidatorSlashed(string validator, string fraction, ulong infractionHeight = 0) =>
        H.Ok(new ContractCall.Sudo(new ChainHook.ValidatorSlashed(validator, Dec.Parse(fraction), infractionHeight)));

    public MeshError Fails(Addr sender, LockupMsg.Execute msg, Coins? funds = null) => H.ExecuteFails(sender, msg, funds);

    public void SkipTime(ulong seconds)
    {
        H.Time = H.Time.PlusSeconds(seconds);
        H.Height += seconds / 5 + 1;
    }

    /// <summary>What the chain says the lockup holds in its own bank balance.</summary>
    public void SetBankBalance(ulong amount) => H.Querier.Balances[(Self, Denom)] = new Coin(Denom, amount);

    public LockupMsg.BalanceResponse Balance(Addr owner) => H.Query<LockupMsg.BalanceResponse>(new LockupMsg.Query.Balance(owner.Value));

    public LockupMsg.LocalStakesResponse LocalStakes(Addr owner) => H.Query<LockupMsg.LocalStakesResponse>(new LockupMsg.Query.LocalStakes(owner.Value));

    /// <summary>What the owner's local staking still owns: stakes plus unbondings not to be burned (the lockup's own claim).</summary>
    public Amount OwnedLocal(Addr owner)
    {
        var local = LocalStakes(owner);
        return local.Stakes.Aggregate(Amount.Zero, (s, x) => s + x.Amount)
               + local.Unbondings.Where(u => !u.Burn).Aggregate(Amount.Zero, (s, u) => s + u.Amount);
    }

    public Amount ClaimOf(Addr owner, Addr lienholder) =>
        Balance(owner).Claims.FirstOrDefault(c => c.Lienholder == lienholder)?.Amount ?? Amount.Zero;

    public static CosmosMsg CutStake(Addr provider, Addr owner, ulong amount) =>
        new CosmosMsg.WasmExecute(provider, new ProviderMsg.Execute.CutStake(owner.Value, amount), Coins.Empty);

    public static CosmosMsg Burn(ulong amount) => new CosmosMsg.BankBurn(Coins.Of(Denom, amount));

    public static CosmosMsg Undelegate(string validator, ulong amount) => new CosmosMsg.StakingUndelegate(new Addr(validator), new Coin(Denom, amount));

    public static IEnumerable<CosmosMsg> Messages(Response r) => r.Messages.Select(m => m.Msg);
}
