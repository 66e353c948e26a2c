using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Invariants;

/// <summary>
/// The one catalogue of the mesh's invariants, for every driver (the property tests, the scenario runner, a soak).
/// Safety holds at any moment, whatever is in flight: the state checks here read a <see cref="MeshSnapshot"/>, and the
/// checks of what happened (packets, panics, slashes) follow the transactions in <see cref="InvariantHistory"/>.
/// Liveness holds once the network is quiet (relayers running, nothing left to relay): <see cref="Liveness"/>.
/// The names are what report.json's checks show: keep them when the meaning stays.
/// </summary>
public static class MeshInvariants
{
    // ---- safety ----
    public const string Conservation = "token conservation per denom";
    public const string LockupCoverage = "lockup claims within bonded (free never negative)";
    public const string ClaimEqualsExposure = "each lockup claim equals the provider's exposure";
    public const string MetaStakingFunds = "meta-staking within each consumer's funds";
    public const string NoNegativeDelegation = "no negative delegation";
    public const string ExactlyOnce = "exactly-once packet effects";
    public const string AckedAndTimedOut = "no packet both acknowledged and timed out";
    public const string OrderedInOrder = "ordered channels deliver in order";
    public const string SlashedOnce = "each infraction slashed at most once per stake";
    public const string Warranty = SlashWarranty.Name;
    public const string NoPanic = "no contract panicked";

    // ---- liveness ----
    public const string InFlightResolved = "every in-flight packet resolved once quiet";
    public const string ViewsEqual = "provider and consumer views equal once quiet";
    public const string SlashReached = "every slash reached its consumers";

    /// <summary>The text of the panic a chain records when it crashes a contract's actor on purpose (an injected fault).</summary>
    public static string CrashedActor(Addr contract) => CrashedActorStart + contract + CrashedActorEnd;

    /// <summary>Whether an error is a contract or module panicking (a bug), rather than a domain error or an injected crash.</summary>
    public static bool IsPanic(MeshError? error) =>
        error is StdError.Panic p
        && !(p.Text.StartsWith(CrashedActorStart, StringComparison.Ordinal) && p.Text.EndsWith(CrashedActorEnd, StringComparison.Ordinal));

    private const string CrashedActorStart = "contract actor ", CrashedActorEnd = " crashed";

    /// <summary>Every safety breach the state shows now, in the catalogue's order, chain by chain.</summary>
    public static List<InvariantViolation> Safety(MeshSnapshot s)
    {
        var found = new List<InvariantViolation>();
        foreach (var chain in s.Chains)
        {
            foreach (var bad in chain.Bank.CheckConservation()) found.Add(At(Conservation, chain, bad));
        }
        foreach (var a in s.Lockups)
        {
            if (s.Chain(a.Chain) is not { } chain) continue;
            // a vault also reserves its slashable total (docs/contracts.md, "Collateral"); the seed's rule reports none
            var max = Amount.Max(a.Balance.Claims.Select(c => c.Amount).DefaultIfEmpty(Amount.Zero).Max(),
                a.Balance.Slashable ?? Amount.Zero);
            var (bonded, free) = (a.Balance.Bonded, a.Balance.Free);
            if (max > bonded) found.Add(At(LockupCoverage, chain, $"{a.Owner} has a claim of {max} over bonded {bonded}"));
            else if (free != bonded - max)
                found.Add(At(LockupCoverage, chain, $"{a.Owner} has {free} free of {bonded} bonded under a claim of {max}"));
        }
        foreach (var link in s.Links)
        {
            if (s.Chain(link.ProviderChain) is not { } provider) continue;
            foreach (var account in link.Accounts)
            {
                var claim = s.Lockups.FirstOrDefault(l => l.Chain == link.ProviderChain && l.Owner == account.Owner)?.Balance.Claims
                    .FirstOrDefault(c => c.Lienholder == link.Provider)?.Amount ?? Amount.Zero;
                if (claim != account.Exposure)
                    found.Add(At(ClaimEqualsExposure, provider,
                        $"{account.Owner}'s lockup claim for {link.Name} is {claim}, its exposure {account.Exposure}"));
            }
        }
        foreach (var link in s.Links)
        {
            if (link.MetaStaking is { } m && m.TotalStaked > m.AvailableFunds && s.Chain(link.ConsumerChain) is { } consumer)
                found.Add(At(MetaStakingFunds, consumer,
                    $"the consumer of {link.ProviderChain} staked {m.TotalStaked} of {m.AvailableFunds}"));
        }
        foreach (var chain in s.Chains) found.AddRange(Delegations(chain));
        foreach (var chain in s.Chains) found.AddRange(Receipts(s, chain));
        return found;
    }

