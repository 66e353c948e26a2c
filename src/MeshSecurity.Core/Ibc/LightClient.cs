using System.Collections.Immutable;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Ibc;

/// <summary>
/// This chain's light client of a counterparty: the headers it has accepted (height → time), the latest validator
/// set with consensus keys, its trusting period and max clock drift. Heights only move forward.
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

    /// <summary>
    /// How far past this chain's block time a header may be (ibc-go's max_clock_drift); null for a client created before
    /// the rule existed, which checks nothing.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public ulong? MaxClockDriftSeconds { get; init; }
}
