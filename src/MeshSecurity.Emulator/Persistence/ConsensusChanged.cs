using System.Text.Json.Serialization;

namespace MeshSecurity.Emulator.Persistence;

/// <summary>
/// From the block after <paramref name="Height"/>, the validators in <paramref name="Offline"/> do not sign (a downtime
/// fault) and those in <paramref name="Tombstone"/> are tombstoned at that block: written before that block, so a chain
/// re-executing its journal gives its empty blocks the same commits and times.
/// </summary>
public sealed record ConsensusChanged(ulong Height, IReadOnlyList<string> Offline, IReadOnlyList<string> Tombstone) : IJournalRecord
{
    /// <summary>The time between blocks from then on (0: the chain's configured block time).</summary>
    public ulong BlockNanos { get; init; }

    /// <summary>How far ahead (positive) or behind the instant the validators' clocks are from then on (0: on time).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long ClockOffsetNanos { get; init; }

    /// <summary>A one-off jump forward of the clocks at the next block (0: none).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public ulong ClockJumpNanos { get; init; }
}
