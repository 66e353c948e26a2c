using MeshSecurity.Core.Types;

namespace MeshSecurity.Emulator.Chains;

/// <summary>A contract actor crashed and is restarting: the chain must abandon its transaction and restore the actor.</summary>
public sealed record ContractRestarting(Addr Contract) : Akka.Actor.INoSerializationVerificationNeeded;
