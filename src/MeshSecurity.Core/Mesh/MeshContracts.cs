using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Contracts.Consumer;
using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Contracts.MetaStaking;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Contracts.Slasher;
using MeshSecurity.Core.Contracts.TestLienholder;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Mesh;

/// <summary>The five mesh contracts as stored codes, who deploys them, and the one parameter a link derives from both chains.</summary>
public static class MeshContracts
{
    /// <summary>
    /// The codes of the five contracts, and of the test lien-holder, which only a scenario's fixture deploys (no link
    /// instantiates it), so that a scenario can play a lien-holder on any chain.
    /// </summary>
    public static CodeRegistry Codes() => new([
        new LockupContract(), new ProviderContract(), new SlasherContract(), new ConsumerContract(), new MetaStakingContract(),
        new TestLienholderContract()]);

    /// <summary>The account that deploys the lockup and the provider contracts on a chain.</summary>
    public static Addr Deployer(string addressPrefix) => Addr.Derive(addressPrefix, "deployer");

    /// <summary>
    /// How long a cross-stake stays slashable after it is unstaked: the consumer chain's unbonding period, since
    /// evidence of a consumer's misbehaviour is valid that long (the README: the provider learns it from its slasher).
    /// Never shorter than the provider's own.
    /// </summary>
    public static ulong CrossStakeUnbonding(ChainConfig provider, ChainConfig consumer) =>
        System.Math.Max(provider.UnbondingPeriodSeconds, consumer.UnbondingPeriodSeconds);
}
