namespace MeshSecurity.Emulator.Chains;

/// <summary>Fault injection: makes a contract actor throw, as a bug or a lost node would.</summary>
public sealed record CrashContract(string Reason) : Akka.Actor.INoSerializationVerificationNeeded;
