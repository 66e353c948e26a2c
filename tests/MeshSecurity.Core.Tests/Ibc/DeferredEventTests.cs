using CsCheck;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Staking;
using MeshSecurity.Core.Tests.Support;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Tests.IbcModule;

/// <summary>
/// A packet event reads its eight packet attributes from its packet, and a contract's event shares the contract's
/// attributes after its address, and a module's typed event (a transfer, a delegation) reads them from its fields; each
/// makes its array only when asked for (docs/bench.md, sessions 16 and 21): its app hash,
/// look-ups, count and array must be exactly those of the same event built with every attribute written out (as
/// ibc-go and wasmd name them), in its order and with the same typed values.
/// </summary>
public class DeferredEventTests
{
    private static readonly Gen<ulong?> Maybe = Gen.Select(Gen.Bool, Gen.ULong, (some, v) => some ? v : (ulong?)null);

    private static readonly Gen<IbcPacket> Packets = Gen.Select(
        Gen.String[Gen.Char.AlphaNumeric, 1, 12].Array[4],
        Gen.ULong,
        Gen.Byte.Array[0, 40],
        Maybe,
        Maybe,
        (ids, sequence, data, height, nanos) => new IbcPacket(new IbcEndpoint(ids[0], ids[1]), new IbcEndpoint(ids[2], ids[3]),
            sequence, data, new IbcTimeout(height, nanos is { } n ? new Timestamp(n) : null)));

    /// <summary>The event written out attribute by attribute, as it was before packet events read their packet.</summary>
    private static Event WrittenOut(string type, IbcPacket p, params (string Key, AttributeValue Value)[] extras) => new(type,
    [
        ("packet_src_port", p.Source.PortId),
        ("packet_src_channel", p.Source.ChannelId),
        ("packet_dst_port", p.Destination.PortId),
        ("packet_dst_channel", p.Destination.ChannelId),
        ("packet_sequence", p.Sequence),
        ("packet_timeout_height", p.Timeout.Height ?? 0UL),
        ("packet_timeout_timestamp", p.Timeout.Time?.Nanos ?? 0UL),
        ("packet_data_hex", AttributeValue.Hex(p.Data)),
        .. extras,
    ]);

    private static string HashOf(Event e) => BlockExecution.NextAppHash("p",
        new BlockResult("juno", 7, new Timestamp(42), [new TxResult("t", null, -1, [e], [])], [], [], [], ValidatorSetUpdate.Empty, ""));

    internal static void AssertSame(Func<Event> make, Event expected)
    {
        // each check on a fresh event: the first read of Attributes turns it into a plain one
        Assert.Equal(HashOf(expected), HashOf(make()));
        Assert.Equal(expected.Attributes.Length, make().AttributeCount);
        foreach (var a in expected.Attributes)
        {
            var got = make().ValueOf(a.Key);
            Assert.True(got is { } v && v.Kind == a.Value.Kind && v == a.Value, $"{a.Key}: {got} against {a.Value}");
        }
        var made = make();
        Assert.Equal(expected, made);
        Assert.Equal(expected.Attributes.Select(a => (a.Key, a.Value.Kind, a.Value.ToString())),
            made.Attributes.Select(a => (a.Key, a.Value.Kind, a.Value.ToString())));
        Assert.Equal(HashOf(expected), HashOf(made));
    }

    [Fact]
    public void A_packet_event_hashes_reads_and_lists_as_its_attributes_written_out()
    {
        Gen.Select(Packets, Gen.Byte.Array[0, 20], Gen.Bool).SampleSeeded((p, ack, success) =>
        {
            AssertSame(() => IbcEvents.Packet(IbcEvents.SendPacket, p), WrittenOut(IbcEvents.SendPacket, p));
            AssertSame(() => IbcEvents.WriteAck(p, ack, success), WrittenOut(IbcEvents.WriteAcknowledgement, p,
                (IbcEvents.AckHex, AttributeValue.Hex(ack)), (IbcEvents.AckSuccess, success)));
            AssertSame(() => IbcEvents.Acknowledge(p, success),
                WrittenOut(IbcEvents.AcknowledgePacket, p, (IbcEvents.AckSuccess, success)));
        }, iter: 200);
    }

    private static readonly Gen<EventAttribute[]> ContractAttributes = Gen.Select(Gen.String[Gen.Char.AlphaNumeric, 1, 10],
        AttributeGens.Sources, (k, v) => new EventAttribute(k, AttributeGens.ValueOf(v))).Array[0, 6];

    [Fact]
    public void A_contract_event_hashes_reads_and_lists_as_its_address_then_its_attributes_written_out()
    {
        Gen.Select(Gen.String[Gen.Char.AlphaNumeric, 1, 30], ContractAttributes).SampleSeeded((address, attributes) =>
        {
            var contract = new Addr(address);
            AssertSame(() => new Event("wasm-x", contract, attributes, attributes.Length),
                new Event("wasm-x", [new EventAttribute("_contract_address", address), .. attributes]));
            // a response's array has room to spare after its attributes: the event reads only the attributes
            var roomy = new EventAttribute[attributes.Length + 3];
            attributes.CopyTo(roomy, 0);
            roomy[^1] = new EventAttribute("spare", "never read");
            AssertSame(() => new Event("wasm-x", contract, roomy, attributes.Length),
                new Event("wasm-x", [new EventAttribute("_contract_address", address), .. attributes]));
        }, iter: 200);
    }

    private static readonly Gen<Addr> Addresses = Gen.String[Gen.Char.AlphaNumeric, 1, 30].Select(a => new Addr(a));

    [Fact]
    public void A_modules_typed_event_hashes_reads_and_lists_as_its_attributes_written_out()
    {
        Gen.Select(Addresses, Addresses, AttributeGens.CoinSets, AttributeGens.Decs).SampleSeeded(t =>
        {
            var (a, b, coins, shares) = t;
            AssertSame(() => Core.Bank.TransferFields.Event(a, b, coins),
                new Event("transfer", ("sender", a.Value), ("recipient", b.Value), ("amount", coins)));
            var bond = coins.ToString();
            AssertSame(() => DelegateFields.Event(a, b, bond, shares), new Event(StakingEvents.Delegate,
                (StakingEvents.ValidatorKey, a.Value), (StakingEvents.DelegatorKey, b.Value), (StakingEvents.AmountKey, bond),
                (StakingEvents.NewSharesKey, shares)));
            // an execute event is a contract's event with no attributes of its own
            AssertSame(() => new Event("execute", a, [], 0),
                new Event("execute", ("_contract_address", a.Value)));
        }, iter: 200);
    }

    [Fact]
    public void A_packet_event_keeps_its_packet_and_an_edit_of_it_its_attributes()
    {
        var p = new IbcPacket(new IbcEndpoint("wasm.a", "channel-0"), new IbcEndpoint("wasm.b", "channel-1"), 3, [1, 2],
            new IbcTimeout(null, new Timestamp(9)));
        var e = IbcEvents.Acknowledge(p, success: true);
        Assert.Same(p, e.Packet);
        var renamed = e with { Type = "x" };
        Assert.Equal(9, renamed.AttributeCount);
        Assert.Equal("9", renamed.Get("packet_timeout_timestamp"));
        var more = e.With("extra", "v");
        Assert.Equal(10, more.Attributes.Length);
        Assert.Equal("v", more.Get("extra"));
        Assert.Equal("true", more.Get(IbcEvents.AckSuccess));
    }
}
