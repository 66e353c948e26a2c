using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Invariants;

/// <summary>
/// One breach of an invariant of <see cref="MeshInvariants"/>: which invariant, on which chain, at which block (its
/// height and time, as that chain last committed it when the breach was seen), and what is wrong.
/// </summary>
public sealed record InvariantViolation(string Invariant, string Chain, ulong Height, Timestamp Time, string Detail)
{
    public override string ToString() => $"{Invariant}: {Chain}@{Height} ({Time}): {Detail}";
}
