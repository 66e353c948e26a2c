using MeshSecurity.Core.Relaying;
using System.Collections.Immutable;
using System.Diagnostics;
using Akka.Actor;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Contracts;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Mesh;
using MeshSecurity.Core.Types;
using MeshSecurity.Emulator.Chains;
using MeshSecurity.Emulator.Cluster;
using MeshSecurity.Emulator.Channels;
using MeshSecurity.Emulator.Time;
using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Emulator.Network;
using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Parsing;
using MeshSecurity.Scenarios.Reporting;
using Microsoft.Extensions.Logging;
using Duration = MeshSecurity.Scenarios.Model.Duration;

namespace MeshSecurity.Scenarios.Running;

/// <summary>
/// Runs a scenario on an embedded single node: builds the chains and links, then walks the timeline (times are
/// measured from the moment every link is set up), submitting each step's transactions at its time and reading each
/// expectation at its time, checks the invariants as it goes and at the end, and builds the report.
/// A step at time t lands in the first block after t; an expectation at t reads the state at t.
/// </summary>
public sealed partial class ScenarioRunner
{
    private readonly Scenario _scenario;
    private readonly RunOptions _options;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _log;
    private readonly IProgress<RunProgress>? _progress;
    private readonly Dictionary<(string, string), MeshLinkInfo> _links = new();
    private readonly List<RunReport.ExpectationInfo> _expectations = [];
    private readonly Dictionary<int, List<(string Chain, string TxId)>> _stepTxs = new();
    private readonly SortedDictionary<string, RunReport.CheckInfo> _failedChecks = new(StringComparer.Ordinal);
    private readonly Stopwatch _wall = new();
    private MeshNetwork _net = null!;
    private Timestamp _t0;

    public ScenarioRunner(Scenario scenario, RunOptions options, ILoggerFactory loggers, IProgress<RunProgress>? progress = null)
    {
        _scenario = scenario;
        _options = options;
        _loggers = loggers;
        _log = loggers.CreateLogger<ScenarioRunner>();
        _progress = progress;
        _last = this;
    }

    /// <summary>The attempt that ran last (this runner, unless a cluster run started again after losing a member).</summary>
    private ScenarioRunner _last;

    public string Seed => _options.Seed ?? _scenario.Seed;

    /// <summary>Emulated seconds per wall second; null for as fast as possible.</summary>
    public double? Speed => _options.SpeedMax ? null : _options.Speed ?? _scenario.Speed;

    /// <summary>Wall time of the last run, for the terminal (never in report.json).</summary>
    public TimeSpan WallTime => _wall.Elapsed;

    /// <summary>The time keeping's last status of the last run (windows run, chain blocks ticked in them).</summary>
    public Emulator.Time.ClockStatus? Clock => _last._clock;

    /// <summary>How far behind the requested speed the last run ended, in wall seconds (0 at max speed or on time).</summary>
    public double BehindSeconds => _last._clock?.BehindSeconds ?? 0;

    /// <summary>Wall time of the last run once its network was ready (what a requested speed paces, without start-up and set-up).</summary>
    public TimeSpan RunningWallTime => _last._runWall.Elapsed;

    /// <summary>The network of the last run (its log counts; the history went to events.jsonl, or to <see cref="History"/>).</summary>
    public MeshNetwork Network => _last._net;

    /// <summary>
    /// The last run's history, kept in memory (at most <see cref="EventHistory.DefaultCapacity"/> events) when it has no
    /// output folder; null when it has one: then events.jsonl holds it, written as the run went.
    /// </summary>
    public EventHistory? History => _last._history;

    private EventHistory? _history;

    /// <summary>What the last run's report.html charts: power changes and packet latencies.</summary>
    public ReportSeries Series => _last._tally.Series;

    /// <summary>Chain actors that stopped during the run and rebuilt themselves (crash-chain steps, injected crashes).</summary>
    public IReadOnlyList<Emulator.Events.ChainRecovered> Recoveries => _last._net?.Log.Recoveries ?? [];

    private RunTally _tally = new(() => []);

    /// <summary>Runs to the end (or to <see cref="RunOptions.StopAfter"/>); null report when stopped early.</summary>
    public async Task<RunReport?> RunAsync(CancellationToken ct = default)
    {
        RefuseHandOffs();
        _wall.Restart();
        try
        {
            if (_options.Cluster is { } cluster) return await RunOnClusterAsync(cluster, ct);
            _resumeFrom = UsableCheckpoint();
            var system = NodeHost.Start("meshsec", _options.Journal, _loggers);
            if (_resumeFrom is { } checkpoint && !await ReadParts(system, checkpoint)) _resumeFrom = null;
            try
            {
                return await AttemptAsync(() => Task.FromResult(MeshNetwork.Start(system, Settings())), ct);
            }
            finally
            {
                await system.Terminate();
            }
        }
        finally
        {
            _wall.Stop();
        }
    }

