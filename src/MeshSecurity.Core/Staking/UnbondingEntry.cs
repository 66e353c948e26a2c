using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Staking;

/// <summary>
/// Tokens on their way back to a delegator, held by the not-bonded pool until <see cref="CompletionTime"/>.
/// <see cref="Balance"/> starts at <see cref="InitialBalance"/> and only falls, by slashes of infractions committed
/// at or before <see cref="CreationHeight"/>.
/// </summary>
public sealed record UnbondingEntry(
    Addr Delegator,
    Addr Validator,
    ulong CreationHeight,
    Timestamp CompletionTime,
    Amount InitialBalance,
    Amount Balance);
