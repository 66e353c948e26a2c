using System.Collections.Immutable;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Bank;

/// <summary>
/// Balances per (address, denom) and the supply ledger per denom: genesis supply, minted since genesis, burned.
/// Immutable: every operation returns a new state, so a transaction can be rolled back by keeping the old one.
/// Invariant (checked by <see cref="CheckConservation"/>): Σ balances(d) = supply(d) = genesis(d) + minted(d) − burned(d).
/// </summary>
public sealed record BankState(
    ImmutableSortedDictionary<BalanceKey, Amount> Balances,
    ImmutableSortedDictionary<string, Amount> Supply,
    ImmutableSortedDictionary<string, Amount> Genesis,
    ImmutableSortedDictionary<string, Amount> Minted,
    ImmutableSortedDictionary<string, Amount> Burned)
{
    public static readonly BankState Empty = new(
        ImmutableSortedDictionary.Create<BalanceKey, Amount>(BalanceKey.Comparer),
        ImmutableSortedDictionary.Create<string, Amount>(StringComparer.Ordinal),
        ImmutableSortedDictionary.Create<string, Amount>(StringComparer.Ordinal),
        ImmutableSortedDictionary.Create<string, Amount>(StringComparer.Ordinal),
        ImmutableSortedDictionary.Create<string, Amount>(StringComparer.Ordinal));

    public Amount Balance(Addr address, string denom) => Balances.GetValueOrDefault(new BalanceKey(address, denom), Amount.Zero);

    public Coins AllBalances(Addr address) =>
        Coins.Of(Balances.Where(kv => kv.Key.Address == address).Select(kv => new Coin(kv.Key.Denom, kv.Value)));

    public Amount SupplyOf(string denom) => Supply.GetValueOrDefault(denom, Amount.Zero);

    /// <summary>Credits genesis balances: they count as genesis supply, not as minted.</summary>
    public BankState AddGenesis(Addr address, Coins coins)
    {
        var s = this;
        foreach (var c in coins)
            s = s.Credit(address, c) with
            {
                Supply = s.Supply.SetItem(c.Denom, s.SupplyOf(c.Denom) + c.Amount),
                Genesis = s.Genesis.SetItem(c.Denom, s.Genesis.GetValueOrDefault(c.Denom, Amount.Zero) + c.Amount),
            };
        return s;
    }

    public BankState Send(Addr from, Addr to, Coins coins)
    {
        var s = this;
        foreach (var c in coins) s = s.Debit(from, c).Credit(to, c);
        return s;
    }

    public BankState Mint(Addr to, Coins coins)
    {
        var s = this;
        foreach (var c in coins)
            s = s.Credit(to, c) with
            {
                Supply = s.Supply.SetItem(c.Denom, s.SupplyOf(c.Denom) + c.Amount),
                Minted = s.Minted.SetItem(c.Denom, s.Minted.GetValueOrDefault(c.Denom, Amount.Zero) + c.Amount),
            };
        return s;
    }

    public BankState Burn(Addr from, Coins coins)
    {
        var s = this;
        foreach (var c in coins)
            s = s.Debit(from, c) with
            {
                Supply = s.Supply.SetItem(c.Denom, s.SupplyOf(c.Denom) - c.Amount),
                Burned = s.Burned.SetItem(c.Denom, s.Burned.GetValueOrDefault(c.Denom, Amount.Zero) + c.Amount),
            };
        return s;
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

    private BankState Credit(Addr to, Coin c) =>
        c.Amount.IsZero ? this : this with { Balances = Balances.SetItem(new BalanceKey(to, c.Denom), Balance(to, c.Denom) + c.Amount) };

    private BankState Debit(Addr from, Coin c)
    {
        if (c.Amount.IsZero) return this;
        var have = Balance(from, c.Denom);
        if (have < c.Amount) throw new BankError.InsufficientFunds(from, c, new Coin(c.Denom, have)).Raise();
        var left = have - c.Amount;
        var key = new BalanceKey(from, c.Denom);
        return this with { Balances = left.IsZero ? Balances.Remove(key) : Balances.SetItem(key, left) };
    }
}
