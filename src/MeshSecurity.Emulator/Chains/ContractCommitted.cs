namespace MeshSecurity.Emulator.Chains;

/// <summary>
/// Inline execution: after block <paramref name="BlockSeq"/>, the state the chain committed for a contract the block
/// touched, so the contract actor answers queries on it. Ignored when older than the actor's last restore.
/// </summary>
public sealed record ContractCommitted(long BlockSeq, object? State) : Akka.Actor.INoSerializationVerificationNeeded;
