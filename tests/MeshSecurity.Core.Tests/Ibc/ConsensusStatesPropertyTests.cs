using System.Collections.Immutable;
using System.Text.Json;
using CsCheck;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Tests.Support;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Tests.IbcModule;

/// <summary>
/// A light client's consensus states as a window over a shared buffer (<see cref="ConsensusStates"/>), driven by random
/// updates (newer heights, mostly), writes at or below the newest height, drops of the oldest and continuations from
/// any earlier version (a rolled-back transaction's state going on), against the sorted tree it replaced. Every version
/// made equals its model at the end, so no later write on a shared buffer changed an older version.
/// </summary>
public sealed class ConsensusStatesPropertyTests
{
    private enum Op { Append, SetAny, DropOldest, Fork }

    private static readonly Gen<(Op Op, ulong Height, ulong Time, int Version)> Step = Gen.Select(
        Gen.Frequency((8, Gen.Const(Op.Append)), (2, Gen.Const(Op.SetAny)), (3, Gen.Const(Op.DropOldest)), (2, Gen.Const(Op.Fork))),
        Gen.ULong[0, 40], Gen.ULong[0, 1_000], Gen.Int[0, 1_000]);

    [Fact]
    public void Every_version_equals_the_sorted_tree_after_any_updates_drops_and_continuations_from_older_versions()
    {
        var seen = new int[4];
        Step.Array[1, 80].SampleSeeded(steps =>
        {
            var versions = new List<(ConsensusStates States, ImmutableSortedDictionary<ulong, Timestamp> Model)>
            {
                (ConsensusStates.Empty, ImmutableSortedDictionary<ulong, Timestamp>.Empty),
            };
            var (states, model) = versions[0];
            foreach (var (op, height, time, version) in steps)
            {
                seen[(int)op]++;
                switch (op)
                {
                    case Op.Append:
                        var next = (model.IsEmpty ? 0 : model.Keys.Last()) + 1 + height % 3;
                        (states, model) = (states.SetItem(next, new Timestamp(time)), model.SetItem(next, new Timestamp(time)));
                        break;
                    case Op.SetAny:
                        (states, model) = (states.SetItem(height, new Timestamp(time)), model.SetItem(height, new Timestamp(time)));
                        break;
                    case Op.DropOldest when !model.IsEmpty:
                        (states, model) = (states.WithoutOldest(), model.Remove(model.Keys.First()));
                        break;
                    case Op.Fork:
                        (states, model) = versions[version % versions.Count];
                        break;
                }
                versions.Add((states, model));
                Same(model, states);
            }
            foreach (var (s, m) in versions) Same(m, s);
        });
        Assert.All(seen, n => Assert.True(n > 0));
    }

    [Fact]
    public void Json_is_the_list_of_height_and_time_entries_and_reads_back_equal()
    {
        var states = ConsensusStates.Empty.SetItem(5, new Timestamp(7)).SetItem(9, new Timestamp(11)).WithoutOldest()
            .SetItem(12, new Timestamp(13));
        var json = JsonSerializer.Serialize(states, Wire.Options);
        Assert.Equal("[[9,\"11\"],[12,\"13\"]]", json);
        Assert.Equal(states, JsonSerializer.Deserialize<ConsensusStates>(json, Wire.Options));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ConsensusStates>("[[12,\"13\"],[9,\"11\"]]", Wire.Options));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ConsensusStates>("[[9,\"11\",1]]", Wire.Options));
    }

    private static void Same(ImmutableSortedDictionary<ulong, Timestamp> model, ConsensusStates states)
    {
        Assert.Equal(model.Count, states.Count);
        Assert.Equal(model.Select(kv => (kv.Key, kv.Value)), states.Select(kv => (kv.Key, kv.Value)));
        if (!model.IsEmpty) Assert.Equal((model.Keys.First(), model.Values.First()), states.Oldest);
        foreach (var h in (ulong[])[0, 1, 7, 20, 41, 80])
        {
            Assert.Equal(model.TryGetValue(h, out var t), states.TryGetValue(h, out var u));
            Assert.Equal(t, u);
        }
        foreach (var (h, t) in model) Assert.Equal(t, states[h]);
    }
}
