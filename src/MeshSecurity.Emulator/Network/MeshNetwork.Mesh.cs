using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Contracts;
using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Mesh;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Emulator.Network;

public sealed partial class MeshNetwork
{
    /// <summary>The lockups, meta-staking contracts and connections installed so far; later links reuse them.</summary>
    private MeshDeployment _deployed = MeshDeployment.Empty;

    /// <summary>The account that deploys contracts on a chain.</summary>
    public Addr Deployer(string chainId) => MeshContracts.Deployer(_chains[chainId].Config.AddressPrefix);

    /// <summary>The chain's governance account (funded at genesis by whoever needs it to pay for a link).</summary>
    public Addr Gov(string chainId) => ModuleAccounts.Gov(_chains[chainId].Config.AddressPrefix);

    /// <summary>
    /// The lockup of a provider chain, deployed on first use and subscribed to the chain's slash hook; a chain without a
    /// link counts collateral by <paramref name="collateral"/> (the seed's rule by default).
    /// </summary>
    public async Task<Addr> LockupAsync(string providerChain, MeshProfile? profile = null, CollateralPolicy? collateral = null)
    {
        if (!_deployed.Lockups.ContainsKey(providerChain))
            await RunAsync(LinkPlan.Deploy([(providerChain, profile)], [], ChainConfigs(), _deployed,
                collateral is null ? null : new Dictionary<string, CollateralPolicy> { [providerChain] = collateral }));
        return _deployed.Lockups[providerChain];
    }

    /// <summary>The meta-staking contract of a consumer chain, deployed on first use (its admin is governance).</summary>
    public async Task<Addr> MetaStakingAsync(string consumerChain)
    {
        if (!_deployed.MetaStakings.ContainsKey(consumerChain))
            await RunAsync(LinkPlan.Deploy([], [consumerChain], ChainConfigs(), _deployed));
        return _deployed.MetaStakings[consumerChain];
    }

    /// <summary>
    /// The seed README's installation (Core's <see cref="LinkPlan"/>), through the chains' own transactions and the
    /// relayers: the ICS-20 channel for rewards, the provider (and its slasher) and consumer contracts, governance
    /// funding and authorising meta-staking, the consumer's staking hook, then the mesh channel handshake and the first
    /// validator list.
    /// </summary>
    public async Task<MeshLinkInfo> LinkAsync(LinkDefinition link) => (await LinkAllAsync([link]))[0];

    /// <summary>
    /// Installs many links at once, step by step across all of them (every provider contract in one block, every
    /// handshake at the same time): the emulated time to link N consumers does not grow with N, so a fan-out of a
    /// thousand consumer chains is set up in minutes of emulated time rather than days. One link goes through exactly
    /// the transactions of <see cref="LinkAsync"/>. <paramref name="onStep"/> hears each step's activity before it runs.
    /// </summary>
    public async Task<IReadOnlyList<MeshLinkInfo>> LinkAllAsync(IReadOnlyList<LinkDefinition> links, Func<string, Task>? onStep = null)
    {
        var plan = LinkPlan.Start(links, ChainConfigs(), _deployed, Settings.Seed);
        await RunAsync(plan, onStep);
        return plan.Links;
    }

    /// <summary>Answers the plan's requests with the network's own verbs, each request's items side by side.</summary>
    private async Task RunAsync(LinkPlan plan, Func<string, Task>? onStep = null)
    {
        try
        {
            while (plan.Pending is { } request)
            {
                if (onStep is not null) await onStep(request.Activity);
                plan.Resume(request switch
                {
                    LinkPlanRequest.Execute e => await MustExecuteAllAsync([.. e.Txs.Select(t => (t.Chain, t.Signer, t.Msgs.ToArray()))]),
                    LinkPlanRequest.OpenChannels o => await OpenChannelsAsync([.. o.Channels.Select(c => (c.Name, c.Spec))]),
                    LinkPlanRequest.Query q => await QueryAllAsync(q),
                    LinkPlanRequest.AwaitValidators w => await WhenValidatorsKnown(w.Links),
                    _ => throw new InvalidOperationException($"unknown link plan request {request}"),
                });
            }
        }
        finally
        {
            // what is installed stays installed, even when a later step fails
            _deployed = plan.Deployed;
        }
    }

    private async Task<IReadOnlyList<object>> QueryAllAsync(LinkPlanRequest.Query request)
    {
        var answers = new List<object>();
        foreach (var q in request.Queries) answers.Add(await QueryAsync<object>(q.Chain, q.Contract, q.Msg));
        return answers;
    }

    private Dictionary<string, ChainConfig> ChainConfigs() => _chains.ToDictionary(c => c.Key, c => c.Value.Config, StringComparer.Ordinal);

    /// <summary>Runs the clock until every provider has recorded its consumer's validators (at most an hour of emulated time).</summary>
    private async Task<object?> WhenValidatorsKnown(IReadOnlyList<MeshLinkInfo> links)
    {
        if (links.Count == 0) return null;
        var step = links.Min(l => _chains[l.ProviderChain].Config.BlockTimeSeconds);
        var waiting = links.ToList();
        for (var waited = 0UL; waited <= 3600; waited += step)
        {
            var still = new List<MeshLinkInfo>();
            foreach (var l in waiting)
            {
                var known = await QueryAsync<ProviderMsg.ListValidatorsResponse>(l.ProviderChain, l.Provider,
                    new ProviderMsg.Query.ListValidators());
                if (known.Validators.IsEmpty) still.Add(l);
            }
            waiting = still;
            if (waiting.Count == 0) return null;
            await RunForAsync(step);
        }
        throw new LinkSetupException($"the validators of {string.Join(", ", waiting.Select(l => l.ConsumerChain))} never reached their " +
            "providers within an hour of emulated time");
    }
}
