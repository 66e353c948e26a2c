using System.Collections.Immutable;
using MeshSecurity.Core.Contracts.Consumer;
using MeshSecurity.Core.Contracts.MetaStaking;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Invariants;
using MeshSecurity.Scenarios.Reporting;

namespace MeshSecurity.Scenarios.Running;

public sealed partial class ScenarioRunner
{
    /// <summary>The check a resumed run adds: its blocks are the journal's (not a mesh invariant: a property of the run).</summary>
    public const string JournalCheck = "resumed run matches its journal";

    /// <summary>
    /// The checks the report lists, in this order: <see cref="MeshInvariants"/>'s catalogue and the journal's check. The
    /// first eight keep the order they had before the catalogue, so older reports read the same.
    /// </summary>
    public static readonly IReadOnlyList<string> InvariantNames =
    [
        MeshInvariants.Conservation,
        MeshInvariants.LockupCoverage,
        MeshInvariants.MetaStakingFunds,
        MeshInvariants.ViewsEqual,
        MeshInvariants.ExactlyOnce,
        MeshInvariants.SlashReached,
        JournalCheck,
        MeshInvariants.Warranty,
        MeshInvariants.ClaimEqualsExposure,
        MeshInvariants.NoNegativeDelegation,
        MeshInvariants.AckedAndTimedOut,
        MeshInvariants.OrderedInOrder,
        MeshInvariants.SlashedOnce,
        MeshInvariants.NoPanic,
        MeshInvariants.InFlightResolved,
    ];

    private void Fail(string check, string detail)
    {
        if (!_failedChecks.ContainsKey(check)) _failedChecks[check] = new RunReport.CheckInfo(check, false, detail);
    }

    /// <summary>When the invariants were last checked (the start of the window of history a breach shows up in).</summary>
    private string? _lastCheck;

    /// <summary>
    /// The safety invariants, at every window the clock stops at, every step time and the end: what the transactions since
    /// the last check did and what the state is now. A breach's detail names its chain and block, and the window between
    /// the two checks it lies in.
    /// </summary>
    private async Task CheckAlways(string when, bool withStakes = false)
    {
        var snapshot = await Snapshot(withStakes);
        var window = _lastCheck is not { } last ? $"by {when}" : last == when ? $"at {when}" : $"between {last} and {when}";
        foreach (var v in _tally.Invariants.Check(snapshot))
            Fail(v.Invariant, $"{v.Chain}@{v.Height} ({Since(v.Time)}), {window}: {Named(v.Detail)}");
        _lastCheck = when;
        _lastSnapshot = snapshot;
    }

    private MeshSnapshot? _lastSnapshot;

    private static readonly Comparer<(string, string)> PairOrder = Comparer<(string, string)>.Create((a, b) =>
        string.CompareOrdinal(a.Item1, b.Item1) is var c and not 0 ? c : string.CompareOrdinal(a.Item2, b.Item2));

    /// <summary>
    /// The state the catalogue reads, queried while the clock stands: every chain's modules, every account's lockup on
    /// each provider chain, and each link's provider accounts and meta-staking record; with <paramref name="withStakes"/>
    /// also the three records of every validator's stake (what the quiet checks compare).
    /// </summary>
    private async Task<MeshSnapshot> Snapshot(bool withStakes)
    {
        // every read asked at once and taken in the scenario's order: on a cluster a read is a round trip to a member, and
        // hundreds of them one after another were most of a check's time and of the driver's messages
        var chains = (await Task.WhenAll(_scenario.Chains.Select(chain => _net.StateAsync(chain.Id)))).ToImmutableArray();
        var lockups = await Task.WhenAll(_links.Values.Select(l => l.ProviderChain).Distinct()
            .SelectMany(provider => _scenario.Chain(provider).Accounts.Select(account => (provider, account.Name)))
            .Select(async a => new LockupAccountView(a.provider, Account(a.provider, a.Name), await LockupBalance(a.provider, a.Name))));
        var links = await Task.WhenAll(_links.Values.OrderBy(l => (l.ProviderChain, l.ConsumerChain), PairOrder)
            .Select(link => LinkViewOf(link, chains, withStakes)));
        return new MeshSnapshot(chains, [.. lockups], [.. links], PacketTally.InjectedFrom);
    }

