using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Emulator.Chains;

/// <summary>
/// A <see cref="ChainCommand.QueryContract"/> the chain forwards (between blocks) to the contract's actor, with the
/// context of its last committed block. Local only, like <see cref="RunEntryPoint"/>: the context carries a querier over
/// the chain's immutable state. The actor answers the original sender with <see cref="ChainReply.QueryResult"/>.
/// </summary>
public sealed record AnswerQuery(string ChainId, object Msg, ContractContext Context) : Akka.Actor.INoSerializationVerificationNeeded;