    /// <summary>Every validator's shares are exactly its delegators' (a delegator holding more than there is would be a debt).</summary>
    private static IEnumerable<InvariantViolation> Delegations(ChainState chain)
    {
        var held = new Dictionary<Addr, Dec>();
        foreach (var d in chain.Staking.Delegations.Values) held[d.Validator] = held.GetValueOrDefault(d.Validator) + d.Shares;
        foreach (var (op, v) in chain.Staking.Validators)
        {
            var shares = held.GetValueOrDefault(op);
            if (shares != v.DelegatorShares)
                yield return At(NoNegativeDelegation, chain, $"{op}'s delegations hold {shares} shares of its {v.DelegatorShares}");
        }
        foreach (var op in held.Keys.Where(op => !chain.Staking.Validators.ContainsKey(op)))
            yield return At(NoNegativeDelegation, chain, $"delegations hold {held[op]} shares of {op}, which does not exist");
    }

    /// <summary>A chain received only what its counterparty sent: no receipt (or ordered receive) past its next sequence.</summary>
    private static IEnumerable<InvariantViolation> Receipts(MeshSnapshot s, ChainState chain)
    {
        // the highest receipt of each channel end, in one pass over the receipts above the ends' marks
        var highest = new Dictionary<(string, string), ulong>();
        foreach (var k in chain.Ibc.Receipts.Keys.Where(k => k.Sequence < s.InjectedFrom))
            highest[(k.PortId, k.ChannelId)] = System.Math.Max(k.Sequence, highest.GetValueOrDefault((k.PortId, k.ChannelId)));
        foreach (var end in chain.Ibc.Channels.Values)
        {
            if (CounterpartyOf(s, chain, end) is not { } sent) continue;
            var received = end.Order == IbcOrder.Ordered
                ? end.NextSequenceRecv - 1
                : System.Math.Max(highest.GetValueOrDefault((end.Endpoint.PortId, end.Endpoint.ChannelId)),
                    chain.Ibc.ReceiptMark(end.Endpoint.PortId, end.Endpoint.ChannelId) - 1);
            if (received >= sent.NextSequenceSend)
                yield return At(ExactlyOnce, chain,
                    $"{end.Endpoint} received packet #{received}, but its counterparty sent only up to #{sent.NextSequenceSend - 1}");
        }
    }

    /// <summary>The other end of a channel, on the chain its connection's client follows (null when that chain is not in view).</summary>
    private static ChannelEnd? CounterpartyOf(MeshSnapshot s, ChainState chain, ChannelEnd end)
    {
        if (end.State is not (ChannelState.Open or ChannelState.Closed)) return null;
        var counterpartyChain = chain.Ibc.Connections.GetValueOrDefault(end.ConnectionId) is { } c
                                && chain.Ibc.Clients.GetValueOrDefault(c.ClientId) is { } client
            ? s.Chain(client.CounterpartyChainId)
            : null;
        return counterpartyChain?.Ibc.Channel(end.Counterparty.PortId, end.Counterparty.ChannelId);
    }

    /// <summary>Packets sent on a link's mesh channel, either way, and neither acknowledged nor timed out yet.</summary>
    public static int InFlight(MeshSnapshot s, LinkView link)
    {
        var e = link.MeshEnds;
        return (s.Chain(e.ChainA)?.Ibc.PendingPackets(e.PortA, e.ChannelA).Count() ?? 0)
               + (s.Chain(e.ChainB)?.Ibc.PendingPackets(e.PortB, e.ChannelB).Count() ?? 0);
    }

