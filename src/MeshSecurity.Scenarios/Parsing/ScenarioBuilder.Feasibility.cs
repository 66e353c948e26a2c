using System.Numerics;
using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Parsing;

/// <summary>
/// What the emulator cannot run, refused before anything is journaled (the runner reads the file with this parser):
/// packet lifetimes no relay can meet, relayers too slow for the set-up, genesis supplies beyond u128, and stakes, voting power
/// and block rewards beyond what Core's staking holds.
/// </summary>
internal sealed partial class ScenarioBuilder
{
    /// <summary>The set-up waits at most an hour of emulated time for a channel to open (MeshNetwork.OpenChannelsAsync).</summary>
    private static readonly Duration SetupWait = Duration.FromHours(1);

    /// <summary>A channel handshake relays three messages one after another (try, ack, confirm), all within
    /// <see cref="SetupWait"/>.</summary>
    private const int HandshakeRelays = 3;

    private static readonly BigInteger MaxAmount = (BigInteger)UInt128.MaxValue;

    private void CheckFeasible(IReadOnlyList<ScenarioChain> chains, IReadOnlyList<ScenarioLink> links, Duration runDuration)
    {
        var byId = chains.ToDictionary(c => c.Id, StringComparer.Ordinal);
        foreach (var link in links)
            if (byId.TryGetValue(link.Provider, out var p) && byId.TryGetValue(link.Consumer, out var c)) CheckLink(link, p, c);
        // a chain without voting power halts before its first block (StakingModule.HasBondedPower); its links would wait forever
        foreach (var chain in chains.Where(c => c.Validators.Length > 0 && c.Validators.All(v => v.Stake < c.PowerReduction)))
            ctx.Error(KeyPath.Child(chain.Location.Key, "validators"),
                $"no validator stakes power-reduction ({chain.PowerReduction}) or more, so none has voting power and no block " +
                "could be made");
        var bonded = new Dictionary<string, BigInteger>(StringComparer.Ordinal);
        foreach (var chain in chains)
            if (CheckGenesisSupply(chain, links, runDuration) is { } supply)
            {
                bonded[chain.Id] = supply;
                CheckStakingRanges(chain, links, runDuration);
            }
        // the consumer values a cross-stake at stake × rate (ConsumerState.LocalOf): the provider's whole supply must convert
        foreach (var link in links)
        {
            if (!bonded.TryGetValue(link.Provider, out var supply)) continue;
            var converted = supply * link.ExchangeRate.Atomics / Core.Math.Dec.AtomicsPerUnit;
            if (converted <= MaxAmount) continue;
            ctx.Error(KeyPath.Child(link.Location.Key, "exchange-rate"),
                $"{link.Provider}'s supply of its denom ({supply}) times this rate is {converted}, above 2^128 - 1: a cross-stake that " +
                "large could not be valued on the consumer");
        }
    }

    /// <summary>
    /// A packet sent in a block at t is relayed at t + latency and received in a block of the counterparty at or after
    /// that, and never at t itself (the relayer acts on a block after the chains' step at its time). It times out when
    /// the receiving block's time reaches t + lifetime (IbcTimeout.HasPassed). So a lifetime of at most the shortest
    /// latency is never met. When neither chain jitters, every block falls on a whole multiple of its block time after
    /// the common start (all chains are created before the clock runs), so the gap between a sending and a receiving
    /// block is a positive multiple of the gcd of the two block times: the bound rounds up to that multiple.
    /// </summary>
    private void CheckLink(ScenarioLink link, ScenarioChain provider, ScenarioChain consumer)
    {
        var latency = link.Relayer.Latency;
        // a lognormal's floor is its min-latency, but its unclamped draws may all lie above it (a small spread)
        var minLatency = Duration.Max(latency.Floor,
            new Duration((ulong)Math.Floor(Math.Min(latency.ShortestSeconds * Duration.NanosPerSecond, ulong.MaxValue / 2.0))));
        var at = KeyPath.Child(link.Location.Key, "relayer");
        if (minLatency.Nanos * (UInt128)HandshakeRelays >= SetupWait.Nanos)
        {
            ctx.Error(
                latency switch
                {
                    LatencySpec.Uniform => KeyPath.Child(KeyPath.Child(at, "latency"), "min"),
                    LatencySpec.Constant => KeyPath.Child(KeyPath.Child(at, "latency"), "value"),
                    _ when minLatency == latency.Floor => KeyPath.Child(at, "min-latency"),
                    _ => KeyPath.Child(KeyPath.Child(at, "latency"), "mean"),
                },
                $"the relayer takes at least {minLatency} per message, so a channel handshake ({HandshakeRelays} messages one after " +
                $"another) cannot finish within the {SetupWait} the set-up allows; the shortest latency must be under " +
                $"{new Duration(SetupWait.Nanos / HandshakeRelays)}");
            return;
        }

        string why;
        Duration bound;
        if (provider.BlockTimeJitter.IsZero && consumer.BlockTimeJitter.IsZero)
        {
            var grid = (ulong)BigInteger.GreatestCommonDivisor(provider.BlockTime.Nanos, consumer.BlockTime.Nanos);
            var steps = Math.Max(1UL, (minLatency.Nanos + grid - 1) / grid);
            bound = new Duration(steps * grid);
            why = grid == provider.BlockTime.Nanos && grid == consumer.BlockTime.Nanos
                ? $"both chains make a block every {new Duration(grid)}"
                : $"blocks of {provider.Id} ({provider.BlockTime}) and {consumer.Id} ({consumer.BlockTime}) are {new Duration(grid)} " +
                $"apart at the least";
            why = minLatency.Nanos > 0 ? $"the relayer takes at least {minLatency} and {why}" : why;
        }
        else
        {
            bound = minLatency;
            why = $"the relayer takes at least {minLatency}";
        }
        if (link.PacketLifetime > bound)
        {
            CheckWorstAlignment(link, provider, consumer, minLatency);
            return;
        }
        ctx.Error(KeyPath.Child(link.Location.Key, "packet-lifetime"),
            $"a packet lifetime of {link.PacketLifetime} can never be met: {why}, so a packet sent at t is received at t + {bound} " +
            $"or later; the lifetime must be longer than {bound}");
    }

