using System.Collections.Immutable;
using CsCheck;
using MeshSecurity.Core.State;
using MeshSecurity.Core.Tests.Support;

namespace MeshSecurity.Core.Tests.State;

/// <summary>
/// <see cref="VersionedMap{TKey, TValue}"/> against <see cref="ImmutableSortedDictionary{TKey, TValue}"/>: random writes
/// to random versions (the newest, or any older one, as a rolled-back scope's state is written again) keep every
/// version ever made equal to its immutable twin, in content, count, look-ups and order.
/// </summary>
public sealed class VersionedMapPropertyTests
{
    private enum Op { Set, Remove, Read }

    private static readonly Gen<(Op Op, int Version, int Key, int Value)> Step = Gen.Select(
        Gen.Frequency((6, Gen.Const(Op.Set)), (3, Gen.Const(Op.Remove)), (2, Gen.Const(Op.Read))),
        Gen.Int[0, 1000], Gen.Int[0, 9], Gen.Int[0, 3]);

    [Fact]
    public void Every_version_equals_its_immutable_twin_after_writes_to_any_version()
    {
        var seen = new int[3];
        var reroots = 0;
        Step.Array[1, 80].SampleSeeded(steps =>
        {
            var versions = new List<(VersionedMap<int, int> Map, ImmutableSortedDictionary<int, int> Model)>
            {
                (VersionedMap<int, int>.Create(), ImmutableSortedDictionary<int, int>.Empty),
            };
            foreach (var (op, pick, key, value) in steps)
            {
                seen[(int)op]++;
                // mostly the newest version (a transaction going on), else any older one (a rollback written again)
                var at = pick < 600 ? versions.Count - 1 : pick % versions.Count;
                var (map, model) = versions[at];
                if (at != versions.Count - 1 && op != Op.Read) reroots++;
                switch (op)
                {
                    case Op.Set:
                        var set = map.SetItem(key, value);
                        Assert.Equal(ReferenceEquals(set, map), model.TryGetValue(key, out var had) && had == value);
                        versions.Add((set, model.SetItem(key, value)));
                        break;
                    case Op.Remove:
                        var removed = map.Remove(key);
                        Assert.Equal(ReferenceEquals(removed, map), !model.ContainsKey(key));
                        versions.Add((removed, model.Remove(key)));
                        break;
                    case Op.Read:
                        Assert.Equal(model.TryGetValue(key, out var expected), map.TryGetValue(key, out var actual));
                        Assert.Equal(expected, actual);
                        break;
                }
                AssertSame(model, map);
                AssertSame(versions[^1].Model, versions[^1].Map);
            }
            // last, every version ever made, oldest first: each read of an entry list reroots the map to it
            foreach (var (m, twin) in versions) AssertSame(twin, m);
        }, iter: 1500);
        Assert.All(seen, n => Assert.True(n > 0));
        Assert.True(reroots > 100, $"only {reroots} writes to an older version");
    }

    [Fact]
    public void A_version_read_on_another_thread_while_its_map_is_written_keeps_its_entries()
    {
        var committed = VersionedMap<int, int>.Create();
        for (var i = 0; i < 100; i++) committed = committed.SetItem(i, i);
        var expected = committed.ToImmutable();
        // the writer moves the shared dictionary on; the reader walks back to its version under the same lock
        var written = 0;
        var writer = new Thread(() =>
        {
            var working = committed;
            for (var i = 0; i < 20_000; i++) working = working.SetItem(i % 150, -i);
            written = working.Count;
        });
        writer.Start();
        var reads = 0;
        while (writer.IsAlive || reads == 0)
        {
            Assert.True(committed.TryGetValue(reads % 100, out var v) && v == reads % 100);
            Assert.False(committed.ContainsKey(120));
            reads++;
        }
        writer.Join();
        Assert.Equal(150, written);
        Assert.Equal(expected, committed.ToImmutable());
    }

    [Fact]
    public void Two_maps_made_apart_share_nothing()
    {
        var a = VersionedMap<string, int>.Create(StringComparer.Ordinal).SetItem("x", 1);
        var b = VersionedMap<string, int>.Create(StringComparer.Ordinal).SetItem("x", 2);
        Assert.Equal(1, a["x"]);
        Assert.Equal(2, b["x"]);
        Assert.Equal([new("x", 1)], a.ToImmutable());
        Assert.Throws<KeyNotFoundException>(() => a["y"]);
    }

    private static void AssertSame(ImmutableSortedDictionary<int, int> twin, VersionedMap<int, int> map)
    {
        Assert.Equal(twin.Count, map.Count);
        Assert.Equal(twin.IsEmpty, map.IsEmpty);
        for (var k = 0; k < 10; k++)
        {
            Assert.Equal(twin.ContainsKey(k), map.ContainsKey(k));
            Assert.Equal(twin.GetValueOrDefault(k, -1), map.GetValueOrDefault(k, -1));
        }
        Assert.Equal(twin, map.Entries());
    }
}
