using MeshSecurity.Core.Execution;

namespace MeshSecurity.Emulator.Chains;

/// <summary>
/// The chain gives a restarted contract actor a copy of its own record of the instance (committed and staged
/// states); messages of transactions before <paramref name="FromTxSeq"/> are ignored.
/// </summary>
public sealed record RestoreContract(long FromTxSeq, ContractInstance Instance) : Akka.Actor.INoSerializationVerificationNeeded;
