using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Contracts.Consumer;
using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Contracts.Slasher;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Testing;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Tests.Contracts.Provider;

/// <summary>The lockup, provider and slasher on a real provider chain, linked to a consumer chain by the deployment helper.</summary>
public sealed class ProviderEndToEndTests
{
    private readonly Coordinator _coord = new();
    private readonly ChainApp _osmo;
    private readonly ChainApp _juno;
    private readonly Addr _alice = Addr.Derive("osmo", "alice");
    private readonly Addr _reporter = Addr.Derive("osmo", "reporter");
    private readonly Addr _validator = ChainApp.ValidatorAddress("juno", "v1");
    private readonly MeshLink _link;

    public ProviderEndToEndTests()
    {
        _osmo = _coord.AddChain(new ChainConfig { ChainId = "osmo-1", AddressPrefix = "osmo", BondDenom = "uosmo" }, MeshSetup.Codes(),
            [new GenesisAccount(_alice, Coins.Of("uosmo", 1_000_000)), new GenesisAccount(Addr.Derive("osmo", "deployer"), Coins.Of("uosmo", 1000))],
            [new GenesisValidator("v1", 1_000_000)]);
        _juno = _coord.AddChain(new ChainConfig { ChainId = "juno-1", AddressPrefix = "juno", BondDenom = "ujuno" }, MeshSetup.Codes(),
            [new GenesisAccount(ModuleAccounts.Gov("juno"), Coins.Of("ujuno", 10_000_000))],
            [new GenesisValidator("v1", 1_000_000), new GenesisValidator("v2", 1_000_000)]);
        var lockup = MeshSetup.DeployLockup(_coord, _osmo);
        var meta = MeshSetup.DeployMetaStaking(_coord, _juno);
        _link = MeshSetup.Link(_coord, _osmo, lockup, _juno, meta, Dec.Parse("0.1"), 1_000_000);
    }

    private void Lockup(LockupMsg.Execute msg, Coins? funds = null) =>
        _coord.MustExecute(_osmo, _alice, new CosmosMsg.WasmExecute(_link.Lockup, msg, funds ?? Coins.Empty));

    private Amount ProviderStake() => _osmo.Query<ProviderMsg.StakeResponse>(_link.ProviderContract, new ProviderMsg.Query.Stake(_validator.Value)).Tokens;

    private Amount ConsumerRecord() => _juno.Query<ConsumerMsg.RemoteStakeResponse>(_link.ConsumerContract, new ConsumerMsg.Query.RemoteStake(_validator.Value)).Amount;

    private LockupMsg.BalanceResponse Balance() => _osmo.Query<LockupMsg.BalanceResponse>(_link.Lockup, new LockupMsg.Query.Balance(_alice.Value));

    [Fact]
    public void A_granted_claim_becomes_cross_stake_that_both_chains_record()
    {
        Lockup(new LockupMsg.Execute.Bond(), Coins.Of("uosmo", 1000));
        Lockup(new LockupMsg.Execute.GrantClaim(_link.ProviderContract.Value, 700, _validator.Value));
        _link.Relay();

        Assert.Equal((Amount)700, ProviderStake());
        Assert.Equal((Amount)700, ConsumerRecord());
        Assert.Equal((Amount)300, Balance().Free);
    }

    [Fact]
    public void Double_sign_evidence_slashes_the_cross_stake_on_both_chains_and_burns_the_collateral()
    {
        Lockup(new LockupMsg.Execute.Bond(), Coins.Of("uosmo", 1000));
        Lockup(new LockupMsg.Execute.GrantClaim(_link.ProviderContract.Value, 700, _validator.Value));
        _link.Relay();
        _coord.CommitBlock(_juno);
        _link.MeshPath.UpdateClient(_link.MeshPath.A);

        var (a, b) = _juno.DoubleSign(_validator, _juno.Height - 1);
        var evidence = new SlasherMsg.Execute.SubmitEvidence(new SlasherMsg.DoubleSignEvidence(a, b));
        _coord.MustExecute(_osmo, _reporter, new CosmosMsg.WasmExecute(_link.Slasher, evidence, Coins.Empty));
        _link.Relay();

        Assert.Equal((Amount)665, ProviderStake());                   // 700 − 5%
        Assert.Equal((Amount)665, ConsumerRecord());
        Assert.Equal((Amount)965, Balance().Bonded);
        Assert.Equal((Amount)(1000 - 35), _osmo.Balance(_link.Lockup, "uosmo"));
        Assert.Empty(_osmo.State.Bank.CheckConservation());
    }

