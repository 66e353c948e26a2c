using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Contracts;
using MeshSecurity.Core.Contracts.Consumer;
using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Contracts.MetaStaking;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Ibc.Transfer;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Testing;

/// <summary>
/// The seed README's "Overview for Installing", as steps a test (or the emulator's network builder) runs:
/// deploy the lockup on a provider chain and meta-staking on a consumer chain once, then link them pair by pair:
/// ICS-20 channel for rewards, provider (+ its slasher) and consumer contracts, governance funding and authorisation,
/// the mesh channel handshake by the relayer and the first ListValidators exchange.
/// </summary>
public static class MeshSetup
{
    /// <summary>The codes of the five contracts.</summary>
    public static CodeRegistry Codes() => new([
        new LockupContract(), new ProviderContract(), new Contracts.Slasher.SlasherContract(), new ConsumerContract(), new MetaStakingContract()]);

    /// <summary>The account that deploys contracts on a chain.</summary>
    public static Addr Deployer(ChainApp chain) => Addr.Derive(chain.State.Prefix, "deployer");

    /// <summary>Instantiates the provider chain's lockup and subscribes it to the chain's slash hook (local staking).</summary>
    public static Addr DeployLockup(Coordinator coord, ChainApp provider, MeshProfile? profile = null)
    {
        var cfg = provider.State.Config;
        var lockup = Instantiate(coord, provider, Deployer(provider), LockupContract.Code,
            new LockupMsg.Instantiate(cfg.BondDenom, cfg.UnbondingPeriodSeconds, profile), "mesh-lockup");
        coord.MustExecute(provider, provider.Gov, new CosmosMsg.GovSubscribeHooks(lockup));
        return lockup;
    }

    /// <summary>Instantiates the consumer chain's meta-staking contract (its admin is governance).</summary>
    public static Addr DeployMetaStaking(Coordinator coord, ChainApp consumer) =>
        Instantiate(coord, consumer, consumer.Gov, MetaStakingContract.Code, new MetaStakingMsg.Instantiate(), "meta-staking");

    /// <summary>
    /// Links a provider chain to a consumer chain. <paramref name="stakingFunds"/> consumer tokens are sent from governance
    /// to meta-staking and reserved for this link (governance must hold them: fund ChainApp.Gov at genesis).
    /// </summary>
    public static MeshLink Link(
        Coordinator coord, ChainApp provider, Addr lockup, ChainApp consumer, Addr metaStaking,
        Dec exchangeRate, Amount stakingFunds, ulong? packetLifetime = null, MeshProfile? profile = null)
    {
        // one connection per chain pair; the ICS-20 channel first, since the provider's rewards denom names its channel
        var transfer = coord.NewPath(provider, TransferModule.PortId, consumer, TransferModule.PortId, TransferModule.Version);
        transfer.OpenChannel();
        var rewardsDenom = TransferModule.VoucherDenom(TransferModule.PortId, transfer.A.ChannelId, consumer.State.Config.BondDenom);

        var pcfg = provider.State.Config;
        var providerContract = Instantiate(coord, provider, Deployer(provider), ProviderContract.Code,
            new ProviderMsg.Instantiate(new ProviderMsg.ConsumerInfo(transfer.A.ConnectionId), new ProviderMsg.SlasherInfo(),
                lockup.Value, CrossStakeUnbonding(pcfg, consumer.State.Config), rewardsDenom, packetLifetime, consumer.State.Config.BondDenom, profile),
            $"mesh-provider for {consumer.ChainId}");
        var slasher = provider.Query<ProviderMsg.ConfigResponse>(providerContract, new ProviderMsg.Query.Config()).Slasher
                      ?? throw new InvalidOperationException("the provider did not record its slasher");

        var consumerContract = Instantiate(coord, consumer, consumer.Gov, ConsumerContract.Code,
            new ConsumerMsg.Instantiate(new ConsumerMsg.ProviderInfo(WasmState.PortOf(providerContract), transfer.B.ConnectionId),
                exchangeRate, metaStaking.Value, transfer.B.ChannelId, packetLifetime, providerContract.Value),
            $"mesh-consumer for {provider.ChainId}");

        // governance: fund meta-staking, authorise the consumer, subscribe it to validator set changes
        coord.MustExecute(consumer, consumer.Gov,
            new CosmosMsg.BankSend(metaStaking, Coins.Of(consumer.State.Config.BondDenom, stakingFunds)),
            new CosmosMsg.WasmSudo(metaStaking, new MetaStakingMsg.Sudo.AddConsumer(consumerContract.Value, new Coin(consumer.State.Config.BondDenom, stakingFunds))),
            new CosmosMsg.GovSubscribeHooks(consumerContract));

        var mesh = coord.NewPathOnConnection(transfer, WasmState.PortOf(providerContract), WasmState.PortOf(consumerContract), MeshProtocol.Version);
        mesh.OpenChannel();
        var link = new MeshLink(provider, consumer, lockup, providerContract, slasher, consumerContract, metaStaking, mesh, transfer, rewardsDenom);
        link.Relay();
        return link;
    }

    /// <summary>
    /// How long a cross-stake stays slashable after it is unstaked: the consumer chain's unbonding period, since
    /// evidence of a consumer's misbehaviour is valid that long (the README: the provider learns it from its slasher).
    /// Never shorter than the provider's own.
    /// </summary>
    public static ulong CrossStakeUnbonding(ChainConfig provider, ChainConfig consumer) =>
        System.Math.Max(provider.UnbondingPeriodSeconds, consumer.UnbondingPeriodSeconds);

    private static Addr Instantiate(Coordinator coord, ChainApp chain, Addr sender, string code, object msg, string label)
    {
        var result = coord.MustExecute(chain, sender, new CosmosMsg.WasmInstantiate(code, msg, Coins.Empty, label, sender));
        return ((InstantiateResult)result.MsgData[0]!).ContractAddress;
    }
}
