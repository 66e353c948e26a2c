using MeshSecurity.Core.Mesh;
using MeshSecurity.Core.Relaying;
using System.Collections.Immutable;
using Akka.Actor;
using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using MeshSecurity.Emulator.Chains;
using MeshSecurity.Emulator.Channels;
using MeshSecurity.Emulator.Time;
using MeshSecurity.Emulator.Routing;

namespace MeshSecurity.Emulator.Network;

/// <summary>
/// The emulated network of chains and relayers on one actor system: define chains, open channels, submit
/// transactions, query, run the clock, subscribe to events, shut down. Emulated time moves only when the caller runs
/// the clock (<see cref="RunForAsync"/>, or the waits of <see cref="ExecuteAsync"/> and <see cref="OpenChannelAsync"/>,
/// which run it block by block until their result is in), so a run is a function of its inputs and seed.
/// </summary>
public sealed partial class MeshNetwork : IAsyncDisposable
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(60);
    private readonly SortedDictionary<string, ChainDefinition> _chains = new(StringComparer.Ordinal);
    private long _txCounter;
    private ulong _lookahead = ulong.MaxValue;

    private MeshNetwork(ActorSystem system, NetworkSettings settings, CodeRegistry codes)
    {
        System = system;
        Settings = settings;
        Codes = codes;
        Log = new NetworkLog();
        // channel entities need the chain parent and the clock; their props are made when the first message for them
        // arrives, after the constructor set both
        ChannelRegion = system.ActorOf(
            EntityParent.Props(new ChannelMessageExtractor(),
                id => ChannelActor.Props(id, ChainRegion!, settings.EffectiveClock.EffectiveStallTimeout)), NameOf("channels"));
        // the first network of a system journals its chains as "chain-{id}" (a resumed run, in a new process, finds them
        // again); a second network of the same system must not read the first one's blocks as its own
        var ordinal = Interlocked.Increment(ref NetworksOf.GetOrCreateValue(system).Value);
        var journalPrefix = ordinal == 1 ? "" : $"network-{ordinal}/";
        ChainRegion = system.ActorOf(EntityParent.Props(new ChainMessageExtractor(),
            id => ChainActor.Props(id, ChannelRegion, codes, journalPrefix, settings.Contracts, settings.SnapshotEvery,
                settings.ReplayFromGenesis)), NameOf("chains"));
        NodeClock = system.ActorOf(Time.NodeClock.Props(ChainRegion, ChannelRegion, settings.EffectiveClock), NameOf("node-clock"));
        Clock = system.ActorOf(TimeKeeper.Props(NodeClock, settings.EffectiveClock,
            settings.ClockStart ?? settings.EffectiveGenesisTime), NameOf("time-keeper"));
        Recorder = system.ActorOf(EventRecorder.Props(Log, ex => _failure.TrySetException(ex)), NameOf("events"));
        EventRecorder.Subscribe(system, Recorder);
        // the chains first, while channels and clock can still answer a window they are in the middle of
        _owned = [ChainRegion, Recorder, ChannelRegion, Clock, NodeClock];
    }

    /// <summary>A network whose entities and clock live elsewhere (a cluster's shard regions and singleton).</summary>
    private MeshNetwork(ActorSystem system, NetworkSettings settings, CodeRegistry codes, IActorRef chains, IActorRef channels,
        IActorRef clock)
    {
        System = system;
        Settings = settings;
        Codes = codes;
        Log = new NetworkLog();
        ChainRegion = chains;
        ChannelRegion = channels;
        Clock = clock;
        NodeClock = ActorRefs.Nobody;
        Recorder = system.ActorOf(EventRecorder.Props(Log, ex => _failure.TrySetException(ex)), NameOf("events"));
        _owned = [Recorder];
    }

    /// <summary>
    /// A network driving entities that run elsewhere: <paramref name="chains"/> and <paramref name="channels"/> route by
    /// the entities' ids (shard region proxies), <paramref name="clock"/> is the time keeper (a singleton proxy). The
    /// chains' events come to this process's recorder through the clock.
    /// </summary>
    public static async Task<MeshNetwork> AttachAsync(ActorSystem system, NetworkSettings settings, CodeRegistry codes,
        IActorRef chains, IActorRef channels, IActorRef clock, TimeSpan timeout, Func<string, Task>? announce = null)
    {
        var net = new MeshNetwork(system, settings, codes, chains, channels, clock) { _announce = announce };
        await net.Recorder.Ask<EventsSubscribed>(new EventRecorder.SubscribeTo(clock), timeout);
        return net;
    }

    private readonly IActorRef[] _owned;

    /// <summary>Tells a cluster's members of a new chain before its first message (channels are placed by their chains).</summary>
    private Func<string, Task>? _announce;

    private readonly TaskCompletionSource _failure = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Never completes while the network is sound; faults with a <see cref="JournalFailureException"/> when a chain cannot
    /// use its journal or a resumed chain diverges from it, so a driver awaiting the clock can stop at once.
    /// </summary>
    public Task Failure => _failure.Task;

    /// <summary>Ends the run with <paramref name="reason"/> (a cluster member it depended on was lost).</summary>
    public void Fail(Exception reason) => _failure.TrySetException(reason);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ActorSystem, System.Runtime.CompilerServices.StrongBox<int>> NetworksOf = new();
    private static int _instances;
    private readonly int _instance = Interlocked.Increment(ref _instances);

    private string NameOf(string role) => $"mesh-{_instance}-{role}";

    public ActorSystem System { get; }
    public NetworkSettings Settings { get; }
    public CodeRegistry Codes { get; }
    public NetworkLog Log { get; }
    public IActorRef ChainRegion { get; }
    public IActorRef ChannelRegion { get; }
    /// <summary>The time keeper: opens windows, paces them, and answers the driver's runs.</summary>
    public IActorRef Clock { get; }

    /// <summary>
    /// The clock of this (the only) node: runs each window's chains, then its relayers; nobody when attached to a cluster.
    /// </summary>
    public IActorRef NodeClock { get; }
    public IActorRef Recorder { get; }

    /// <summary>Starts a network on <paramref name="system"/> with the five mesh contracts as its stored codes.</summary>
    public static MeshNetwork Start(ActorSystem system, NetworkSettings? settings = null, CodeRegistry? codes = null) =>
        new(system, settings ?? new NetworkSettings(), codes ?? MeshContracts.Codes());

    /// <summary>The emulated time the clock has reached.</summary>
    public async Task<Timestamp> NowAsync() => (await ReadClock()).Now;

    /// <summary>Creates a chain at genesis (now, for a chain added after the start) and schedules its first block.</summary>
    public async Task<ChainReply.Ready> AddChainAsync(ChainDefinition definition)
    {
        var now = await NowAsync();
        var genesis = Settings.EffectiveGenesisTime > now ? Settings.EffectiveGenesisTime : now;
        var config = definition.Config with { GenesisTime = genesis };
        definition = definition with { Config = config, KeySeed = definition.KeySeed.Length > 0 ? definition.KeySeed : Settings.Seed };
        _chains[config.ChainId] = definition;
        if (_announce is { } announce) await announce(config.ChainId);
        var init = new ChainCommand.Init(config.ChainId, definition);
        var ready = await AskUntilAnswered<ChainReply.Ready>(ChainRegion, init, config.ChainId);
        await AskClock(new ClockCommand.Register(config.ChainId, ready.NextBlockAt));
        return ready;
    }

    /// <summary>
    /// Fault injection: the chain actor throws and restarts, rebuilding itself from its journal. Answers once it is back
    /// (its height and time then); re-sent until answered, and applied once by its id.
    /// </summary>
    public Task<ChainReply.Ready> CrashChainAsync(string chainId) =>
        AskUntilAnswered<ChainReply.Ready>(ChainRegion, new ChainCommand.Crash(chainId, NextCrashId(), "injected"), chainId);

    /// <summary>Paces the runs from now on as if the run started now (after a set-up, say).</summary>
    public Task<ClockStatus> RestartPacingAsync() => AskClock(new ClockCommand.RestartPacing());

    /// <summary>The time keeping's state: windows run, how far behind the requested speed, whom it waits for.</summary>
    public Task<ClockStatus> ClockStatusAsync() => ReadClock();

    public ChainDefinition Definition(string chainId) => _chains[chainId];

    /// <summary>Runs the clock for <paramref name="seconds"/> of emulated time.</summary>
    public async Task<ClockStatus> RunForAsync(double seconds)
    {
        var now = await NowAsync();
        return await RunUntilAsync(now.PlusNanos((ulong)(seconds * Timestamp.NanosPerSecond)));
    }

    public async Task<ClockStatus> RunUntilAsync(Timestamp until)
    {
        // answered when the run is done, however long it takes: re-sent while unanswered, without a bound (a stalled
        // window ends it with Undelivered, the node clock's own bound)
        var status = await ResendingAsk.Ask<ClockStatus>(Clock, new ClockCommand.RunUntil(until), "the clock",
            Settings.EffectiveClock.EffectiveStallTimeout, ResendingAsk.Unbounded, _ending.Token);
        if (status.Undelivered is { } undelivered) throw new UndeliveredException(undelivered);
        await FlushEventsAsync();
        return status;
    }

    /// <summary>
    /// Hands the events published so far to the log's sinks, in canonical order. Runs of the clock end with one; call it
    /// only while the clock stands (a slice's events must all be in before they are sorted).
    /// </summary>
    public Task FlushEventsAsync() => Recorder.Ask<object>(EventRecorder.Flush.Instance, AskTimeout);

    /// <summary>
    /// Runs the clock one block time at a time until <paramref name="task"/> completes or <paramref name="maxSeconds"/>
    /// of emulated time passed (then it throws: the awaited result did not come).
    /// </summary>
    public async Task<T> RunUntilDone<T>(Task<T> task, double maxSeconds = 3600, string what = "the result")
    {
        await RunWhile(() => !task.IsCompleted, maxSeconds, what);
        return await task;
    }

    /// <summary>
    /// Runs the clock one block time at a time while <paramref name="waiting"/> holds. It must read tasks the recorder
    /// completes itself (never a Task.WhenAll of them, whose completion may lag the flush and cost an extra block).
    /// </summary>
    private async Task RunWhile(Func<bool> waiting, double maxSeconds, string what)
    {
        var step = _chains.Count == 0 ? 1.0 : _chains.Values.Min(c => c.Config.BlockTimeSeconds);
        var waited = 0.0;
        while (waiting())
        {
            if (waited >= maxSeconds) throw new TimeoutException($"{what} did not come within {maxSeconds} emulated seconds");
            await RunForAsync(step);
            waited += step;
        }
    }

    /// <summary>Submits a transaction now and runs the clock until it is in a block; returns its result.</summary>
    public async Task<TxResult> ExecuteAsync(string chainId, Addr signer, params CosmosMsg[] msgs) =>
        (await ExecuteAllAsync([(chainId, signer, msgs)]))[0];

    /// <summary>Submits transactions now, in order, and runs the clock until every one is in a block; returns their results.</summary>
    public async Task<IReadOnlyList<TxResult>> ExecuteAllAsync(IReadOnlyList<(string ChainId, Addr Signer, CosmosMsg[] Msgs)> txs)
    {
        var executed = new List<Task<TxResult>>();
        var ids = new List<string>();
        foreach (var (chainId, signer, msgs) in txs)
        {
            var id = $"user/{Interlocked.Increment(ref _txCounter)}";
            ids.Add(id);
            // registered before the submission: the log keeps a result only for a wait already there
            executed.Add(Log.WhenExecuted(id));
            try
            {
                await SubmitAsync(chainId, new Tx(signer, [.. msgs], id));
            }
            catch
            {
                foreach (var given in ids) Log.Forget(given);
                throw;
            }
        }
        var what = txs.Count == 1 ? $"transaction {ids[0]} on {txs[0].ChainId}" : $"{txs.Count} transactions ({ids.FirstOrDefault()}...)";
        try
        {
            await RunWhile(() => executed.Any(t => !t.IsCompleted), 3600, what);
        }
        finally
        {
            // a wait given up (a timeout, a failed submission) leaves nothing behind in the log
            foreach (var id in ids) Log.Forget(id);
        }
        return [.. executed.Select(t => t.Result)];
    }

    /// <summary>Like <see cref="ExecuteAllAsync"/>, but a failed transaction throws with its chain's error.</summary>
    public async Task<IReadOnlyList<TxResult>> MustExecuteAllAsync(IReadOnlyList<(string ChainId, Addr Signer, CosmosMsg[] Msgs)> txs)
    {
        var results = await ExecuteAllAsync(txs);
        var failed = results.Select((r, i) => (r, i)).Where(x => !x.r.IsSuccess).Select(x => $"{txs[x.i].ChainId}: {x.r}").ToList();
        return failed.Count == 0 ? results : throw new InvalidOperationException(string.Join("; ", failed));
    }

    /// <summary>Like <see cref="ExecuteAsync"/>, but a failed transaction throws with the chain's error.</summary>
    public async Task<TxResult> MustExecuteAsync(string chainId, Addr signer, params CosmosMsg[] msgs)
    {
        var r = await ExecuteAsync(chainId, signer, msgs);
        return r.IsSuccess ? r : throw new InvalidOperationException($"{chainId}: {r}");
    }

    /// <summary>
    /// Queues a transaction for the chain's next block without running the clock. The network's transactions keep the
    /// order they were submitted in (a sequence number is their mempool key).
    /// </summary>
    public async Task<ChainReply.Accepted> SubmitAsync(string chainId, Tx tx, Timestamp? notBefore = null)
    {
        var key = Interlocked.Increment(ref _submitted).ToString("D12", global::System.Globalization.CultureInfo.InvariantCulture);
        return await AskUntilAnswered<ChainReply.Accepted>(ChainRegion,
            new ChainCommand.SubmitTx(chainId, tx, notBefore ?? Timestamp.Zero, "network", key), chainId);
    }

    private long _submitted;

    /// <summary>
    /// Queues transactions as <see cref="SubmitAsync"/> does (in the order given), in one message per chain, which the
    /// chain journals as one record before its next block: a load generator's batch.
    /// </summary>
    public Task SubmitManyAsync(IReadOnlyList<(string Chain, Tx Tx)> txs) =>
        SubmitManyAsync([.. txs.Select(t => (t.Chain, t.Tx, Timestamp.Zero))]);

    /// <summary>As <see cref="SubmitManyAsync(IReadOnlyList{ValueTuple{string, Tx}})"/>, each with a not-before.</summary>
    public async Task SubmitManyAsync(IReadOnlyList<(string Chain, Tx Tx, Timestamp NotBefore)> txs)
    {
        var byChain = new SortedDictionary<string, List<TxSubmission>>(StringComparer.Ordinal);
        foreach (var (chain, tx, notBefore) in txs)
        {
            var key = Interlocked.Increment(ref _submitted).ToString("D12", global::System.Globalization.CultureInfo.InvariantCulture);
            if (!byChain.TryGetValue(chain, out var batch)) byChain[chain] = batch = [];
            batch.Add(new TxSubmission(tx, notBefore, key));
        }
        await Task.WhenAll(byChain.Select(kv =>
            AskUntilAnswered<ChainReply.AcceptedAll>(ChainRegion, new ChainCommand.SubmitTxs(kv.Key, "network", kv.Value), kv.Key)));
    }

    /// <summary>Sets up a channel through its relayer (clients and connection too, unless the spec reuses one).</summary>
    public async Task<ChannelEnds> OpenChannelAsync(string channelId, ChannelSpec spec) => (await OpenChannelsAsync([(channelId, spec)]))[0];

    /// <summary>Sets up channels together: every relayer starts its handshake, then the clock runs until all are open.</summary>
    public async Task<IReadOnlyList<ChannelEnds>> OpenChannelsAsync(IReadOnlyList<(string ChannelId, ChannelSpec Spec)> channels)
    {
        // windows may be no longer than the smallest latency any relayer can draw
        foreach (var (_, spec) in channels) _lookahead = global::System.Math.Min(_lookahead, spec.EffectiveLatency.FloorNanos);
        foreach (var (channelId, _) in channels) _opened.Add(channelId);
        await AskClock(new ClockCommand.SetLookahead(_lookahead));
        foreach (var (channelId, spec) in channels)
        {
            // the relayer answers once its first transactions are queued, so the clock never runs ahead of them
            var first = await AskUntilAnswered<ChannelReply>(ChannelRegion, new ChannelCommand.Open(channelId, spec), channelId);
            if (first is ChannelReply.Refused refused) throw new ChannelRefusedException(channelId, refused.Step, refused.Error);
        }
        var step = _chains.Count == 0 ? 1.0 : _chains.Values.Min(c => c.Config.BlockTimeSeconds);
        var ends = new ChannelEnds?[channels.Count];
        for (var waited = 0.0; waited <= 3600; waited += step)
        {
            for (var i = 0; i < channels.Count; i++)
            {
                if (ends[i] is not null) continue;
                var info = await ChannelInfoAsync(channels[i].ChannelId);
                if (info.Open) ends[i] = info.Ends!;
                else if (info.RefusedStep is not null) throw new ChannelRefusedException(channels[i].ChannelId, info.RefusedStep, info.RefusedError!);
            }
            if (ends.All(e => e is not null)) return [.. ends.Select(e => e!)];
            await RunForAsync(step);
        }
        throw new LinkSetupException($"channels {string.Join(", ", channels.Where((_, i) => ends[i] is null).Select(c => c.ChannelId))} " +
            $"did not open within an hour of emulated time");
    }

    public async Task<T> QueryAsync<T>(string chainId, Addr contract, object msg)
    {
        var r = await QueryResultAsync(chainId, contract, msg);
        return r.Error is null ? Core.Wire.As<T>(r.Result)
            : throw new InvalidOperationException($"query on {chainId} failed: {r.Error}");
    }

    /// <summary>A contract's answer to a query, or the query's error, as the chain gave it.</summary>
    public Task<ChainReply.QueryResult> QueryResultAsync(string chainId, Addr contract, object msg) =>
        AskUntilAnswered<ChainReply.QueryResult>(ChainRegion, new ChainCommand.QueryContract(chainId, contract, msg), chainId);

    public async Task<ChainState> StateAsync(string chainId) => (await ChainStateAsync(chainId)).Value;

    /// <summary>The chain's last committed state and its app hash.</summary>
    public Task<ChainReply.State> ChainStateAsync(string chainId) =>
        AskUntilAnswered<ChainReply.State>(ChainRegion, new ChainCommand.GetState(chainId), chainId);

    public async Task<(SignedHeader A, SignedHeader B)> DoubleSignAsync(string chainId, Addr validator, ulong? height = null)
    {
        var e = await AskUntilAnswered<ChainReply.Evidence>(ChainRegion, new ChainCommand.DoubleSign(chainId, validator, height), chainId);
        return (e.HeaderA, e.HeaderB);
    }

    /// <summary>
    /// From the chain's next block, <paramref name="offline"/> do not sign, <paramref name="tombstone"/> are tombstoned and
    /// blocks come every <paramref name="blockNanos"/> (0: the chain's block time); its validators' clocks are
    /// <paramref name="clockOffsetNanos"/> off the instant, and the next block's jump <paramref name="clockJumpNanos"/> ahead.
    /// </summary>
    public Task<ChainReply.ConsensusSet> SetConsensusAsync(string chainId, IReadOnlyList<Addr> offline, IReadOnlyList<Addr> tombstone,
        ulong blockNanos = 0, long clockOffsetNanos = 0, ulong clockJumpNanos = 0) =>
        AskUntilAnswered<ChainReply.ConsensusSet>(ChainRegion, new ChainCommand.SetConsensus(chainId, offline, tombstone, blockNanos)
        {
            ClockOffsetNanos = clockOffsetNanos,
            ClockJumpNanos = clockJumpNanos,
        }, chainId);

    public Task<ChannelReply.Info> PauseRelayerAsync(string channelId) =>
        AskUntilAnswered<ChannelReply.Info>(ChannelRegion, new ChannelCommand.Pause(channelId), channelId);

    public Task<ChannelReply.Info> ResumeRelayerAsync(string channelId) =>
        AskUntilAnswered<ChannelReply.Info>(ChannelRegion, new ChannelCommand.Resume(channelId), channelId);

    /// <summary>Crashes a relayer; it restarts and clears from both chains. Answers once it is back.</summary>
    public Task<ChannelReply.Info> CrashRelayerAsync(string channelId) =>
        AskUntilAnswered<ChannelReply.Info>(ChannelRegion, new ChannelCommand.Crash(channelId, NextCrashId()), channelId);

    /// <summary>Chaos relayer.lag, relayer.batch-size, relayer.censor, net.loss: the relayer's switches (none ends them).</summary>
    public Task<ChannelReply.Info> SetRelayerFaultsAsync(string channelId, RelayFaults faults) =>
        AskUntilAnswered<ChannelReply.Info>(ChannelRegion, new ChannelCommand.SetFaults(channelId, faults), channelId);

    /// <summary>
    /// Chaos relayer.duplicate: every batch with packets is submitted twice. The switch has no answer of its own; the info
    /// asked after it passes the same region in order, so once it is answered the switch is in force.
    /// </summary>
    public Task<ChannelReply.Info> SetDuplicateDeliveriesAsync(string channelId, bool enabled)
    {
        ChannelRegion.Tell(new ChannelCommand.DuplicateDeliveries(channelId, enabled));
        return ChannelInfoAsync(channelId);
    }

    /// <summary>
    /// A fault injected (or healed) goes into the run's events, stamped by the time keeper with its time now, in the order
    /// they were recorded; <paramref name="source"/> names who injected it. Re-sent until the time keeper has it, which
    /// records each id once.
    /// </summary>
    public Task<ClockStatus> RecordChaosAsync(string chain, string fault, System.Collections.Immutable.ImmutableArray<string> targets,
        string source) => AskClock(new ClockCommand.RecordChaos(chain, fault, targets, source, NextRecordId()));

    public Task<ChannelReply.Info> ChannelInfoAsync(string channelId) =>
        AskUntilAnswered<ChannelReply.Info>(ChannelRegion, new ChannelCommand.GetInfo(channelId), channelId);

    private Func<Task>? _onDispose;

    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    /// <summary>What disposing must also do (a cluster run: tell its members the run is over).</summary>
    public void OnDispose(Func<Task> action) => _onDispose = action;

    public async ValueTask DisposeAsync()
    {
        await _ending.CancelAsync();
        if (Interlocked.Exchange(ref _onDispose, null) is { } also) await also();
        foreach (var actor in _owned)
        {
            try
            {
                // the chains stop as a shard hands them off: their admissions journaled and their last snapshot saved
                if (actor.Equals(ChainRegion)) await actor.GracefulStop(StopTimeout, new EntityParent.StopEntities(HandOffChain.Instance));
                else await actor.GracefulStop(StopTimeout);
            }
            catch (Exception e) when (e is TaskCanceledException or AskTimeoutException)
            {
                // a chain stuck mid-window (the run was cut short) is stopped with the actor system
            }
        }
    }
}
