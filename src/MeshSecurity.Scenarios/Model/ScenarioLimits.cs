using MeshSecurity.Core.Relaying;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Scenarios.Model;

/// <summary>
/// The ranges the parser enforces beyond a value's syntax, each chosen so the run can do what the file asks
/// (docs/scenarios.md, "Limits", lists them). Times are nanoseconds in a u64 (until 2554), so a genesis time and a
/// run's length are capped well inside it; the clock waits emulated seconds / speed of wall time.
/// </summary>
public static class ScenarioLimits
{
    /// <summary>The longest duration anywhere in a file (a run, a step's time, a latency, an unbonding period).</summary>
    public static readonly Duration MaxDuration = Duration.FromDays(36_500);

    /// <summary>The latest genesis time: with <see cref="MaxDuration"/> after it, times stay far from the u64 end (2554).</summary>
    public static readonly DateTimeOffset LatestGenesis = new(2200, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The slowest clock (emulated seconds per wall second): the clock's longest wait stays a valid TimeSpan.</summary>
    public static readonly Dec MinSpeed = Dec.Parse("0.001");

    /// <summary>The fastest finite clock; faster is "max".</summary>
    public static readonly Dec MaxSpeed = Dec.Parse("1000000");

    /// <summary>
    /// The longest block time: the set-up waits at most an hour of emulated time for a channel to open, which takes
    /// several blocks on each chain (10m blocks do not open one; 5m blocks with full jitter do).
    /// </summary>
    public static readonly Duration MaxBlockTime = Duration.FromMinutes(5);

    /// <summary>The most validators a chain may have at genesis (each block walks them; 10,000 run, slowly).</summary>
    public const int MaxValidators = 10_000;

    /// <summary>The largest lognormal spread (σ of the underlying normal).</summary>
    public static readonly Dec MaxSpread = Dec.Parse("10");

    /// <summary>
    /// The emulator's lognormal draw uses a standard normal bounded by |z| ≤ sqrt(-2 ln 1e-12) (LatencyModel clamps its
    /// uniform at 1e-12), so a draw lies within mean · e^(−σ²/2 ± 7.44σ).
    /// </summary>
    public const double LogNormalZBound = 7.44;

    /// <summary>
    /// The largest stake a validator may have at genesis, and the most a chain may mint in block rewards over a run: the
    /// whole part of Core's Dec (an 18-decimal u128, about 3.4·10^20), in which the staking module keeps shares and
    /// rewards per share.
    /// </summary>
    public static readonly UInt128 MaxStakingAmount = Dec.MaxValue.Atomics / Dec.AtomicsPerUnit;

    public static Timestamp LatestGenesisTimestamp =>
        new((ulong)(LatestGenesis.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100UL);
}
