using System.Collections.Immutable;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Ibc;

/// <summary>
/// This chain's light client of a counterparty: the headers it has accepted (height → time), the latest validator
/// set with consensus keys, and its trusting period. Heights only move forward.
/// </summary>
public sealed record LightClient(
    string ClientId,
    string CounterpartyChainId,
    ulong LatestHeight,
    Timestamp LatestTime,
    ConsensusStates ConsensusStates,
    ImmutableSortedDictionary<string, byte[]> ValidatorKeys,
    ulong TrustingPeriodSeconds)
{
    /// <summary>
    /// Frozen (expired, or by misbehaviour): it accepts no header and no proof verifies against it, until governance
    /// recovers it with a fresh header of the counterparty (ibc-go's MsgRecoverClient).
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool Frozen { get; init; }
}
