using System.Collections;
using System.Collections.Immutable;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Math;

namespace MeshSecurity.Core.Types;

/// <summary>
/// An immutable set of coins: at most one entry per denom, no zero amounts, sorted by denom (ordinal),
/// so two equal sets compare and print the same.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(CoinsJsonConverter))]
public sealed class Coins : IReadOnlyList<Coin>, IEquatable<Coins>
{
    public static readonly Coins Empty = new(ImmutableArray<Coin>.Empty);

    private readonly ImmutableArray<Coin> _items;

    private Coins(ImmutableArray<Coin> items) => _items = items;

    public static Coins Of(params Coin[] coins) => Of(new ReadOnlySpan<Coin>(coins));

    public static Coins Of(IEnumerable<Coin> coins) => coins is Coin[] array ? Of(new ReadOnlySpan<Coin>(array)) : Merge(coins);

    /// <remarks>
    /// Coins already in canonical order (no zero, denoms strictly ascending: one coin, or a set's own items) are taken
    /// as they are, one array; anything else is summed and sorted. A coin is built per transfer, fee and attribute.
    /// </remarks>
    public static Coins Of(ReadOnlySpan<Coin> coins)
    {
        if (coins.Length == 1 && coins[0].Amount.IsZero) return Empty;
        for (var i = 0; i < coins.Length; i++)
        {
            if (coins[i].Amount.IsZero || (i > 0 && string.CompareOrdinal(coins[i - 1].Denom, coins[i].Denom) >= 0))
                return Merge(coins.ToArray());
        }
        return coins.IsEmpty ? Empty : new(ImmutableArray.Create(coins));
    }

    private static Coins Merge(IEnumerable<Coin> coins)
    {
        var sums = new SortedDictionary<string, Amount>(StringComparer.Ordinal);
        foreach (var c in coins)
        {
            if (c.Amount.IsZero) continue;
            sums[c.Denom] = sums.TryGetValue(c.Denom, out var a) ? a + c.Amount : c.Amount;
        }
        return sums.Count == 0 ? Empty : new(sums.Select(kv => new Coin(kv.Key, kv.Value)).ToImmutableArray());
    }

    public static Coins Of(string denom, Amount amount) => Of([new Coin(denom, amount)]);

    public int Count => _items.Length;
    public Coin this[int index] => _items[index];
    public bool IsEmpty => _items.IsEmpty;

    public Amount AmountOf(string denom)
    {
        foreach (var c in _items)
            if (c.Denom == denom) return c.Amount;
        return Amount.Zero;
    }

    public Coins Add(Coins other) => other.IsEmpty ? this : IsEmpty ? other : Merge(_items.Concat(other._items));

    /// <summary>Checked subtraction: raises an overflow error when a denom would go negative.</summary>
    public Coins Sub(Coins other)
    {
        var result = _items.ToDictionary(c => c.Denom, c => c.Amount, StringComparer.Ordinal);
        foreach (var c in other._items)
        {
            var have = result.GetValueOrDefault(c.Denom, Amount.Zero);
            if (have < c.Amount) throw new StdError.Overflow("sub", ToString(), other.ToString()).Raise();
            result[c.Denom] = have - c.Amount;
        }
        return Of(result.Select(kv => new Coin(kv.Key, kv.Value)));
    }

    /// <summary>cw-utils' must_pay: exactly one coin, of <paramref name="denom"/>, non-zero.</summary>
    public Amount MustPay(string denom)
    {
        if (_items.IsEmpty) throw new PaymentError.NoFunds().Raise();
        if (_items.Length > 1) throw new PaymentError.MultipleDenoms().Raise();
        if (_items[0].Denom != denom) throw new PaymentError.MissingDenom(denom).Raise();
        return _items[0].Amount;
    }

    /// <summary>cw-utils' nonpayable.</summary>
    public void MustBeEmpty()
    {
        if (!_items.IsEmpty) throw new PaymentError.NonPayable().Raise();
    }

    /// <remarks>The array's struct enumerator: a <c>foreach</c> over coins (every transfer, every hashed attribute) boxes none.</remarks>
    public ImmutableArray<Coin>.Enumerator GetEnumerator() => _items.GetEnumerator();
    IEnumerator<Coin> IEnumerable<Coin>.GetEnumerator() => ((IEnumerable<Coin>)_items).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable)_items).GetEnumerator();

    public bool Equals(Coins? other) => other is not null && _items.SequenceEqual(other._items);
    public override bool Equals(object? obj) => Equals(obj as Coins);
    public override int GetHashCode() => _items.Aggregate(0, (h, c) => HashCode.Combine(h, c));

    public override string ToString() => _items.IsEmpty ? "" : string.Join(",", _items);
}