    /// <summary>A link's provider accounts and meta-staking record (and with <paramref name="withStakes"/> its stakes).</summary>
    private async Task<LinkView> LinkViewOf(Core.Mesh.MeshLinkInfo link, ImmutableArray<Core.Chain.ChainState> chains, bool withStakes)
    {
        var accounts = await Task.WhenAll(_scenario.Chain(link.ProviderChain).Accounts.Select(async named =>
        {
            var owner = Account(link.ProviderChain, named.Name);
            var account = await _net.QueryAsync<ProviderMsg.AccountResponse>(link.ProviderChain, link.Provider,
                new ProviderMsg.Query.Account(owner.Value));
            return new ProviderAccountView(owner, account);
        }));
        var consumerState = chains.First(c => c.ChainId == link.ConsumerChain);
        return new LinkView(link.ProviderChain, link.ConsumerChain, link.Provider, link.MeshEnds, [.. accounts],
            await MetaStakingOf(link), withStakes ? await Stakes(link, consumerState) : []);
    }

    /// <summary>Meta-staking's record of the link's consumer; null once governance removed the consumer (a sudo step).</summary>
    private async Task<MetaStakingMsg.ConsumerResponse?> MetaStakingOf(Core.Mesh.MeshLinkInfo link)
    {
        try
        {
            return await _net.QueryAsync<MetaStakingMsg.ConsumerResponse>(link.ConsumerChain, link.MetaStaking,
                new MetaStakingMsg.Query.ConsumerInfo(link.Consumer.Value));
        }
        catch (InvalidOperationException ex) when (ex.Message.Contains(nameof(MetaStakingError.NoConsumer), StringComparison.Ordinal))
        {
            return null;
        }
    }

    /// <summary>
    /// Whether meta-staking keeps the link's requests apart from its delegations: a normalising link, or any link into a
    /// chain with epochs or a local minimum power (docs/scenarios.md "Epochs").
    /// </summary>
    private bool Normalises(Core.Mesh.MeshLinkInfo link) =>
        _scenario.Link(link.ProviderChain, link.ConsumerChain)?.OverCap == Core.Contracts.MetaStaking.OverCapPolicy.Normalise
        || _scenario.Chain(link.ConsumerChain) is { Epoch: not null } or { LocalMinPower: not null };

    /// <summary>The stake on every consumer validator either side records, as the provider, the consumer and meta-staking see it.</summary>
    private async Task<ImmutableArray<ValidatorStakeView>> Stakes(Core.Mesh.MeshLinkInfo link, Core.Chain.ChainState consumer)
    {
        var views = ImmutableArray.CreateBuilder<ValidatorStakeView>();
        foreach (var v in consumer.Staking.Validators.Keys)
        {
            var p = await _net.QueryAsync<ProviderMsg.StakeResponse>(link.ProviderChain, link.Provider,
                new ProviderMsg.Query.Stake(v.Value));
            var c = await _net.QueryAsync<ConsumerMsg.RemoteStakeResponse>(link.ConsumerChain, link.Consumer,
                new ConsumerMsg.Query.RemoteStake(v.Value));
            var d = await _net.QueryAsync<Core.Math.Amount>(link.ConsumerChain, link.MetaStaking,
                new MetaStakingMsg.Query.Delegation(link.Consumer.Value, v.Value));
            if (p.Tokens.IsZero && c.Amount.IsZero && d.IsZero) continue;
            // what a normalising meta-staking was asked for (it delegates a scaled share of it)
            Core.Math.Amount? asked = Normalises(link)
                ? await _net.QueryAsync<Core.Math.Amount>(link.ConsumerChain, link.MetaStaking,
                    new MetaStakingMsg.Query.Request(link.Consumer.Value, v.Value))
                : null;
            views.Add(new ValidatorStakeView(v.Value, p, c, d, asked));
        }
        return views.ToImmutable();
    }

