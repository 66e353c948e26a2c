using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Testing;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Tests.Flows;

/// <summary>
/// The network the flow tests run on: the provider chain osmosis (one lockup) cross-staking to the consumer chains juno
/// and stars (and, on request, gaia), each consumer with meta-staking funded by its governance and linked by
/// <see cref="MeshSetup.Link"/> at an exchange rate of 0.1. One <see cref="Coordinator"/> drives every height and time.
/// The verbs (bond, grant a claim, unstake, skip time, relay, double-sign...) are in MeshNetwork.Verbs.cs and the
/// reads in MeshNetwork.Queries.cs, so a test reads as the seed README's user flows.
/// </summary>
public sealed partial class MeshNetwork
{
    public const string Uosmo = "uosmo";
    public const ulong Day = 24 * 3600;

    /// <summary>The provider's unbonding period: an unstaked claim matures after it.</summary>
    public const ulong ProviderUnbonding = Day;

    /// <summary>The consumers' unbonding period (meta-staking's undelegations mature after it).</summary>
    public const ulong ConsumerUnbonding = 2 * Day;

    /// <summary>Seconds a mesh packet lives before it times out (the protocol's default).</summary>
    public const ulong PacketLifetime = 3600;

    /// <summary>
    /// Time skips go in steps of at most this, refreshing every light client after each: the shortest trusting period
    /// (2/3 of osmosis's one day, 16 h) is never passed, so a skip never kills a connection.
    /// </summary>
    private const ulong MaxStepSeconds = 4 * 3600;

    /// <summary>One provider token cross-staked is worth 0.1 consumer token (B9: meta-staking delegates floor(remote × rate)).</summary>
    public static readonly Dec Rate = Dec.Parse("0.1");

    /// <summary>Consumer tokens governance hands meta-staking per link: it can delegate this much, for 10,000,000 uosmo of cross-stake.</summary>
    public static readonly Amount StakingFunds = 1_000_000;

    public static readonly Amount UserBalance = 20_000_000;

    /// <summary>
    /// Minted on each consumer every block and shared by the bonded validators by tokens. juno's validators bond
    /// 2,999,900 together, so after one 100-token delegation 3,000,000 are bonded and every bonded token earns exactly
    /// 1 ujuno a block.
    /// </summary>
    public static readonly Amount ConsumerBlockReward = 3_000_000;

    public static readonly Addr Alice = Addr.Derive("osmo", "alice");
    public static readonly Addr Bob = Addr.Derive("osmo", "bob");
    public static readonly Addr Carol = Addr.Derive("osmo", "carol");
    public static readonly Addr[] Users = [Alice, Bob, Carol];

    public static readonly Addr OsmoV1 = ChainApp.ValidatorAddress("osmo", "v1");
    public static readonly Addr JunoV1 = ChainApp.ValidatorAddress("juno", "v1");
    public static readonly Addr JunoV2 = ChainApp.ValidatorAddress("juno", "v2");
    public static readonly Addr JunoV3 = ChainApp.ValidatorAddress("juno", "v3");
    public static readonly Addr StarsV1 = ChainApp.ValidatorAddress("stars", "v1");
    public static readonly Addr StarsV2 = ChainApp.ValidatorAddress("stars", "v2");
    public static readonly Addr GaiaV1 = ChainApp.ValidatorAddress("cosmos", "v1");

    /// <summary>
    /// Builds osmosis, juno and stars (and gaia when <paramref name="withGaia"/>), deploys and links them; each link's
    /// meta-staking gets <paramref name="stakingFunds"/> consumer tokens (default <see cref="StakingFunds"/>).
    /// </summary>
    public MeshNetwork(bool withGaia = false, ulong? stakingFunds = null)
    {
        _funds = stakingFunds ?? StakingFunds;
        Osmosis = Coord.AddChain(Config("osmosis", "osmo", Uosmo, ProviderUnbonding, Amount.Zero), MeshSetup.Codes(),
            Users.Select(u => new GenesisAccount(u, Coins.Of(Uosmo, UserBalance))),
            [new GenesisValidator("v1", 1_000_000), new GenesisValidator("v2", 1_000_000), new GenesisValidator("v3", 1_000_000)]);
        Juno = AddConsumer("juno", "juno", "ujuno", 999_900);
        Stars = AddConsumer("stars", "stars", "ustars", 1_000_000);
        Gaia = withGaia ? AddConsumer("gaia", "cosmos", "uatom", 1_000_000) : null;

        Lockup = MeshSetup.DeployLockup(Coord, Osmosis);
        ToJuno = LinkTo(Juno);
        ToStars = LinkTo(Stars);
        ToGaia = Gaia is null ? null : LinkTo(Gaia);
        Links = ToGaia is null ? [ToJuno, ToStars] : [ToJuno, ToStars, ToGaia];
        GenesisSupply = Osmosis.State.Bank.SupplyOf(Uosmo);
    }

