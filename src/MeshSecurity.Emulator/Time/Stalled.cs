using System.Collections.Immutable;
using MeshSecurity.Emulator.Protocol;

namespace MeshSecurity.Emulator.Time;

/// <summary>
/// A node clock has waited too long for entities of the current window (empty: it no longer waits); it re-sent their
/// message. The run shows who and since when.
/// </summary>
public sealed record Stalled(long Window, ImmutableArray<string> Waiting, DateTimeOffset Since) : IMeshProtocolMember
{
    /// <summary>Set when the node clock gave up re-sending (<see cref="ClockSettings.MaxResends"/>): which message, to whom.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? GaveUp { get; init; }
}
