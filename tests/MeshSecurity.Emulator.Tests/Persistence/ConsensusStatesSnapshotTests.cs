using System.Collections.Immutable;
using System.Text.Json;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Types;
using MeshSecurity.Emulator.Persistence;

namespace MeshSecurity.Emulator.Tests.Persistence;

/// <summary>
/// A light client's consensus states in a snapshot keep the bytes of the sorted map they replaced
/// (<see cref="ConsensusStates"/>), so snapshots written before read back and new ones are the same.
/// </summary>
public sealed class ConsensusStatesSnapshotTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    public void A_window_is_written_as_the_sorted_map_was_and_reads_back_equal(int count)
    {
        var map = ImmutableSortedDictionary<ulong, Timestamp>.Empty;
        var states = ConsensusStates.Empty;
        for (var i = 0; i < count + 3; i++)
        {
            var (height, time) = (10UL + 3UL * (ulong)i, Timestamp.FromSeconds(1_700_000_000UL + 6UL * (ulong)i));
            (map, states) = (map.Add(height, time), states.SetItem(height, time));
        }
        // the window starts past the buffer's first slots, as a pruned client's does
        for (var i = 0; i < 3 && count > 0; i++) (map, states) = (map.Remove(map.Keys.First()), states.WithoutOldest());

        var expected = JsonSerializer.Serialize(map, StateJson.Options);
        Assert.Equal(expected, JsonSerializer.Serialize(states, StateJson.Options));
        Assert.Equal(states, JsonSerializer.Deserialize<ConsensusStates>(expected, StateJson.Options));
    }
}