    /// <summary>
    /// A relayed packet lands at t + latency and waits for the destination's next block, at most one block interval (the
    /// block time plus its jitter). A lifetime that does not cover both expires the packets that land just after a block
    /// of the destination, and the set-up's own packets go both ways: whether they fall badly depends only on how the
    /// blocks align, so a run could never finish setting the link up. With a constant or uniform latency this bound is
    /// sufficient. A lognormal is taken at its floor: its slow draws are rare, and a set-up that meets one ends the run with
    /// a hint (LinkSetupException).
    /// </summary>
    private void CheckWorstAlignment(ScenarioLink link, ScenarioChain provider, ScenarioChain consumer, Duration minLatency)
    {
        var latency = link.Relayer.Latency;
        var slowest = latency switch
        {
            LatencySpec.Constant c => c.Value,
            LatencySpec.Uniform u => u.Max,
            _ => minLatency,
        };
        var (waitsFor, gap) = new[] { consumer, provider }
            .Select(c => (c.Id, Gap: LongestInterval(c)))
            .MaxBy(c => c.Gap.Nanos);
        var bound = new Duration(slowest.Nanos + gap.Nanos);
        if (link.PacketLifetime > bound) return;
        var relay = latency switch
        {
            LatencySpec.LogNormal => $"relayed at its fastest ({slowest})",
            _ when slowest.Nanos == 0 => "relayed at once",
            _ => $"relayed in up to {slowest}",
        };
        ctx.Error(KeyPath.Child(link.Location.Key, "packet-lifetime"),
            $"a packet lifetime of {link.PacketLifetime} can run out before the packet is received: a packet {relay} can wait up to " +
            $"{gap} for {waitsFor}'s next block, so it is received as late as t + {bound}, and the link's set-up would never finish " +
            $"when its packets land just after a block; the lifetime must be longer than {bound}");
    }

    /// <summary>The longest gap between two blocks of <paramref name="chain"/>: its block time plus the jitter's share.</summary>
    private static Duration LongestInterval(ScenarioChain chain)
    {
        var one = (BigInteger)Core.Math.Dec.AtomicsPerUnit;
        var nanos = ((BigInteger)chain.BlockTime.Nanos * (one + chain.BlockTimeJitter.Atomics) + one - 1) / one;
        return new Duration((ulong)BigInteger.Min(nanos, ulong.MaxValue));
    }

