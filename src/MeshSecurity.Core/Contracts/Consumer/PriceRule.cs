using MeshSecurity.Core.Math;

namespace MeshSecurity.Core.Contracts.Consumer;

/// <summary>
/// Production's converter arithmetic (docs/contracts.md, mesh-consumer's price feed), exact like cosmwasm-std's Decimal:
/// normalise = floor(floor(x × price) × (1 − discount)), the inverse with both reciprocals truncated to 18 digits.
/// </summary>
public static class PriceRule
{
    /// <summary>Provider tokens to consumer tokens: price 0.5 and discount 0.4 turn 1,000 into 300 and 2,000 into 600.</summary>
    public static Amount Normalise(Amount x, Dec price, Dec discount) => x.MulFloor(price).MulFloor(Dec.One - discount);

    /// <summary>
    /// Consumer tokens back to provider tokens (production: slash amounts and internal unstakes). The truncated reciprocal
    /// of 1 − discount loses a unit on the round trip: at price 0.5 and discount 0.1, 45,000,000 gives 99,999,999.
    /// Contract: price above 0, discount below 1.
    /// </summary>
    public static Amount Invert(Amount y, Dec price, Dec discount) =>
        y.MulFloor(Reciprocal(price)).MulFloor(Reciprocal(Dec.One - discount));

    /// <summary>1 / d truncated to 18 digits, as Decimal::inv.</summary>
    public static Dec Reciprocal(Dec d) =>
        Dec.FromAtomics(WideMath.MulDivFloor(Dec.AtomicsPerUnit, Dec.AtomicsPerUnit, d.Atomics, "reciprocal"));

    /// <summary>Production's price keeper: a price published at <paramref name="at"/> is outdated once now − ttl ≥ at.</summary>
    public static bool IsStale(Types.Timestamp at, ulong ttlSeconds, Types.Timestamp now) => now.MinusSeconds(ttlSeconds) >= at;
}
