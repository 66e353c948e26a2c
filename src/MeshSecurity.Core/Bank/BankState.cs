using MeshSecurity.Core.Math;
using MeshSecurity.Core.State;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Bank;

/// <summary>
/// Balances per (address, denom) and the supply ledger per denom: genesis supply, minted since genesis, burned.
/// Mutable stores that record their writes in the chain's undo log (docs/decisions/0014-mutable-stores-with-an-undo-log.md):
/// an operation writes in place, and a failed scope of the executor undoes it. An operation that fails part way (the
/// second coin of a send short of funds) leaves the first coin's writes for that rollback to undo.
/// Invariant (checked by <see cref="CheckConservation"/>): Σ balances(d) = supply(d) = genesis(d) + minted(d) − burned(d).
/// <para>
/// Contract: read and written in the chain's turn only; a reader elsewhere takes <see cref="CommittedCopy"/>.
/// </para>
/// </summary>
public sealed record BankState(
    UndoMap<BalanceKey, Amount> Balances,
    UndoMap<string, Amount> Supply,
    UndoMap<string, Amount> Genesis,
    UndoMap<string, Amount> Minted,
    UndoMap<string, Amount> Burned)
{
    /// <summary>A new empty bank, in no chain yet (its chain's state binds it to the chain's undo log).</summary>
    public static BankState Empty => new(
        new UndoMap<BalanceKey, Amount>(BalanceKey.Comparer),
        new UndoMap<string, Amount>(StringComparer.Ordinal),
        new UndoMap<string, Amount>(StringComparer.Ordinal),
        new UndoMap<string, Amount>(StringComparer.Ordinal),
        new UndoMap<string, Amount>(StringComparer.Ordinal));

    /// <summary>Makes every store of the bank a store of a chain's log.</summary>
    public void BindTo(UndoLog log)
    {
        Balances.BindTo(log);
        Supply.BindTo(log);
        Genesis.BindTo(log);
        Minted.BindTo(log);
        Burned.BindTo(log);
    }

    /// <summary>A copy as the chain last committed it, in no chain: what a reader outside the chain's turn gets.</summary>
    public BankState CommittedCopy() => new(
        Balances.DetachedCommittedCopy(), Supply.DetachedCommittedCopy(), Genesis.DetachedCommittedCopy(),
        Minted.DetachedCommittedCopy(), Burned.DetachedCommittedCopy());

    public Amount Balance(Addr address, string denom) => Balances.GetValueOrDefault(new BalanceKey(address, denom), Amount.Zero);

    public Coins AllBalances(Addr address) =>
        Coins.Of(Balances.Where(kv => kv.Key.Address == address).Select(kv => new Coin(kv.Key.Denom, kv.Value)));

    public Amount SupplyOf(string denom) => Supply.GetValueOrDefault(denom, Amount.Zero);

    /// <summary>Credits genesis balances: they count as genesis supply, not as minted.</summary>
    public void AddGenesis(Addr address, Coins coins)
    {
        foreach (var c in coins)
        {
            Credit(address, c);
            Add(Supply, c);
            Add(Genesis, c);
        }
    }

    public void Send(Addr from, Addr to, Coins coins)
    {
        foreach (var c in coins)
        {
            Debit(from, c);
            Credit(to, c);
        }
    }

    public void Mint(Addr to, Coins coins)
    {
        foreach (var c in coins)
        {
            Credit(to, c);
            Add(Supply, c);
            Add(Minted, c);
        }
    }

    public void Burn(Addr from, Coins coins)
    {
        foreach (var c in coins)
        {
            Debit(from, c);
            Supply.Set(c.Denom, SupplyOf(c.Denom) - c.Amount);
            Add(Burned, c);
        }
    }

    /// <summary>Returns the denoms whose ledger does not balance; empty when the bank is consistent.</summary>
    public IReadOnlyList<string> CheckConservation()
    {
        var sums = new SortedDictionary<string, Amount>(StringComparer.Ordinal);
        foreach (var (k, v) in Balances) sums[k.Denom] = sums.GetValueOrDefault(k.Denom, Amount.Zero) + v;
        var denoms = sums.Keys.Concat(Supply.Keys).Concat(Genesis.Keys).Distinct().OrderBy(d => d, StringComparer.Ordinal);
        var bad = new List<string>();
        foreach (var d in denoms)
        {
            var held = sums.GetValueOrDefault(d, Amount.Zero);
            var supply = SupplyOf(d);
            var ledger = Genesis.GetValueOrDefault(d, Amount.Zero) + Minted.GetValueOrDefault(d, Amount.Zero);
            var burned = Burned.GetValueOrDefault(d, Amount.Zero);
            if (held != supply || ledger < burned || ledger - burned != supply)
                bad.Add($"{d}: balances {held}, supply {supply}, genesis+minted {ledger}, burned {burned}");
        }
        return bad;
    }

    private static void Add(UndoMap<string, Amount> ledger, Coin c) =>
        ledger.Set(c.Denom, ledger.GetValueOrDefault(c.Denom, Amount.Zero) + c.Amount);

    // a zero coin writes no balance (no balance of zero is ever stored, so snapshots keep their bytes)
    private void Credit(Addr to, Coin c)
    {
        if (!c.Amount.IsZero) Balances.Set(new BalanceKey(to, c.Denom), Balance(to, c.Denom) + c.Amount);
    }

    private void Debit(Addr from, Coin c)
    {
        if (c.Amount.IsZero) return;
        var have = Balance(from, c.Denom);
        if (have < c.Amount) throw new BankError.InsufficientFunds(from, c, new Coin(c.Denom, have)).Raise();
        var left = have - c.Amount;
        var key = new BalanceKey(from, c.Denom);
        if (left.IsZero) Balances.Remove(key);
        else Balances.Set(key, left);
    }
}