    /// <summary>
    /// Every denom's supply on a chain stays below 2^128 (Core's Amount): balances, self-bonds (minted to the
    /// validators), the staking funds of the links into the chain (minted to its governance account) and the block
    /// rewards the run can mint. Blocks are counted over the run and the set-up (at most <see cref="SetupWait"/> per link
    /// and per chain, generously) at the shortest interval the jitter allows.
    /// </summary>
    /// <returns>The largest supply of the chain's bond denom the run can reach, or null when it overflows (reported).</returns>
    private BigInteger? CheckGenesisSupply(ScenarioChain chain, IReadOnlyList<ScenarioLink> links, Duration runDuration)
    {
        var supply = new Dictionary<string, BigInteger>(StringComparer.Ordinal);
        foreach (var a in chain.Accounts)
            foreach (var coin in a.Balance)
                if (!Add(coin.Denom, (BigInteger)coin.Amount.Value, a.Location.Key, $"account {a.Name}")) return null;
        foreach (var v in chain.Validators)
            if (!Add(chain.Denom, (BigInteger)v.Stake.Value, v.Location.Key, $"validator {v.Name}'s stake")) return null;
        foreach (var l in links.Where(l => l.Consumer == chain.Id))
            if (!Add(chain.Denom, (BigInteger)l.StakingFunds.Value, KeyPath.Child(l.Location.Key, "staking-funds"),
                $"the staking funds of {l}"))
                return null;
        if (!chain.RewardRate.IsZero)
        {
            // the rate pays at most supply × rate × time / year (its rewards are not staked for it), counted before the fixed rewards
            var time = (BigInteger)runDuration.Nanos + (BigInteger)SetupWait.Nanos * (2 + links.Count);
            var year = (BigInteger)Core.Staking.StakingModule.YearSeconds * Core.Types.Timestamp.NanosPerSecond
                       * Core.Math.Dec.AtomicsPerUnit;
            var rated = supply.GetValueOrDefault(chain.Denom) * chain.RewardRate.Atomics * time / year;
            if (!Add(chain.Denom, rated, KeyPath.Child(chain.Location.Key, "reward-rate"), "the rewards of its rate")) return null;
        }
        if (chain.RewardPerBlock.IsZero) return supply.GetValueOrDefault(chain.Denom);

        var blocks = MintingBlocks(chain, links, runDuration);
        return Add(chain.Denom, (BigInteger)chain.RewardPerBlock.Value * blocks, KeyPath.Child(chain.Location.Key, "reward-per-block"),
            $"up to {blocks} blocks' rewards") ? supply[chain.Denom] : null;

        bool Add(string denom, BigInteger amount, string key, string what)
        {
            var total = supply.GetValueOrDefault(denom) + amount;
            supply[denom] = total;
            if (total <= MaxAmount) return true;
            ctx.Error(key, $"the supply of {denom} on {chain.Id} overflows u128 with {what}: it reaches {total}, above 2^128 - 1 = " +
                $"{MaxAmount} " +
                "(balances, validators' stakes, the links' staking funds and the block rewards are all minted)");
            return false;
        }
    }

    /// <summary>How many blocks the chain can make in the run and the set-up, at the shortest interval the jitter allows.</summary>
    private static BigInteger MintingBlocks(ScenarioChain chain, IReadOnlyList<ScenarioLink> links, Duration runDuration)
    {
        var setup = (BigInteger)SetupWait.Nanos * (2 + links.Count);
        var interval = BigInteger.Max(1, (BigInteger)chain.BlockTime.Nanos -
            (BigInteger)chain.BlockTime.Nanos * chain.BlockTimeJitter.Atomics / Core.Math.Dec.AtomicsPerUnit);
        return ((BigInteger)runDuration.Nanos + setup) / interval + 1;
    }

    /// <summary>
    /// What Core's staking keeps outside u128 amounts, checked where a block (not a transaction, which would just fail)
    /// would overflow: a validator's shares are a Dec, whose whole part holds less than u128 (its self-bond becomes its
    /// first shares at genesis); voting power is a u64 (StakingModule.PowerOf, summed checked); each block's reward
    /// becomes a Dec reward per share, and those add up over the run (StakingModule.Rewards).
    /// </summary>
    private void CheckStakingRanges(ScenarioChain chain, IReadOnlyList<ScenarioLink> links, Duration runDuration)
    {
        var maxShares = ScenarioLimits.MaxStakingAmount;
        foreach (var v in chain.Validators.Where(v => v.Stake.Value > maxShares))
            ctx.Error(KeyPath.Child(v.Location.Key, "stake"),
                $"a stake of {v.Stake} is beyond the {maxShares} a validator's shares can hold (an 18-decimal u128); stake less");
        var power = chain.Validators.Aggregate(BigInteger.Zero, (sum, v) => sum + (BigInteger)(v.Stake.Value / chain.PowerReduction.Value));
        if (power > ulong.MaxValue)
            ctx.Error(KeyPath.Child(chain.Location.Key, "validators"),
                $"the validators' voting power (stake / power-reduction) adds up to {power}, beyond 2^64 - 1 = {ulong.MaxValue}: " +
                "raise power-reduction or stake less");
        if (chain.RewardPerBlock.IsZero) return;
        var blocks = MintingBlocks(chain, links, runDuration);
        var rewards = (BigInteger)chain.RewardPerBlock.Value * blocks;
        if (rewards > maxShares)
            ctx.Error(KeyPath.Child(chain.Location.Key, "reward-per-block"),
                $"up to {blocks} blocks' rewards add up to {rewards}, beyond the {maxShares} the rewards per share (an 18-decimal u128) " +
                "can hold: mint less per block");
    }
}