    /// <summary>
    /// The packets in flight on a link's mesh channel whose timeout passed on their destination more than
    /// <paramref name="graceSeconds"/> ago: a relayer that runs has had time to time them out, so they are stuck.
    /// </summary>
    public static IEnumerable<InvariantViolation> Overdue(MeshSnapshot s, LinkView link, ulong graceSeconds)
    {
        var e = link.MeshEnds;
        var directions = new[] { (e.ChainA, e.PortA, e.ChannelA, e.ChainB), (e.ChainB, e.PortB, e.ChannelB, e.ChainA) };
        foreach (var (from, port, channel, to) in directions)
        {
            if (s.Chain(from) is not { } sender || s.Chain(to) is not { } destination) continue;
            foreach (var p in sender.Ibc.PendingPackets(port, channel))
            {
                if (p.Timeout.Time is { } timeout && timeout.PlusSeconds(graceSeconds) < destination.Time)
                    yield return At(InFlightResolved, sender,
                        $"{link.Name}: packet {p.Source}#{p.Sequence} timed out at {timeout} and is still in flight");
            }
        }
    }

    /// <summary>Whether nothing of a link is on its way: no packet in flight, no stake, unstake or burn unapplied.</summary>
    public static bool IsQuiet(MeshSnapshot s, LinkView link) => InFlight(s, link) == 0 && link.Stakes.All(v => v.Quiet);

    /// <summary>
    /// What a quiet network must show (call it after every relayer ran until nothing moved): nothing in flight, and on
    /// every link both views of every validator agree (the provider's locked tokens are the consumer's record, and
    /// meta-staking delegates what the consumer says).
    /// </summary>
    public static List<InvariantViolation> Liveness(MeshSnapshot s)
    {
        var found = new List<InvariantViolation>();
        foreach (var link in s.Links)
        {
            if (s.Chain(link.ProviderChain) is not { } provider) continue;
            var inFlight = InFlight(s, link);
            if (inFlight > 0) found.Add(At(InFlightResolved, provider, $"{link.Name}: {inFlight} packets still in flight"));
            foreach (var v in link.Stakes.Where(v => !v.Quiet))
                found.Add(At(InFlightResolved, provider, $"{link.Name} {v.Validator}: {Unapplied(v)} still unapplied"));
            found.AddRange(ViewsDiffer(s, link));
        }
        return found;
    }

    /// <summary>The validators whose provider and consumer records differ (meaningful once the link is quiet).</summary>
    public static IEnumerable<InvariantViolation> ViewsDiffer(MeshSnapshot s, LinkView link)
    {
        if (s.Chain(link.ConsumerChain) is not { } consumer) yield break;
        foreach (var v in link.Stakes)
        {
            if (v.Provider.Tokens != v.Consumer.Amount)
                yield return At(ViewsEqual, consumer,
                    $"{link.Name} {v.Validator}: provider {v.Provider.Tokens}, consumer {v.Consumer.Amount}");
            // a normalising meta-staking delegates less than it was asked for, on purpose: the consumer records the request
            else if (link.MetaStaking is not null && v.Consumer.LocalAmount != (v.MetaRequest ?? v.MetaDelegation))
                yield return At(ViewsEqual, consumer, $"{link.Name} {v.Validator}: the consumer records {v.Consumer.LocalAmount} " +
                    $"delegated, meta-staking {(v.MetaRequest is { } asked ? $"was asked for {asked}" : v.MetaDelegation.ToString())}");
        }
    }

    /// <summary>
    /// Every Burn of every slash that no consumer received yet (meaningful once the network is quiet; a halted consumer
    /// receives nothing), in the slashes' order.
    /// </summary>
    public static IEnumerable<(SlashTrails.Slash Slash, SlashTrails.Trail Burn)> Unreached(SlashTrails trails) =>
        trails.Slashes.SelectMany(s => s.Burns.Where(b => b.DeliveredAt is null).Select(b => (s, b)));

    /// <summary>What <see cref="Unreached"/> finds, as breaches of <see cref="SlashReached"/> on the slashes' chains.</summary>
    public static List<InvariantViolation> Reached(SlashTrails trails) =>
    [
        .. Unreached(trails).Select(u => new InvariantViolation(SlashReached, u.Slash.Chain, u.Slash.Height, u.Slash.Time,
            $"the slash of {u.Slash.Validator} ({u.Slash.Source}) never reached {u.Burn.Link.ConsumerChain}")),
    ];

    private static string Unapplied(ValidatorStakeView v) =>
        $"stake {v.Provider.InFlightStake}, unstake {v.Provider.InFlightUnstake}, burn {v.Provider.UndeliveredBurn}";

    private static InvariantViolation At(string invariant, ChainState chain, string detail) =>
        new(invariant, chain.ChainId, chain.Height, chain.Time, detail);
}
