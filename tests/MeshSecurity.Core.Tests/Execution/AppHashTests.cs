using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using CsCheck;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Staking;
using MeshSecurity.Core.Tests.Support;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Tests.Execution;

/// <summary>
/// The block hash chains journals and resumed runs together, so its bytes are a stored format: the streaming
/// implementation must hash exactly the text the first one hashed, line by line, whatever the block holds.
/// </summary>
public class AppHashTests
{
    /// <summary>The first implementation, kept as the definition: one UTF-8 line per item, hashed in order.</summary>
    private static string Reference(string previous, BlockResult block)
    {
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string s) => h.AppendData(Encoding.UTF8.GetBytes(s + "\n"));
        Add(previous);
        Add($"{block.ChainId}|{block.Height}|{block.Time.Nanos}");
        foreach (var r in block.TxResults) Add($"tx|{r.TxId}|{r.Error?.ToString() ?? "ok"}");
        foreach (var e in block.AllEvents) Add($"{e.Type}{{{string.Join(", ", e.Attributes.Select(a => $"{a.Key}={a.Value}"))}}}");
        return Convert.ToHexStringLower(h.GetHashAndReset());
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

    private static readonly Gen<Event> Events = Gen.Select(Text, Gen.Select(Text, Text).Array[0, 6],
        (type, attrs) => new Event(type, [.. attrs.Select(a => new EventAttribute(a.Item1, a.Item2))]));

    private static readonly Gen<TxResult> Txs = Gen.Select(Text, Gen.Bool, Events.Array[0, 8],
        (id, ok, events) => new TxResult(id, ok ? null : new StdError.Generic("failed: " + id), ok ? -1 : 0, [.. events], []));

    [Fact]
    public void The_streamed_hash_equals_the_line_by_line_hash_for_any_block()
    {
        Gen.Select(Text, Gen.ULong, Gen.ULong, Txs.Array[0, 12], Events.Array[0, 5]).SampleSeeded(t =>
        {
            var (chain, height, nanos, txs, begin) = t;
            var block = Block(chain, height, nanos, txs, begin);
            Assert.Equal(Reference("prev", block), BlockExecution.NextAppHash("prev", block));
        }, iter: 300);
    }

    [Fact]
    public void A_block_of_many_events_spanning_many_buffers_hashes_like_the_reference()
    {
        var events = Enumerable.Range(0, 20_000).Select(i => new Event("transfer",
            ("recipient", $"juno1{i:x8}"), ("sender", "osmo1sender"), ("amount", $"{i}ujuno"))).ToImmutableArray();
        var block = Block("juno", ulong.MaxValue, ulong.MaxValue, [new TxResult("big", null, -1, events, [])], []);
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
}
