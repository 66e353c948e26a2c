using System.Collections.Immutable;
using CsCheck;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Relaying;
using MeshSecurity.Core.Staking;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Tests.RelayerMachine;

/// <summary>
/// The chain cuts a block's digests for all its observers in one pass (<see cref="BlockDigest.ForObservers"/>, matching
/// each event's end against the observers' ends in place since session 18): every observer must get exactly the digest
/// the one-observer cut (<see cref="BlockDigest.Of"/>) gives it, and the observers come in the order they were given.
/// </summary>
public class BlockDigestTests
{
    private static readonly IbcEndpoint[] Ends =
        [new("wasm.a", "channel-0"), new("wasm.a", "channel-1"), new("transfer", "channel-0"), new("wasm.b", "channel-7")];

    private static readonly Gen<IbcPacket> Packets = Gen.Select(Gen.Int[0, Ends.Length - 1], Gen.Int[0, Ends.Length - 1],
        Gen.ULong[1, 50], (from, to, sequence) =>
            // copies of the ends' strings: the match must go by value, not by the strings' identity
            new IbcPacket(Copy(Ends[from]), Copy(Ends[to]), sequence, [1, 2], new IbcTimeout(null, new Timestamp(9))));

    private static readonly Gen<Event> Events = Gen.Select(Gen.Int[0, 5], Packets, Gen.Byte.Array[0, 3], (kind, p, ack) => kind switch
    {
        0 => IbcEvents.Packet(IbcEvents.SendPacket, p),
        1 => IbcEvents.Packet(IbcEvents.RecvPacket, p),
        2 => IbcEvents.WriteAck(p, ack, ack.Length > 0),
        3 => IbcEvents.Acknowledge(p, true),
        4 => IbcEvents.Packet(IbcEvents.TimeoutPacket, p),
        _ => new Event("transfer", ("amount", "5")),
    });

    private static readonly Gen<TxResult> Txs = Gen.Select(Gen.Int[0, 6], Events.Array[0, 4], Gen.Int[0, 2].Array[0, 3],
        (id, events, data) => new TxResult($"tx-{id}", null, -1, [.. events],
            [.. data.Select(d => d switch { 0 => "ok", 1 => (object?)null, _ => 7 })]));

    private static readonly Gen<BlockResult> Blocks = Gen.Select(Txs.Array[0, 5], Events.Array[0, 3], Events.Array[0, 3], Gen.Bool,
        (txs, begin, end, skew) => new BlockResult("c-1", 12, new Timestamp(1_000), [.. txs], [.. begin], [.. end], [],
            ValidatorSetUpdate.Empty, "") { MadeAt = skew ? new Timestamp(990) : null });

    // observer names out of order on purpose, some without an end (not known yet) and two on the same end
    private static readonly Gen<SortedDictionary<string, IbcEndpoint?>> Observers =
        Gen.Int[-1, Ends.Length - 1].Array[0, 6].Select(picks =>
        {
            var observers = new SortedDictionary<string, IbcEndpoint?>(StringComparer.Ordinal);
            for (var i = 0; i < picks.Length; i++) observers[$"path-{(i * 7) % 10}"] = picks[i] < 0 ? null : Ends[picks[i]];
            return observers;
        });

    // who submitted which transaction id: observers, and a name no observer has
    private static readonly Gen<Dictionary<string, string>> Submitters = Gen.Int[0, 10].Array[7].Select(who =>
        Enumerable.Range(0, who.Length).ToDictionary(i => $"tx-{i}", i => who[i] == 10 ? "someone" : $"path-{who[i]}"));

    [Fact]
    public void Each_observer_gets_what_the_one_observer_cut_gives_it() =>
        Gen.Select(Blocks, Observers, Submitters).Sample((block, observers, submitters) =>
        {
            var header = new ClientHeader("c-1", 12, new Timestamp(1_000), ImmutableSortedDictionary<string, byte[]>.Empty);
            var next = new Timestamp(7_000);
            var all = BlockDigest.ForObservers(block, header, observers, submitters, next);
            Assert.Equal(observers.Keys, all.Select(d => d.Observer));
            foreach (var (observer, digest) in all)
            {
                var one = BlockDigest.Of(block, header, observers[observer],
                    tx => submitters.TryGetValue(tx.TxId, out var who) && who == observer) with { NextBlockAt = next };
                Assert.Equal(Describe(one), Describe(digest));
            }
        }, iter: 500);

    private static IbcEndpoint Copy(IbcEndpoint e) => new(new string(e.PortId.AsSpan()), new string(e.ChannelId.AsSpan()));

    private static string Describe(BlockDigest d) => string.Join("; ",
        [
            $"{d.ChainId} {d.Height} {d.Header.Height} {d.MadeAt?.Nanos} {d.NextBlockAt?.Nanos}",
            .. d.Events.Select(e => $"{e.Kind} {e.Packet?.Source} {e.Packet?.Destination} {e.Packet?.Sequence} " +
                Convert.ToHexString(e.Ack ?? [])),
            .. d.Outcomes.Select(o => $"{o.TxId} {o.Error} [{string.Join(",", o.Data)}]"),
        ]);
}