    private NetworkSettings Settings() =>
        new(Seed, new ClockSettings(Speed, _options.StallTimeout, _options.MaxWindowNanos), _scenario.GenesisTime, _options.Contracts,
            ChainActor.DefaultSnapshotEvery, ReplayFromGenesis: _options.Resumed,
            ClockStart: _resumeFrom is { } c ? new Timestamp(c.ClockNanos) : null);

    /// <summary>One go at the run on a network <paramref name="start"/> makes: set-up, timeline, report.</summary>
    private async Task<RunReport?> AttemptAsync(Func<Task<MeshNetwork>> start, CancellationToken ct)
    {
        EventsFile? events = null;
        var ended = false;
        try
        {
            _net = await start();
            _tally = new RunTally(() => _links.Values);
            _net.Log.Subscribe(_tally);
            events = Sink(_net.Log);
            var run = Walk(ct);
            // a journal that fails the run (unreadable, unwritable, diverged) ends it now, not when a wait times out
            if (await Task.WhenAny(run, _net.Failure) != run)
            {
                // what the abandoned walk still does (its requests fail as the network ends) shows nowhere
                _abandoned = true;
                _ = run.ContinueWith(t => t.Exception, TaskScheduler.Default);
                await _net.Failure;
            }
            var report = await run;
            ended = report is not null;
            return report;
        }
        finally
        {
            EndLiveChaos();
            _runWall.Stop();
            // a cluster's members end the run's entities (the next attempt starts them again from the journal); on one node a
            // run that reached its end stops its chains as a hand-off does, so a snapshot still being saved reaches the store
            // (one stopped early, --stop-after, ends as a killed process would)
            if (_net is not null && (_options.Cluster is not null || ended)) await _net.DisposeAsync();
            events?.Dispose();
            _tallyLog?.Dispose();
        }
    }

    /// <summary>Set when this attempt's network failed: its walk may still wake up, and must report nothing.</summary>
    private bool _abandoned;

    private async Task<RunReport?> Walk(CancellationToken ct)
    {
        try
        {
            if (_resumeFrom is { } checkpoint) await Restore(checkpoint);
            else await Setup(ct);
        }
        catch (ChannelRefusedException refused)
        {
            return await RefusedReport(refused);
        }
        var stopped = await Timeline(ct);
        if (stopped) return null;
        if (!_interrupted) await RunTo(_scenario.Duration, ct);
        if (_interrupted) await MaybeCheckpoint(stopping: true);
        Report(_interrupted ? "interrupted" : "done", _interrupted ? _reached : _scenario.Duration);
        return await BuildReport();
    }

    private async Task Setup(CancellationToken ct)
    {
        var chains = _scenario.Chains.Length;
        for (var i = 0; i < chains; i++)
        {
            // no report can be made before the network is ready: an interruption here ends the run with nothing but its journal
            ct.ThrowIfCancellationRequested();
            await Setting($"chain {i + 1}/{chains}: {_scenario.Chains[i].Id}");
            await _net.AddChainAsync(Definition(_scenario.Chains[i]));
        }
        // every link installs side by side: each step of the plan (the transfer channels, the provider contracts, ...)
        // runs for all links at once, so the set-up takes the emulated time of one link
        var links = _scenario.Links;
        var installing = links.Length == 1 ? "link: installing 1" : $"links: installing {links.Length} side by side";
        foreach (var link in links) _log.LogInformation("linking {Provider} -> {Consumer}", link.Provider, link.Consumer);
        var installed = await _net.LinkAllAsync([.. links.Select(Definition)], async step =>
        {
            ct.ThrowIfCancellationRequested();
            await Setting($"{installing}: {step}");
        });
        foreach (var link in installed) _links[(link.ProviderChain, link.ConsumerChain)] = link;
        await DeployFixtures();
        _t0 = await _net.NowAsync();
        await ReadyAsync();
        // --speed paces the run: set-up leaves no debt to catch up with a burst
        await _net.RestartPacingAsync();
        _runWall.Restart();
        _log.LogInformation("network ready after {Seconds} emulated seconds", (_t0.Nanos - _net.Settings.EffectiveGenesisTime.Nanos) / Timestamp.NanosPerSecond);
    }

