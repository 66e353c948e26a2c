using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Emulator.Chains;

/// <summary>A contract actor's answer to <see cref="RunEntryPoint"/>.</summary>
public sealed record EntryPointResult(long CallId, ContractOutcome Outcome) : Akka.Actor.INoSerializationVerificationNeeded;
