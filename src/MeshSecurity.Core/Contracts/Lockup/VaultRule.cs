using System.Collections.Immutable;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using Account = MeshSecurity.Core.Contracts.Lockup.LockupState.Account;

namespace MeshSecurity.Core.Contracts.Lockup;

/// <summary>
/// Production's vault accounting for one user (docs/contracts.md, "Collateral"), pure:
/// collateral is <see cref="Account.Bonded"/>, each lien a range with its holder's slash ratio, and the slashable total
/// a range summed from floor(amount × ratio) per operation (staking 140 then 40 at 10 % reserves 14 + 4). Every check
/// takes the pessimistic bound: free = collateral − max(largest lien high, slashable high).
/// </summary>
public static class VaultRule
{
    /// <summary>The largest lien, component-wise over the liens' ranges.</summary>
    public static ValueRange MaxLien(Account acc) => acc.Claims.Aggregate(ValueRange.Zero, (m, c) => ValueRange.Max(m, c.Range));

    /// <summary>
    /// A stake in flight (production's prepare_add): the lien's high rises by x, the slashable high by floor(x × ratio).
    /// Refused (InsufficientBalance) when either would exceed the collateral. A new lien takes <paramref name="ratio"/>;
    /// an existing one keeps its own.
    /// </summary>
    public static Account Prepare(Account acc, Addr holder, Amount x, Dec ratio)
    {
        var lien = acc.ClaimOf(holder) ?? new LockupState.Lien(holder, Amount.Zero) { Ratio = ratio };
        var range = lien.Range.PrepareAdd(x);
        var slashable = acc.Slashable.PrepareAdd(x.MulFloor(lien.Ratio));
        if (range.High > acc.Bonded || slashable.High > acc.Bonded) throw new LockupError.InsufficientBalance().Raise();
        return acc.WithLien(lien.WithRange(range)) with { Slashable = slashable };
    }

    /// <summary>The stake was acknowledged: the lien's low rises by x and the slashable low by floor(x × ratio), saturating.</summary>
    public static Account Commit(Account acc, Addr holder, Amount x)
    {
        if (acc.ClaimOf(holder) is not { } lien) return acc;
        return acc.WithLien(lien.WithRange(lien.Range.CommitAdd(x))) with { Slashable = acc.Slashable.CommitAdd(x.MulFloor(lien.Ratio)) };
    }

    /// <summary>The stake failed: the lien's high falls by x, the slashable high by floor(x × ratio), saturating; a 0 lien goes.</summary>
    public static Account Rollback(Account acc, Addr holder, Amount x)
    {
        if (acc.ClaimOf(holder) is not { } lien) return acc;
        var slashable = acc.Slashable.RollbackAdd(x.MulFloor(lien.Ratio));
        return acc.WithLien(lien.WithRange(lien.Range.RollbackAdd(x))) with { Slashable = slashable };
    }

    /// <summary>
    /// The holder hands back x of its committed lien (an unbonded stake): both bounds fall by x (InsufficientLien when x
    /// exceeds the committed part, UnknownLienholder without a lien), the slashable total by floor(x × ratio).
    /// </summary>
    public static Account Release(Account acc, Addr holder, Amount x)
    {
        var lien = acc.ClaimOf(holder) ?? throw new LockupError.UnknownLienholder().Raise();
        if (x > lien.Range.Low) throw new LockupError.InsufficientLien().Raise();
        return acc.WithLien(lien.WithRange(lien.Range.Sub(x))) with { Slashable = acc.Slashable.Sub(x.MulFloor(lien.Ratio)) };
    }

    /// <summary>
    /// A slash of s against the holder's lien (production's vault slash): the lien falls by s and the slashable total by
    /// floor(s × ratio); free is taken then, before the collateral falls. If free &lt; s, the rest (claimed = s − free) is
    /// propagated to the other liens, the slashed one included. Case A, the largest lien dominates the slashable total:
    /// every lien above the new collateral (collateral − s) is clipped to it. Case B, the slashable total dominates: every
    /// lien falls by sub = ceil(claimed / Σ ratios) (the quotient truncated to 18 digits first, as Decimal does). Each cut
    /// lowers the slashable total by floor(cut × ratio). Then the collateral falls by s. Returns the cuts per holder in
    /// grant order (what each holder must burn); the slashed holder's own s is not among them.
    /// </summary>
    public static (Account Account, ImmutableArray<(Addr Holder, Amount Cut)> Cuts) Slash(Account acc, Addr holder, Amount s)
    {
        var lien = acc.ClaimOf(holder) ?? throw new LockupError.UnknownLienholder().Raise();
        if (s > lien.Amount) throw new LockupError.InsufficientLien().Raise();
        acc = acc.WithLien(lien.WithRange(lien.Range.Sub(s))) with { Slashable = acc.Slashable.Sub(s.MulFloor(lien.Ratio)) };
        var maxLien = MaxLien(acc).High;
        var free = acc.Bonded.SaturatingSub(Amount.Max(maxLien, acc.Slashable.High));
        var collateral = acc.Bonded.SaturatingSub(s);
        var cuts = new List<(Addr, Amount)>();
        if (free < s)
        {
            if (maxLien >= acc.Slashable.High)
            {
                foreach (var c in acc.Claims.ToImmutableArray())
                    if (c.Amount > collateral) acc = Cut(acc, c, c.Amount - collateral, cuts);
            }
            else acc = CutEvenly(acc, s - free, cuts);
        }
        // production's documented invariants, MaxLien ≤ Collateral and Slashable ≤ Collateral, which case B's floors (and
        // liens smaller than sub) can miss by a few units: the emulator cuts again until they hold
        foreach (var c in acc.Claims.ToImmutableArray())
            if (c.Amount > collateral) acc = Cut(acc, c, c.Amount - collateral, cuts);
        while (acc.Slashable.High > collateral)
        {
            var before = acc.Slashable.High;
            acc = CutEvenly(acc, acc.Slashable.High - collateral, cuts);
            if (acc.Slashable.High == before) acc = acc with { Slashable = acc.Slashable.Clip(collateral) };
        }
        var merged = cuts.GroupBy(c => c.Item1).Select(g => (g.Key, g.Aggregate(Amount.Zero, (t, c) => t + c.Item2)));
        return (acc with { Bonded = collateral }, [.. merged.Where(c => !c.Item2.IsZero)]);
    }

    /// <summary>Case B: every lien falls by ceil(claimed / Σ ratios), the quotient first truncated to 18 digits as Decimal's.</summary>
    private static Account CutEvenly(Account acc, Amount claimed, List<(Addr, Amount)> cuts)
    {
        var ratios = acc.Claims.Aggregate(Dec.Zero, (sum, c) => sum + c.Ratio);
        if (ratios.IsZero) return acc;
        var quotient = WideMath.MulDivFloor(Dec.FromInteger(claimed).Atomics, Dec.AtomicsPerUnit, ratios.Atomics, "vault_sub");
        var sub = Dec.FromAtomics(quotient).ToAmountCeil();
        foreach (var c in acc.Claims.ToImmutableArray()) acc = Cut(acc, c, Amount.Min(sub, c.Amount), cuts);
        return acc;
    }

    private static Account Cut(Account acc, LockupState.Lien lien, Amount cut, List<(Addr, Amount)> cuts)
    {
        if (cut.IsZero) return acc;
        var current = acc.ClaimOf(lien.Lienholder)!;
        cuts.Add((lien.Lienholder, cut));
        return acc.WithLien(current.WithRange(current.Range.Sub(cut))) with { Slashable = acc.Slashable.Sub(cut.MulFloor(current.Ratio)) };
    }
}
