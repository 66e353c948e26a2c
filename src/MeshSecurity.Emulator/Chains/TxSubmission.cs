using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Emulator.Chains;

/// <summary>
/// One transaction of a <see cref="ChainCommand.SubmitTxs"/>: not-before and the submitter's key, as in a single submission.
/// </summary>
public sealed record TxSubmission(Tx Tx, Timestamp NotBefore, string Key);
