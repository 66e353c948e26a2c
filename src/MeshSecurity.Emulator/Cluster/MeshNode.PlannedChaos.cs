using System.Collections.Immutable;
using Akka.Actor;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Mesh;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using MeshSecurity.Emulator.Chains;
using MeshSecurity.Emulator.Channels;

namespace MeshSecurity.Emulator.Cluster;

/// <summary>
/// Live faults planned against the run's state (the relayer switches, net.loss, net.partition, the IBC faults and the
/// double-signs): this member reads every chain's committed state, which tells the run's links too (a provider chain
/// holds one "mesh-provider for CONSUMER" contract per link, LinkPlan), and the link relayers' state, checks the request
/// against them, then acts with the Core rules the scenario's chaos steps use (ScenarioRunner.Chaos.cs): the relayers'
/// RelayFaults switches, governance's IBC switches, double-sign evidence. A scenario's own faults on the same relayer
/// replace these switches at their next change, as they do for the consensus faults.
/// </summary>
public sealed partial class MeshNode
{
    private const string ProviderLabel = "mesh-provider for ";

    private static bool IsPlannedFault(string fault) => IsRelayFault(fault) || IsIbcFault(fault)
        || fault is "validator.double-sign" or "econ.slash-storm";

    /// <summary>
    /// What a fault is planned against: each chain's committed state, the run's links and their relayers, and the run's
    /// clock lookahead (the links' smallest latency floor).
    /// </summary>
    private sealed record RunView(ImmutableSortedDictionary<string, ChainState> States,
        ImmutableArray<(string Provider, string Consumer)> Links, ImmutableDictionary<string, ChannelReply.Info> Relayers,
        ulong LookaheadNanos)
    {
        public string LinkNames => Links.IsEmpty ? "none" : string.Join(", ", Links.Select(l => $"{l.Provider}->{l.Consumer}"));

        public string ChainNames => string.Join(", ", States.Keys);
    }

    /// <summary>The run read for a fault, back on this actor, which checks the fault against it and applies it.</summary>
    private sealed record LivePlan(IActorRef ReplyTo, string Instance, ChaosRequest.Inject Request, RunView View)
        : INoSerializationVerificationNeeded;

    private void PlannedChaosCommands() => Receive<LivePlan>(p =>
    {
        if (!_runs.TryGetValue(p.Instance, out var run))
        {
            p.ReplyTo.Tell(new ChaosReply.Refused("the run ended before the fault could be injected"));
            return;
        }
        var fault = p.Request.Fault.Name;
        if (Problem(p.Request, p.View) is { } problem)
        {
            p.ReplyTo.Tell(new ChaosReply.Refused($"{fault}: {problem}"));
            return;
        }
        var (chain, targets, act) = IsRelayFault(fault) ? ApplyRelayFault(run, p.Request, p.View)
            : IsIbcFault(fault) ? ApplyIbcFault(run, p.Request, p.View)
            : ApplyDoubleSign(run, p.Request, p.View);
        Record(run, chain, fault, targets);
        var (replyTo, runId) = (p.ReplyTo, run.Spec.RunId);
        act().PipeTo(replyTo, success: () => new ChaosReply.Done(runId, fault, targets),
            failure: ex => new ChaosReply.Refused($"{fault}: the run's chains or relayers did not answer ({ex.Message})"));
    });

    /// <summary>Reads the run (its chains, links and their relayers) for a fault, then plans it on this actor.</summary>
    private void Plan(Hosted run, ChaosRequest.Inject m)
    {
        var (sender, instance) = (Sender, run.Spec.Instance);
        ViewAsync(run).PipeTo(Self, success: v => new LivePlan(sender, instance, m, v),
            failure: ex => new ConsensusFailed(sender, m.Fault.Name, $"the run's chains or relayers did not answer ({ex.Message})"));
    }

    private static async Task<RunView> ViewAsync(Hosted run)
    {
        var states = await Task.WhenAll(run.Placement.Chains.Select(c =>
            run.Chains.Ask<ChainReply.State>(new ChainCommand.GetState(c), ChaosTimeout)));
        var byId = states.ToImmutableSortedDictionary(s => s.ChainId, s => s.Value, StringComparer.Ordinal);
        ImmutableArray<(string, string)> links = [.. byId.Values.SelectMany(s => s.Wasm.Contracts.Values
                .Where(c => c.Label.StartsWith(ProviderLabel, StringComparison.Ordinal)
                    && byId.ContainsKey(c.Label[ProviderLabel.Length..]))
                .Select(c => (s.ChainId, c.Label[ProviderLabel.Length..])))
            .Distinct().OrderBy(l => l.Item1, StringComparer.Ordinal).ThenBy(l => l.Item2, StringComparer.Ordinal)];
        var infos = await Task.WhenAll(links.SelectMany(l => PathsOf(l.Item1, l.Item2)).Select(ch =>
            run.Channels.Ask<ChannelReply.Info>(new ChannelCommand.GetInfo(ch), ChaosTimeout)));
        var clock = await run.ClockProxy.Ask<Time.ClockStatus>(new Time.ClockCommand.GetStatus(), ChaosTimeout);
        return new RunView(byId, links, infos.ToImmutableDictionary(i => i.ChannelId, StringComparer.Ordinal), clock.LookaheadNanos);
    }

