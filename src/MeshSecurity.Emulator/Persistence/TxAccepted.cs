using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Emulator.Persistence;

/// <summary>
/// A transaction the chain took into its mempool, written before the submitter hears it was accepted, so a chain that
/// stops loses nothing it promised to include. <paramref name="AtHeight"/> is the chain's height when it arrived: a
/// chain re-producing its blocks after a restart offers it to later blocks only, as the first time.
/// </summary>
public sealed record TxAccepted(
    Timestamp NotBefore, string Submitter, string Key, ulong AtHeight, string Id, string Signer, IReadOnlyList<CosmosMsg> Msgs)
    : IJournalRecord;
