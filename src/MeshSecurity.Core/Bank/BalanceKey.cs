using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Bank;

/// <summary>The key of one balance; ordered by address then denom, ordinally.</summary>
public readonly record struct BalanceKey(Addr Address, string Denom)
{
    public static readonly IComparer<BalanceKey> Comparer = Comparer<BalanceKey>.Create((a, b) =>
    {
        var c = string.CompareOrdinal(a.Address.Value, b.Address.Value);
        return c != 0 ? c : string.CompareOrdinal(a.Denom, b.Denom);
    });
}