    /// <summary>A link's two relayer paths: its mesh channel and its ICS-20 channel.</summary>
    private static string[] PathsOf(string provider, string consumer) =>
        [LinkPlan.MeshChannel(provider, consumer), LinkPlan.TransferChannel(provider, consumer)];

    /// <summary>What is wrong with the request for this run, or null: links, relayers, chains and validators it names.</summary>
    private static string? Problem(ChaosRequest.Inject m, RunView view)
    {
        if (m.Fault.Target == ChaosTarget.Link)
        {
            if (m.Provider is { } p && !view.Links.Contains((p, m.Consumer!)))
                return $"the run has no link {p}->{m.Consumer} (links: {view.LinkNames})";
            if (view.Links.IsEmpty) return "the run has no link";
            var paths = m.Provider is null ? view.Links.SelectMany(l => PathsOf(l.Provider, l.Consumer)) : PathsOf(m.Provider, m.Consumer!);
            if (paths.Select(ch => view.Relayers[ch]).FirstOrDefault(i => !i.Open) is { } closed)
                return $"relayer {closed.ChannelId} is not open (the run is still setting up, or the channel was refused or closed)";
            return m.Args.Latency is { } latency ? BelowLookahead(latency, view.LookaheadNanos) : null;
        }
        if (m.Fault.Name == "net.partition")
        {
            var named = m.Args.Groups.SelectMany(g => g).ToList();
            if (named.FirstOrDefault(c => !view.States.ContainsKey(c)) is { } unknown)
                return $"the run has no chain '{unknown}' (chains: {view.ChainNames})";
            if (named.GroupBy(c => c).FirstOrDefault(g => g.Count() > 1) is { } twice)
                return $"{twice.Key} is named twice: a chain is on one side of a partition";
            return Sides(m.Args, view).Length < 2 ? "a partition needs chains on two sides at least; these name every chain in one group"
                : null;
        }
        if (m.Fault.Name == "validator.double-sign" && m.Validator is null) return "needs --validator (its name)";
        if (m.Fault.Name == "econ.slash-storm" && m.Args.Validators.IsEmpty) return "needs --validators, \"chain/validator\" each";
        foreach (var (chain, validator) in Offenders(m))
        {
            if (!view.States.TryGetValue(chain, out var state)) return $"the run has no chain '{chain}' (chains: {view.ChainNames})";
            if (state.Staking.Validator(ChainGenesis.ValidatorAddress(state.Config.AddressPrefix, validator)) is null)
                return $"{chain} has no validator '{validator}' (validators are named as in the scenario's chains[].validators)";
        }
        return null;
    }

    /// <summary>
    /// A net.latency that could draw below the run's lookahead, refused as the scenario parser refuses it: windows last the
    /// lookahead, so a shorter draw could land within the window that sent it. The windows never shrink mid-run.
    /// </summary>
    private static string? BelowLookahead(Core.Relaying.LatencyModel latency, ulong lookahead) =>
        latency.FloorNanos >= lookahead ? null
        : $"expected a latency that never draws below {Core.Types.DurationText.Of(lookahead)}, the run's clock lookahead (the " +
          $"smallest floor of the links' relayers), got one with a floor of {Core.Types.DurationText.Of(latency.FloorNanos)}; raise " +
          (latency switch
          {
              Core.Relaying.LatencyModel.LogNormal => "--min-latency",
              Core.Relaying.LatencyModel.Uniform => "its min",
              _ => "its value",
          });

    /// <summary>The sides of a partition: those named, then the chains left out as one more.</summary>
    private static ImmutableArray<ImmutableArray<string>> Sides(ChaosArgs args, RunView view)
    {
        var rest = view.States.Keys.Except(args.Groups.SelectMany(g => g)).ToImmutableArray();
        return [.. args.Groups.Where(g => !g.IsEmpty), .. rest.IsEmpty ? [] : new[] { rest }];
    }

    /// <summary>The validators a double-sign or a slash storm names, as (chain, validator).</summary>
    private static IEnumerable<(string Chain, string Validator)> Offenders(ChaosRequest.Inject m) => m.Fault.Name switch
    {
        "validator.double-sign" => [(m.Chain!, m.Validator!)],
        "econ.slash-storm" => m.Args.Validators.Select(v => v.Split('/')).Select(v => (v[0], v[1])),
        _ => [],
    };