    /// <summary>Walks steps and expectations in time order; true when stopped early (an interrupted run).</summary>
    private async Task<bool> Timeline(CancellationToken ct)
    {
        var prices = Publications();
        var ends = _scenario.Steps.OfType<ScenarioStep.Chaos>().Select(c => c.Until).OfType<Duration>();
        var times = _scenario.Steps.Select(s => s.At).Concat(_scenario.Expectations.Select(e => e.At)).Concat(ends)
            .Concat(prices.Keys).Concat(Flips()).Distinct().Order().ToList();
        for (var k = _timesDone; k < times.Count; k++)
        {
            var t = times[k];
            if (t > _scenario.Duration) break;
            if (_options.StopAfter is { } stop && t > stop)
            {
                await RunTo(stop);
                await MaybeCheckpoint(stopping: true);
                return true;
            }
            await RunTo(t, ct);
            if (_interrupted)
            {
                await MaybeCheckpoint(stopping: true);
                return false;
            }
            // faults whose `for` is over end before the steps of that time
            for (var i = 0; i < _scenario.Steps.Length; i++)
                if (_scenario.Steps[i] is ScenarioStep.Chaos { Until: { } until } chaos && until == t) await EndChaos(i, chaos);
            await ReconcileConsensus();
            if (prices.TryGetValue(t, out var published)) await Publish(t, published);
            for (var i = 0; i < _scenario.Steps.Length; i++)
            {
                if (_scenario.Steps[i].At != t) continue;
                await RunStep(i, _scenario.Steps[i]);
                _stepsDone++;
            }
            for (var i = 0; i < _scenario.Expectations.Length; i++)
                if (_scenario.Expectations[i].At == t) _expectations.Add(await Evaluate(i, _scenario.Expectations[i]));
            await CheckAlways(t.ToString());
            _timesDone = k + 1;
            Report("running", t);
        }
        if (_options.StopAfter is { } end && end < _scenario.Duration)
        {
            await RunTo(end);
            await MaybeCheckpoint(stopping: true);
            return true;
        }
        return false;
    }

    private Duration _reached;

    /// <summary>Steps submitted so far: progress counts only up.</summary>
    private int _stepsDone;

    /// <summary>Set when the caller cancelled the run: it stopped between two slices, and its report says when.</summary>
    private bool _interrupted;

    /// <summary>
    /// Runs the clock to <paramref name="t"/> in slices of at most 1/200 of the run, reporting progress between them; a
    /// cancelled <paramref name="ct"/> stops it between two slices (the journal holds every block made so far).
    /// </summary>
    private async Task RunTo(Duration t, CancellationToken ct = default)
    {
        var slice = System.Math.Max(_scenario.Duration.Nanos / 200, Duration.FromSeconds(1).Nanos);
        while (_reached < t)
        {
            if (ct.IsCancellationRequested)
            {
                _interrupted = true;
                return;
            }
            var next = new Duration(System.Math.Min(t.Nanos, _reached.Nanos + slice));
            var run = RunSlice(_reached, next, next == t);
            // a slice that takes long (a stalled entity, a slow network) still shows where time keeping is and whom it waits for
            while (await Task.WhenAny(run, Task.Delay(ProgressEvery)) != run)
            {
                _clock = await _net.ClockStatusAsync();
                Report("running", _reached);
            }
            _clock = await run;
            _reached = next;
            await MaybeCheckpoint();
            Report("running", next);
        }
    }

    private Timestamp At(Duration since) => _t0.PlusNanos(since.Nanos);

    /// <summary>
    /// The most emulated time the clock runs before the recorder hands its events on: a slice (1/200 of the run) of a
    /// long run is cut into these, so the events held at once do not grow with the run's length.
    /// </summary>
    private static readonly Duration FlushEvery = Duration.FromSeconds(60);

    /// <summary>
    /// Runs one slice in windows of at most <see cref="FlushEvery"/>, checking the safety invariants after each window, so a
    /// breach names the window it happened in (docs/chaos.md, "What is checked"); the window that ends the
    /// <paramref name="last"/> slice is checked by the caller, after the steps of that time.
    /// </summary>
    private async Task<Emulator.Time.ClockStatus> RunSlice(Duration from, Duration to, bool last)
    {
        Emulator.Time.ClockStatus? status = null;
        for (var at = from; status is null || at < to;)
        {
            var crash = _crashes.FirstOrDefault(c => c.At > at && c.At < to).At;
            var end = crash.Nanos > 0 ? System.Math.Min(crash.Nanos, at.Nanos + FlushEvery.Nanos) : at.Nanos + FlushEvery.Nanos;
            at = new Duration(System.Math.Min(to.Nanos, end));
            status = await _net.RunUntilAsync(At(at));
            if (!(last && at == to)) await CheckAlways(at.ToString());
            foreach (var (_, chain) in _crashes.Where(c => c.At == at)) await _net.CrashChainAsync(chain);
            await ApplyLiveChaos(at);
        }
        return status;
    }

    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(1);

