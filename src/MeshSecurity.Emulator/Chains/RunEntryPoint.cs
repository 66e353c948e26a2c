using MeshSecurity.Core.Execution;

namespace MeshSecurity.Emulator.Chains;

/// <summary>
/// The chain asks its contract actor to run one entry point (the executor's request). Local only: contracts are the
/// chain's children and the request carries a live querier over the chain's immutable state.
/// Answer: <see cref="EntryPointResult"/>.
/// </summary>
public sealed record RunEntryPoint(long TxSeq, long CallId, ExecutorRequest.Call Request) : Akka.Actor.INoSerializationVerificationNeeded;