    private readonly Amount _funds;

    public Coordinator Coord { get; } = new();
    public ChainApp Osmosis { get; }
    public ChainApp Juno { get; }
    public ChainApp Stars { get; }
    public ChainApp? Gaia { get; }
    public Addr Lockup { get; }
    public MeshLink ToJuno { get; }
    public MeshLink ToStars { get; }
    public MeshLink? ToGaia { get; }
    public IReadOnlyList<MeshLink> Links { get; }
    public IEnumerable<ChainApp> Chains => Coord.Chains;

    /// <summary>uosmo in existence once the network is built (osmosis mints no block rewards).</summary>
    public Amount GenesisSupply { get; }

    private static ChainConfig Config(string id, string prefix, string denom, ulong unbonding, Amount blockReward) => new()
    {
        ChainId = id,
        AddressPrefix = prefix,
        BondDenom = denom,
        UnbondingPeriodSeconds = unbonding,
        BlockReward = blockReward,
    };

    /// <summary>A consumer with three validators (v3 bonding <paramref name="v3Bond"/>) and governance funded for meta-staking.</summary>
    private ChainApp AddConsumer(string id, string prefix, string denom, ulong v3Bond) =>
        Coord.AddChain(Config(id, prefix, denom, ConsumerUnbonding, ConsumerBlockReward), MeshSetup.Codes(),
            [new GenesisAccount(ModuleAccounts.Gov(prefix), Coins.Of(denom, 10_000_000))],
            [new GenesisValidator("v1", 1_000_000), new GenesisValidator("v2", 1_000_000), new GenesisValidator("v3", v3Bond)]);

    private MeshLink LinkTo(ChainApp consumer) =>
        MeshSetup.Link(Coord, Osmosis, Lockup, consumer, MeshSetup.DeployMetaStaking(Coord, consumer), Rate, _funds, PacketLifetime);

    // ---- time: only the coordinator moves it ----

    /// <summary>Commits <paramref name="blocks"/> blocks on every chain (5 s each).</summary>
    public void SkipBlocks(int blocks) => Coord.CommitBlocks(blocks);

    /// <summary>Moves the clock on by <paramref name="seconds"/>; the next transaction's block is at least that much later.</summary>
    public void SkipTime(ulong seconds) => SkipUntil(Coord.Now.PlusSeconds(seconds));

    /// <summary>
    /// Moves the clock to <paramref name="time"/> in steps of at most four hours, committing a block on every chain and
    /// refreshing every light client after each step (a relayer keeps clients alive even while it relays nothing).
    /// The last step commits nothing, so the next block is exactly at <paramref name="time"/>.
    /// </summary>
    public void SkipUntil(Timestamp time)
    {
        while (time.Seconds > Coord.Now.Seconds + MaxStepSeconds)
        {
            Coord.IncrementTime(MaxStepSeconds);
            Coord.CommitBlock([.. Chains]);
            RefreshClients();
        }
        if (time > Coord.Now) Coord.IncrementTime((time.Nanos - Coord.Now.Nanos) / Timestamp.NanosPerSecond);
    }

    private void RefreshClients()
    {
        foreach (var link in Links)
        {
            link.MeshPath.UpdateClient(link.MeshPath.A);
            link.MeshPath.UpdateClient(link.MeshPath.B);
        }
    }

    // ---- the relayer ----

    /// <summary>Relays one link (mesh, then ICS-20, then mesh again) until quiet; a paused mesh path relays nothing.</summary>
    public RelayStats Relay(MeshLink link) => link.Relay();

    /// <summary>
    /// Relays every link until a whole pass moves nothing. When a pass only fails, the relayer tries once more a block
    /// later: the relayer decides between receive and timeout on the block it observed plus its latency, so a packet whose
    /// timeout falls before the destination's next block is submitted for receive and refused.
    /// </summary>
    public RelayStats RelayAll()
    {
        var total = new RelayStats();
        var retried = false;
        for (var pass = 0; pass < 20; pass++)
        {
            var moved = Links.Aggregate(new RelayStats(), (s, l) => s + l.Relay());
            total += moved;
            if (moved.MadeProgress) continue;
            if (moved.Failed == 0 || retried) return total;
            Coord.CommitBlock([.. Chains]);
            retried = true;
        }
        throw new InvalidOperationException("relaying did not settle");
    }

    /// <summary>Stops the relayer of a link's mesh channel (packets stay pending, and may time out).</summary>
    public void Pause(MeshLink link) => link.MeshPath.Paused = true;

    public void Resume(MeshLink link) => link.MeshPath.Paused = false;
}
