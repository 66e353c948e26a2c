namespace MeshSecurity.Emulator.Chains;

/// <summary>The chain tells a contract actor that a scope ended: keep or drop what it staged there (depth 0: commit).</summary>
public sealed record EndContractScope(long TxSeq, int Depth, bool Commit) : Akka.Actor.INoSerializationVerificationNeeded;
