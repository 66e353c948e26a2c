using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Staking;

/// <summary>
/// One validator of a chain. <see cref="Tokens"/> are the bond-denom tokens its delegators own together (held by the
/// bonded pool whatever the status); <see cref="DelegatorShares"/> are the claims on them, so the exchange rate is
/// Tokens / DelegatorShares (1 until a slash, below 1 after). <see cref="RewardsPerShare"/> is the cumulative reward
/// per share ever credited to it; a delegation is owed Shares × (RewardsPerShare − its PaidRewardsPerShare).
/// The public key is compared by content; the array must not be mutated after creation.
/// </summary>
public sealed record Validator(
    Addr Operator,
    byte[] ConsensusPubKey,
    Amount Tokens,
    Dec DelegatorShares,
    BondStatus Status,
    bool Jailed,
    Timestamp JailedUntil,
    bool Tombstoned,
    Timestamp UnbondingCompletesAt,
    Dec RewardsPerShare)
{
    /// <summary>A fresh, empty validator: unbonded, not jailed, no tokens.</summary>
    public static Validator Create(Addr operatorAddress, ReadOnlySpan<byte> consensusPubKey) =>
        new(operatorAddress, consensusPubKey.ToArray(), Amount.Zero, Dec.Zero, BondStatus.Unbonded,
            false, Timestamp.Zero, false, Timestamp.Zero, Dec.Zero);

    /// <summary>The end of time: a tombstoned validator is jailed until then.</summary>
    public static readonly Timestamp Forever = new(ulong.MaxValue);

    public bool IsBonded => Status == BondStatus.Bonded;

    /// <summary>Shares exist but back no tokens: slashed to nothing, so new delegations cannot be priced.</summary>
    public bool IsInsolvent => Tokens.IsZero && !DelegatorShares.IsZero;

    public bool Equals(Validator? other) =>
        other is not null
        && Operator == other.Operator
        && ConsensusPubKey.AsSpan().SequenceEqual(other.ConsensusPubKey)
        && Tokens == other.Tokens
        && DelegatorShares == other.DelegatorShares
        && Status == other.Status
        && Jailed == other.Jailed
        && JailedUntil == other.JailedUntil
        && Tombstoned == other.Tombstoned
        && UnbondingCompletesAt == other.UnbondingCompletesAt
        && RewardsPerShare == other.RewardsPerShare;

    public override int GetHashCode() => HashCode.Combine(Operator, Tokens, DelegatorShares, Status, Jailed, Tombstoned);
}