    private IEnumerable<(Duration At, string Chain)> _crashes => _options.CrashChains ?? [];

    /// <summary>The time keeping's last answer: windows, lag behind the speed, whom it waits for.</summary>
    private Emulator.Time.ClockStatus? _clock;

    /// <summary>Wall time since the network was ready: what the achieved rate is measured against.</summary>
    private readonly Stopwatch _runWall = new();

    private void Report(string phase, Duration elapsed, string activity = "", Duration setup = default)
    {
        if (_progress is null || _abandoned) return;
        var log = _net?.Log;
        var wall = _runWall.Elapsed.TotalSeconds;
        var rate = phase == "setup" || wall <= 0 ? 0 : elapsed.TotalSeconds / wall;
        var waiting = _clock is { Waiting.IsEmpty: false, WaitingSince: { } since } c
            ? $"{string.Join(", ", c.Waiting.Take(3))}{(c.Waiting.Length > 3 ? $" and {c.Waiting.Length - 3} more" : "")} " +
              $"for {(DateTimeOffset.UtcNow - since).TotalSeconds:0} s"
            : "";
        _progress.Report(new RunProgress(phase, elapsed, _scenario.Duration, log?.Blocks ?? 0, log?.PacketsInFlight ?? 0, _stepsDone,
            _scenario.Steps.Length, activity, setup, rate, _clock?.BehindSeconds ?? 0, waiting));
    }

    /// <summary>Set-up progress: what is being installed now, and how much emulated time set-up has taken so far.</summary>
    private async Task Setting(string activity)
    {
        if (_progress is null) return;
        var since = (await _net.NowAsync()).Nanos - _net.Settings.EffectiveGenesisTime.Nanos;
        Report("setup", Duration.Zero, activity, new Duration(since));
    }

    private ChainDefinition Definition(ScenarioChain c)
    {
        var govFunds = _scenario.LinksInto(c.Id).Aggregate(FixtureFunds(c.Id), (sum, l) => sum + l.StakingFunds);
        var accounts = c.Accounts.Select(a => new GenesisAccount(ScenarioAddresses.Account(c, a.Name), a.Balance)).ToList();
        if (!govFunds.IsZero) accounts.Add(new GenesisAccount(ModuleAccounts.Gov(c.Prefix), Coins.Of(c.Denom, govFunds)));
        var config = new ChainConfig
        {
            ChainId = c.Id,
            AddressPrefix = c.Prefix,
            BondDenom = c.Denom,
            BlockTimeSeconds = System.Math.Max(1, c.BlockTime.WholeSeconds),
            UnbondingPeriodSeconds = c.UnbondingPeriod.WholeSeconds,
            MaxValidators = c.MaxValidators,
            PowerReduction = c.PowerReduction,
            BlockReward = c.RewardPerBlock,
            BlockRewardRate = c.RewardRate,
            DoubleSignSlashFraction = c.DoubleSignSlash,
            EpochBlocks = c.Epoch ?? 0,
            LocalMinPower = c.LocalMinPower ?? Core.Math.Dec.Zero,
            KeepHistory = _options.KeepHistory,
        };
        return new ChainDefinition(config, [.. accounts], [.. c.Validators.Select(v => new GenesisValidator(v.Name, v.Stake))], Seed,
            double.Parse(c.BlockTimeJitter.ToString(), System.Globalization.CultureInfo.InvariantCulture));
    }

    private LinkDefinition Definition(ScenarioLink l) =>
        new(l.Provider, l.Consumer, l.ExchangeRate, l.StakingFunds, System.Math.Max(1, l.PacketLifetime.WholeSeconds), l.Relayer.Latency.ToLatencyModel(),
            l.Relayer.BatchSize, l.Profile == LinkProfile.Prototype2022 ? MeshProfile.Prototype2022 : MeshProfile.Intended, l.Ordering,
            l.SlashFraction == Core.Contracts.Slasher.SlasherContract.DefaultDoubleSignFraction ? null : l.SlashFraction,
            l.Cap, l.OverCap == Core.Contracts.MetaStaking.OverCapPolicy.Fail ? null : l.OverCap, PriceFeed(l),
            l.InactiveUnstake == InactiveUnstake.AtOnce ? true : null)
        {
            Collateral = _scenario.Chains.First(c => c.Id == l.Provider).Collateral,
            SlashRatio = l.SlashRatio,
            MaxClockDriftSeconds = l.Relayer.MaxClockDrift is { } drift ? drift.WholeSeconds : null,
        };

    private MeshLinkInfo Link(string provider, string consumer) => _links[(provider, consumer)];
}