    /// <summary>
    /// Each offender signs two blocks at one height; the evidence goes to each provider's slasher for its chain (providers
    /// in order) and to the chain, submitted by its watcher account as the scenario's double-sign does (ScenarioAddresses).
    /// </summary>
    private static (string Chain, ImmutableArray<string> Targets, Func<Task> Act) ApplyDoubleSign(Hosted run, ChaosRequest.Inject m,
        RunView view)
    {
        var offenders = Offenders(m).ToList();
        async Task Act()
        {
            foreach (var (chain, validator) in offenders)
            {
                var state = view.States[chain];
                var evidence = await run.Chains.Ask<ChainReply.Evidence>(
                    new ChainCommand.DoubleSign(chain, ChainGenesis.ValidatorAddress(state.Config.AddressPrefix, validator)), ChaosTimeout);
                foreach (var (provider, _) in view.Links.Where(l => l.Consumer == chain))
                {
                    var providerState = view.States[provider];
                    var contract = providerState.Wasm.Contracts.Values.First(c => c.Label == ProviderLabel + chain).Address;
                    var config = await run.Chains.Ask<ChainReply.QueryResult>(new ChainCommand.QueryContract(provider, contract,
                        new Core.Contracts.Provider.ProviderMsg.Query.Config()), ChaosTimeout);
                    if (config.Error is not null || Core.Wire.As<Core.Contracts.Provider.ProviderMsg.ConfigResponse>(config.Result).Slasher
                        is not { } slasher) continue;
                    var submit = new Core.Contracts.Slasher.SlasherMsg.Execute.SubmitEvidence(
                        new Core.Contracts.Slasher.SlasherMsg.DoubleSignEvidence(evidence.HeaderA, evidence.HeaderB));
                    await Submit(run, providerState, Watcher(providerState), new CosmosMsg.WasmExecute(slasher, submit, Coins.Empty),
                        $"evidence/{chain}/{validator}");
                }
                await Submit(run, state, Watcher(state), new CosmosMsg.SubmitEvidence(evidence.HeaderA, evidence.HeaderB),
                    $"evidence/{chain}/{validator}");
            }
        }
        return (offenders.Count == 1 ? offenders[0].Chain : "", [.. offenders.Select(o => $"{o.Chain}/{o.Validator}")], Act);
    }

    /// <summary>The account that submits double-sign evidence it watched (anyone may): the scenario's watcher.</summary>
    private static Addr Watcher(ChainState state) => Addr.Derive(state.Config.AddressPrefix, "watcher");

    /// <summary>
    /// A transaction of this member's for the chain's next block, under an id of its own: live faults are not replayed
    /// from a seed, so only their uniqueness matters. Not before nothing (not the chain's time: under a clock skew it is
    /// ahead of the instants blocks are made at), so it sorts before what the relayers submit for later instants.
    /// </summary>
    private static Task Submit(Hosted run, ChainState state, Addr signer, CosmosMsg msg, string what)
    {
        var id = $"chaos-live/{what}/{Guid.NewGuid():N}";
        return run.Chains.Ask<ChainReply.Accepted>(
            new ChainCommand.SubmitTx(state.ChainId, new Tx(signer, [msg], id), Timestamp.Zero, "chaos", id), ChaosTimeout);
    }

    /// <summary>Governance's switch on the chain (error acks, clients), as the scenario runner's Govern sends it.</summary>
    private static Task Govern(Hosted run, ChainState state, CosmosMsg msg, string what) =>
        Submit(run, state, ModuleAccounts.Gov(state.Config.AddressPrefix), msg, what);

    /// <summary>The planned faults in force that status shows, relayer switches first.</summary>
    private IEnumerable<string> PlannedFaultsOf(Hosted run) =>
        [.. RelayFaultsOf(run.Spec.Instance).Select(f => f.Shown), .. IbcFaultsOf(run.Spec.Instance).Select(f => f.Shown)];

    /// <summary>Heal of the planned faults: the relayers' switches off, the IBC switches off and the clients recovered.</summary>
    private List<Task> HealPlanned(Hosted run, List<string> healed)
    {
        healed.AddRange(PlannedFaultsOf(run));
        var tasks = HealRelays(run);
        tasks.AddRange(HealIbc(run));
        return tasks;
    }

    private void ForgetPlanned(string instance)
    {
        _relayFaults.Remove(instance);
        _ibcFaults.Remove(instance);
        foreach (var key in _relaySent.Keys.Where(k => k.Instance == instance).ToList()) _relaySent.Remove(key);
    }
}
