using System.Collections.Immutable;
using System.Text;
using CsCheck;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Staking;
using MeshSecurity.Core.Tests.Support;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Tests.Execution;

/// <summary>
/// The block hash chains journals and resumed runs together, so its bytes are a stored format: the streaming
/// implementation must hash exactly the binary layout BlockExecution.NextAppHash documents, whatever the block holds,
/// and two blocks that differ in any one field (an event's type, a key, a value, their order) must hash apart.
/// </summary>
public class AppHashTests
{
    /// <summary>The documented layout, written out naively into one buffer and hashed at once.</summary>
    private static string Reference(string previous, BlockResult block)
    {
        using var stream = new MemoryStream();
        using var w = new BinaryWriter(stream); // little-endian
        void Field(byte[] bytes)
        {
            w.Write((uint)bytes.Length);
            w.Write(bytes);
        }
        void Text(string s) => Field(Encoding.UTF8.GetBytes(s));
        void U128(UInt128 v)
        {
            w.Write((ulong)v);
            w.Write((ulong)(v >> 64));
        }
        void Coin(Coin c)
        {
            Text(c.Denom);
            U128(c.Amount.Value);
        }
        Text(previous);
        Text(block.ChainId);
        w.Write(block.Height);
        w.Write(block.Time.Nanos);
        w.Write((uint)block.TxResults.Length);
        foreach (var r in block.TxResults)
        {
            Text(r.TxId);
            w.Write(r.Error is null ? (byte)0 : (byte)1);
            if (r.Error is { } e) Text(e.ToString());
        }
        w.Write((uint)block.AllEvents.Count());
        foreach (var e in block.AllEvents)
        {
            Text(e.Type);
            w.Write((uint)e.Attributes.Length);
            foreach (var a in e.Attributes)
            {
                Text(a.Key);
                w.Write((byte)a.Value.Kind);
                var source = Sources[a.Value.ToString() + "|" + a.Value.Kind];
                switch (source)
                {
                    case string s: Text(s); break;
                    case Amount x: U128(x.Value); break;
                    case ulong u: w.Write(u); break;
                    case long l: w.Write(l); break;
                    case bool b: w.Write(b ? (byte)1 : (byte)0); break;
                    case Dec d: U128(d.Atomics); break;
                    case Coin c: Coin(c); break;
                    case Coins cs:
                        w.Write((uint)cs.Count);
                        foreach (var c in cs) Coin(c);
                        break;
                    case byte[] bytes: Field(bytes); break;
                }
            }
        }
        w.Flush();
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream.ToArray()));
    }

    // what each generated value was made from, by its text and kind (equal text and kind means an equal source)
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, object> Sources = new();

    private static AttributeValue Remember(object source)
    {
        var v = AttributeGens.ValueOf(source);
        Sources[v.ToString() + "|" + v.Kind] = source;
        return v;
    }

    private static BlockResult Block(string chain, ulong height, ulong nanos, IEnumerable<TxResult> txs, IEnumerable<Event> begin) =>
        new(chain, height, new Timestamp(nanos), [.. txs], [.. begin], [], [], ValidatorSetUpdate.Empty, "");

    // text with ASCII, accents, CJK, emoji (4-byte UTF-8) and a lone surrogate (UTF-8 writes it as U+FFFD in both)
    // the long ones straddle the writer's 64 KiB buffer: 'é' is 2 bytes, so ~21,850 of them are where its worst-case
    // size check flips; they are rare so a block stays small
    private static readonly Gen<string> Text = Gen.Frequency(
        (20, Gen.String[Gen.Char.AlphaNumeric, 0, 40]),
        (20, Gen.String[Gen.Char['\u0000', '\u07ff'], 0, 40]),
        (5, Gen.Const("juno1validatorß✓€ 漢字 😀 \ud800 end")),
        (1, Gen.Int[21_840, 21_860].Select(n => new string('é', n))),
        (1, Gen.Int[60_000, 70_000].Select(n => new string('x', n))));

    private static readonly Gen<object> Values = Gen.Frequency((3, AttributeGens.Sources), (1, Text.Select(t => (object)t)));

    private static readonly Gen<Event> Events = Gen.Select(Text, Gen.Select(Text, Values).Array[0, 6],
        (type, attrs) => new Event(type, [.. attrs.Select(a => new EventAttribute(a.Item1, Remember(a.Item2)))]));

    private static readonly Gen<TxResult> Txs = Gen.Select(Text, Gen.Bool, Events.Array[0, 8],
        (id, ok, events) => new TxResult(id, ok ? null : new StdError.Generic("failed: " + id), ok ? -1 : 0, [.. events], []));

    private static readonly Gen<BlockResult> Blocks = Gen.Select(Text, Gen.ULong, Gen.ULong, Txs.Array[0, 12], Events.Array[0, 5])
        .Select(t => Block(t.Item1, t.Item2, t.Item3, t.Item4, t.Item5));

    [Fact]
    public void The_streamed_hash_equals_the_documented_layout_for_any_block()
    {
        Blocks.SampleSeeded(block => Assert.Equal(Reference("prev", block), BlockExecution.NextAppHash("prev", block)), iter: 300);
    }

    [Fact]
    public void A_block_of_many_events_spanning_many_buffers_hashes_like_the_reference()
    {
        var events = Enumerable.Range(0, 20_000).Select(i => new Event("transfer",
            ("recipient", Remember($"juno1{i:x8}")), ("sender", Remember("osmo1sender")),
            ("amount", Remember(Coins.Of("ujuno", new Amount((ulong)i)))), ("height", Remember((ulong)i)))).ToList();
        events.Add(new Event("big", ("data", Remember(new byte[70_000])), ("text", Remember(new string('é', 40_000)))));
        var block = Block("juno", ulong.MaxValue, ulong.MaxValue, [new TxResult("big", null, -1, [.. events], [])], []);
        Assert.Equal(Reference(new string('a', 64), block), BlockExecution.NextAppHash(new string('a', 64), block));
    }

    [Fact]
    public void An_empty_block_has_a_hash_of_its_own_that_chains_the_previous_one()
    {
        var block = Block("osmosis", 1, 6_000_000_000, [], []);
        var a = BlockExecution.NextAppHash("x", block);
        Assert.Equal(Reference("x", block), a);
        Assert.NotEqual(a, BlockExecution.NextAppHash("y", block));
        Assert.Equal(64, a.Length);
    }

    /// <summary>One change to one event of a block: its type, a key, a value, the order of two attributes or of two events.</summary>
    private static readonly Gen<Func<BlockResult, BlockResult?>> Changes = Gen.OneOf(
        Gen.Const<Func<BlockResult, BlockResult?>>(b => Edit(b, e => e with { Type = e.Type + "x" })),
        Gen.Const<Func<BlockResult, BlockResult?>>(b => EditAttribute(b, a => a with { Key = a.Key + "x" })),
        AttributeGens.Sources.Select<object, Func<BlockResult, BlockResult?>>(
            s => b => EditAttribute(b, a => a with { Value = Remember(s) })),
        Gen.Const<Func<BlockResult, BlockResult?>>(b => EditAttribute(b, a => a with { Value = a.Value.ToString() })),
        Gen.Const<Func<BlockResult, BlockResult?>>(b => Edit(b, e => e.Attributes.Length < 2 ? e
            : e with { Attributes = [e.Attributes[1], e.Attributes[0], .. e.Attributes[2..]] })),
        Gen.Const<Func<BlockResult, BlockResult?>>(b => b.BeginBlockEvents.Length < 2 ? null
            : b with { BeginBlockEvents = [b.BeginBlockEvents[1], b.BeginBlockEvents[0], .. b.BeginBlockEvents[2..]] }));

    private static BlockResult? Edit(BlockResult b, Func<Event, Event> edit) =>
        b.BeginBlockEvents.IsEmpty ? null : b with { BeginBlockEvents = b.BeginBlockEvents.SetItem(0, edit(b.BeginBlockEvents[0])) };

    private static BlockResult? EditAttribute(BlockResult b, Func<EventAttribute, EventAttribute> edit) =>
        b.BeginBlockEvents.IsEmpty || b.BeginBlockEvents[0].Attributes.IsEmpty ? null
            : Edit(b, e => e with { Attributes = e.Attributes.SetItem(0, edit(e.Attributes[0])) });

    [Fact]
    public void Blocks_that_differ_in_one_field_hash_apart_and_equal_blocks_hash_alike()
    {
        var changed = 0;
        Gen.Select(Blocks, Changes).SampleSeeded((block, change) =>
        {
            var copy = Block(block.ChainId, block.Height, block.Time.Nanos, block.TxResults.Select(Copy),
                block.BeginBlockEvents.Select(e => e with { Attributes = [.. e.Attributes] }));
            Assert.Equal(BlockExecution.NextAppHash("p", block), BlockExecution.NextAppHash("p", copy));
            if (change(block) is not { } other || Same(block, other)) return;
            changed++;
            Assert.NotEqual(BlockExecution.NextAppHash("p", block), BlockExecution.NextAppHash("p", other));
        }, iter: 200);
        Assert.True(changed > 100, $"only {changed} of 200 cases changed a block");
    }

    private static TxResult Copy(TxResult r) => r with { Events = [.. r.Events.Select(e => e with { Attributes = [.. e.Attributes] })] };

    /// <summary>The same events with the same typed values (a swap of two equal attributes, say, changes nothing).</summary>
    private static bool Same(BlockResult a, BlockResult b) =>
        a.BeginBlockEvents.Length == b.BeginBlockEvents.Length
        && a.BeginBlockEvents.Zip(b.BeginBlockEvents).All(p => p.First.Type == p.Second.Type
            && p.First.Attributes.SequenceEqual(p.Second.Attributes, KindAndValue.Instance));

    private sealed class KindAndValue : IEqualityComparer<EventAttribute>
    {
        public static readonly KindAndValue Instance = new();
        public bool Equals(EventAttribute x, EventAttribute y) => x.Key == y.Key && x.Value.Kind == y.Value.Kind && x.Value == y.Value;
        public int GetHashCode(EventAttribute a) => a.Key.GetHashCode(StringComparison.Ordinal);
    }
}
