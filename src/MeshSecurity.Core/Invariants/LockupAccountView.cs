using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Invariants;

/// <summary>One owner's account in the lockup of <paramref name="Chain"/>, as the lockup's balance query answers it.</summary>
public sealed record LockupAccountView(string Chain, Addr Owner, LockupMsg.BalanceResponse Balance);
