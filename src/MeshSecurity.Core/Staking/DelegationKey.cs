using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Staking;

/// <summary>The key of one delegation; ordered by delegator then validator, ordinally.</summary>
public readonly record struct DelegationKey(Addr Delegator, Addr Validator) : IComparable<DelegationKey>
{
    public static readonly IComparer<DelegationKey> Comparer = Comparer<DelegationKey>.Create((a, b) => a.CompareTo(b));

    public int CompareTo(DelegationKey other)
    {
        var c = string.CompareOrdinal(Delegator.Value, other.Delegator.Value);
        return c != 0 ? c : string.CompareOrdinal(Validator.Value, other.Validator.Value);
    }
}
