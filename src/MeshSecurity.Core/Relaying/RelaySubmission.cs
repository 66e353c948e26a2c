using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Relaying;

/// <summary>
/// "Put this transaction in the first block of <paramref name="Chain"/> at or after <paramref name="NotBefore"/>". The
/// key orders the relayer's transactions among themselves in a mempool (it is chosen from the observed chain, height and
/// index, never from an arrival counter); the transaction's id is the relayer's path id and the key, so a chain that
/// sees an id twice knows it is the same transaction. <paramref name="CarriesPackets"/> marks a batch with receives.
/// </summary>
public sealed record RelaySubmission(string Chain, Tx Tx, Timestamp NotBefore, string Key, bool CarriesPackets);