    /// <summary>
    /// The checks that need the whole run, once at the end: safety one last time, then the quiet checks on every link
    /// that is quiet (a link with packets in flight at the end, its relayer stopped or its chain halted, is noted).
    /// </summary>
    private async Task<List<RunReport.LinkInfo>> CheckAtEnd()
    {
        await CheckAlways("the end", withStakes: true);
        var snapshot = _lastSnapshot!;
        var links = new List<RunReport.LinkInfo>();
        foreach (var view in snapshot.Links)
        {
            var link = Link(view.ProviderChain, view.ConsumerChain);
            var stakes = view.Stakes.Select(v => new RunReport.StakeView(NameOf(link.ConsumerChain, v.Validator),
                v.Provider.Tokens.ToString(), v.Consumer.Amount.ToString(), v.MetaDelegation.ToString(),
                v.Provider.Tokens == v.Consumer.Amount)).ToImmutableArray();
            if (MeshInvariants.IsQuiet(snapshot, view))
            {
                foreach (var v in MeshInvariants.ViewsDiffer(snapshot, view))
                    Fail(v.Invariant, $"{v.Chain}@{v.Height} ({Since(v.Time)}), at the end: {Named(v.Detail)}");
            }
            else
            {
                Note(MeshInvariants.ViewsEqual, $"{view.Name}: packets in flight at the end, views not compared");
                CheckInFlight(snapshot, view);
            }
            links.Add(new RunReport.LinkInfo(link.ProviderChain, link.ConsumerChain, link.Provider.Value, link.Consumer.Value,
                _tally.Packets.Of(link.MeshEnds), _tally.Packets.Of(link.TransferEnds), stakes));
        }
        if (_tally.Diverged is { } diverged)
            Fail(JournalCheck, $"{diverged.ChainId}@{diverged.Height}: journal {diverged.JournalAppHash}, run {diverged.AppHash}");
        return links;
    }

    /// <summary>A detail with the scenario's account and validator addresses replaced by their names.</summary>
    private string Named(string detail)
    {
        _names ??= [.. _scenario.Chains.SelectMany(c => c.Accounts.Select(a => (ScenarioAddresses.Account(c, a.Name).Value, a.Name))
            .Concat(c.Validators.Select(v => (ScenarioAddresses.Validator(c, v.Name).Value, v.Name))))];
        return _names.Aggregate(detail, (d, n) => d.Replace(n.Address, n.Name, StringComparison.Ordinal));
    }

    private List<(string Address, string Name)>? _names;

    /// <summary>
    /// A link with packets in flight at the end: while its relayer runs (no relayer-stop, stop fault, partition, loss or
    /// censorship in force on its mesh channel) and both chains make blocks, a packet whose timeout passed a packet lifetime (plus any
    /// relayer lag in force) ago should have been timed out: a breach. Otherwise the packets in flight are noted.
    /// </summary>
    private void CheckInFlight(MeshSnapshot snapshot, LinkView view)
    {
        var link = Link(view.ProviderChain, view.ConsumerChain);
        var switches = _switches.GetValueOrDefault(link.MeshChannelId, Switches.Off);
        var halted = _tally.Halts.ContainsKey(view.ProviderChain) || _tally.Halts.ContainsKey(view.ConsumerChain);
        var why = switches.Paused ? "its relayer stopped" : switches.Faults.Loss > 0 ? "its relayer loses packets"
            : switches.Faults.Censor is { } kind ? $"its relayer censors {kind} packets" : halted ? "a chain halted"
            : _interrupted ? "the run was interrupted" : null;
        if (why is null)
        {
            var lifetime = _scenario.Links.First(l => l.Provider == link.ProviderChain && l.Consumer == link.ConsumerChain).PacketLifetime;
            var grace = lifetime.WholeSeconds + switches.Faults.LagNanos / Core.Types.Timestamp.NanosPerSecond;
            foreach (var v in MeshInvariants.Overdue(snapshot, view, grace))
                Fail(v.Invariant, $"{v.Chain}@{v.Height} ({Since(v.Time)}), at the end: {v.Detail}");
        }
        why ??= "the run ends without a quiet window";
        var inFlight = MeshInvariants.InFlight(snapshot, view);
        Note(MeshInvariants.InFlightResolved, $"{view.Name}: {inFlight} packets in flight at the end ({why})");
    }

    /// <summary>What a check that holds did not look at, and why (shown as its detail).</summary>
    private readonly Dictionary<string, List<string>> _notes = new(StringComparer.Ordinal);

    private void Note(string check, string note)
    {
        if (!_notes.TryGetValue(check, out var list)) _notes[check] = list = [];
        list.Add(note);
    }

    /// <summary>A validator's scenario name from its address, or the address.</summary>
    private string NameOf(string chain, string validator)
    {
        var c = _scenario.Chain(chain);
        return c.Validators.FirstOrDefault(v => ScenarioAddresses.Validator(c, v.Name).Value == validator)?.Name ?? validator;
    }
}
