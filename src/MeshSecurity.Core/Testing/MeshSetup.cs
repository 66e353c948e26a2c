using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Contracts;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Mesh;
using MeshSecurity.Core.Relaying;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Testing;

/// <summary>
/// Runs Core's <see cref="LinkPlan"/> synchronously on a <see cref="Coordinator"/>, for tests: every transaction in a
/// block of its own, channels opened by <see cref="Path"/>s, and the wait for the first validator list a relay of
/// both channels until quiet. The emulator's network runs the same plan through its actors.
/// </summary>
public static class MeshSetup
{
    /// <summary>The codes of the five contracts.</summary>
    public static CodeRegistry Codes() => MeshContracts.Codes();

    /// <summary>The account that deploys contracts on a chain.</summary>
    public static Addr Deployer(ChainApp chain) => MeshContracts.Deployer(chain.State.Prefix);

    /// <summary>Instantiates the provider chain's lockup and subscribes it to the chain's slash hook (local staking).</summary>
    public static Addr DeployLockup(Coordinator coord, ChainApp provider, MeshProfile? profile = null)
    {
        var plan = LinkPlan.Deploy([(provider.ChainId, profile)], [], Configs(coord));
        Run(coord, plan, []);
        return plan.Deployed.Lockups[provider.ChainId];
    }

    /// <summary>Instantiates the consumer chain's meta-staking contract (its admin is governance).</summary>
    public static Addr DeployMetaStaking(Coordinator coord, ChainApp consumer)
    {
        var plan = LinkPlan.Deploy([], [consumer.ChainId], Configs(coord));
        Run(coord, plan, []);
        return plan.Deployed.MetaStakings[consumer.ChainId];
    }

    /// <summary>
    /// Links a provider chain to a consumer chain. <paramref name="stakingFunds"/> consumer tokens are sent from governance
    /// to meta-staking and reserved for this link (governance must hold them: fund ChainApp.Gov at genesis).
    /// </summary>
    public static MeshLink Link(
        Coordinator coord, ChainApp provider, Addr lockup, ChainApp consumer, Addr metaStaking,
        Dec exchangeRate, Amount stakingFunds, ulong? packetLifetime = null, MeshProfile? profile = null)
    {
        var deployed = MeshDeployment.Empty.WithLockup(provider.ChainId, lockup).WithMetaStaking(consumer.ChainId, metaStaking);
        var definition = new LinkDefinition(provider.ChainId, consumer.ChainId, exchangeRate, stakingFunds, packetLifetime,
            Profile: profile);
        return LinkAll(coord, [definition], deployed)[0];
    }

    /// <summary>
    /// Installs many links side by side (in a synchronous world: step by step across all of them), deploying what
    /// <paramref name="deployed"/> lacks.
    /// </summary>
    public static IReadOnlyList<MeshLink> LinkAll(
        Coordinator coord, IReadOnlyList<LinkDefinition> links, MeshDeployment? deployed = null)
    {
        var paths = new Dictionary<string, Path>(StringComparer.Ordinal);
        var plan = LinkPlan.Start(links, Configs(coord), deployed);
        Run(coord, plan, paths);
        return [.. plan.Links.Select(l => Of(coord, l, paths))];
    }

    /// <summary>How long a cross-stake stays slashable after it is unstaked (<see cref="MeshContracts.CrossStakeUnbonding"/>).</summary>
    public static ulong CrossStakeUnbonding(ChainConfig provider, ChainConfig consumer) =>
        MeshContracts.CrossStakeUnbonding(provider, consumer);

    private static void Run(Coordinator coord, LinkPlan plan, Dictionary<string, Path> paths)
    {
        while (plan.Pending is { } request)
        {
            plan.Resume(request switch
            {
                LinkPlanRequest.Execute e => e.Txs.Select(t => coord.MustExecute(coord[t.Chain], t.Signer, [.. t.Msgs])).ToList(),
                LinkPlanRequest.Query q => q.Queries.Select(x => coord[x.Chain].Query<object>(x.Contract, x.Msg)).ToList(),
                LinkPlanRequest.OpenChannels o => o.Channels.Select(c => paths[c.Name] = Open(coord, c.Spec)).Select(EndsOf).ToList(),
                LinkPlanRequest.AwaitValidators w => AwaitValidators(coord, w, paths),
                _ => throw new InvalidOperationException($"unknown link plan request {request}"),
            });
        }
    }

    /// <summary>A path with a new connection, or one over the spec's existing connection, with its channel open.</summary>
    private static Path Open(Coordinator coord, ChannelSpec spec)
    {
        var (a, b) = (coord[spec.ChainA], coord[spec.ChainB]);
        Path path;
        if (spec.Connection is not { } c) path = coord.NewPath(a, spec.PortA, b, spec.PortB, spec.Version, spec.Order);
        else
            path = new Path(coord,
                new Endpoint(a, spec.PortA, spec.Version, spec.Order) { ClientId = c.ClientA, ConnectionId = c.ConnectionA },
                new Endpoint(b, spec.PortB, spec.Version, spec.Order) { ClientId = c.ClientB, ConnectionId = c.ConnectionB });
        path.OpenChannel();
        return path;
    }

    private static ChannelEnds EndsOf(Path p) =>
        new(p.A.Chain.ChainId, p.A.ClientId, p.A.ConnectionId, p.A.PortId, p.A.ChannelId,
            p.B.Chain.ChainId, p.B.ClientId, p.B.ConnectionId, p.B.PortId, p.B.ChannelId);

    /// <summary>Relays both channels of each link until quiet; the provider must then know its consumer's validators.</summary>
    private static object? AwaitValidators(Coordinator coord, LinkPlanRequest.AwaitValidators request, Dictionary<string, Path> paths)
    {
        foreach (var l in request.Links)
        {
            Of(coord, l, paths).Relay();
            var known = coord[l.ProviderChain]
                .Query<ProviderMsg.ListValidatorsResponse>(l.Provider, new ProviderMsg.Query.ListValidators());
            if (known.Validators.IsEmpty)
                throw new InvalidOperationException($"the validators of {l.ConsumerChain} did not reach {l.ProviderChain}");
        }
        return null;
    }

    private static MeshLink Of(Coordinator coord, MeshLinkInfo l, Dictionary<string, Path> paths) =>
        new(coord[l.ProviderChain], coord[l.ConsumerChain], l.Lockup, l.Provider, l.Slasher, l.Consumer, l.MetaStaking,
            paths[l.MeshChannelId], paths[l.TransferChannelId], l.RewardsDenom) { Info = l };

    private static Dictionary<string, ChainConfig> Configs(Coordinator coord) =>
        coord.Chains.ToDictionary(c => c.ChainId, c => c.State.Config, StringComparer.Ordinal);
}