    /// <summary>A slash of the provider chain's own validator reaches the lockup by the chain hook, and the cut reaches the consumer.</summary>
    [Fact]
    public void A_local_validator_slash_cuts_the_remote_claim_down_to_the_new_bonded()
    {
        var osmoValidator = ChainApp.ValidatorAddress("osmo", "v1");
        Lockup(new LockupMsg.Execute.Bond(), Coins.Of("uosmo", 1000));
        Lockup(new LockupMsg.Execute.StakeLocal(osmoValidator.Value, 1000));
        Lockup(new LockupMsg.Execute.GrantClaim(_link.ProviderContract.Value, 1000, _validator.Value));
        _link.Relay();

        var (a, b) = _osmo.DoubleSign(osmoValidator, _osmo.Height - 1);
        _coord.MustExecute(_osmo, _reporter, new CosmosMsg.SubmitEvidence(a, b));
        _coord.CommitBlock(_osmo);
        _link.Relay();

        Assert.Equal((Amount)950, Balance().Bonded);                  // ceil(1000 × 5%)
        Assert.Equal((Amount)950, ProviderStake());
        Assert.Equal((Amount)950, ConsumerRecord());
        Assert.All(Balance().Claims, c => Assert.True(c.Amount <= 950));
    }

    /// <summary>A remote slash of fully delegated collateral undelegates it; the burn follows the real unbonding.</summary>
    [Fact]
    public void A_remote_slash_of_delegated_collateral_is_burned_when_the_unbonding_completes()
    {
        var osmoValidator = ChainApp.ValidatorAddress("osmo", "v1");
        Lockup(new LockupMsg.Execute.Bond(), Coins.Of("uosmo", 1000));
        Lockup(new LockupMsg.Execute.StakeLocal(osmoValidator.Value, 1000));
        Lockup(new LockupMsg.Execute.GrantClaim(_link.ProviderContract.Value, 1000, _validator.Value));
        _link.Relay();
        _coord.CommitBlock(_juno);
        _link.MeshPath.UpdateClient(_link.MeshPath.A);

        var (a, b) = _juno.DoubleSign(_validator, _juno.Height - 1);
        _coord.MustExecute(_osmo, _reporter, new CosmosMsg.WasmExecute(_link.Slasher, new SlasherMsg.Execute.SubmitEvidence(new SlasherMsg.DoubleSignEvidence(a, b)), Coins.Empty));
        _link.Relay();
        Assert.Equal((Amount)950, Balance().Bonded);
        Assert.Equal((Amount)0, _osmo.Balance(_link.Lockup, "uosmo"));
        var supply = _osmo.State.Bank.SupplyOf("uosmo");

        _coord.IncrementTime(_osmo.State.Config.UnbondingPeriodSeconds);
        _coord.CommitBlock(_osmo);
        Assert.Equal((Amount)50, _osmo.Balance(_link.Lockup, "uosmo"));
        Lockup(new LockupMsg.Execute.Bond(), Coins.Of("uosmo", 1));    // any call burns what matured
        Assert.Equal((Amount)1, _osmo.Balance(_link.Lockup, "uosmo"));
        Assert.Equal(supply - 50, _osmo.State.Bank.SupplyOf("uosmo"));
        Assert.Empty(_osmo.State.Bank.CheckConservation());
    }
}
