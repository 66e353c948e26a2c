using System.Collections.Immutable;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Wasm;

/// <summary>
/// What this chain's light client of a counterparty knows: its chain id, the latest height and time it has
/// verified, and the counterparty's validator set with consensus public keys (so evidence can be checked).
/// </summary>
public sealed record LightClientInfo(
    string ClientId,
    string CounterpartyChainId,
    ulong LatestHeight,
    Timestamp LatestTime,
    ImmutableSortedDictionary<string, byte[]> ValidatorKeys);
