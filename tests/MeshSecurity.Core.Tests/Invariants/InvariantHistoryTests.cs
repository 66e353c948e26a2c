using System.Collections.Immutable;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Contracts.Slasher;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Invariants;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Tests.Invariants;

/// <summary>
/// The catalogue's checks of what happened, fed transactions by hand: a packet's effect applied twice, a packet both
/// acknowledged and timed out, an ordered channel out of order, a panic (an injected crash excepted), an infraction
/// slashed twice, a slash short of its warranty; each named, on the chain and block of the transaction that showed it.
/// </summary>
public sealed class InvariantHistoryTests
{
    private static readonly IbcEndpoint A = new("wasm.provider", "channel-0"), B = new("wasm.consumer", "channel-0");
    private static readonly Timestamp T0 = Timestamp.FromSeconds(1_700_000_000);

    private static Event Packet(string type, ulong sequence) =>
        IbcEvents.Packet(type, new IbcPacket(A, B, sequence, [1], new IbcTimeout(null, T0.PlusSeconds(3600))));

    private static Event Wasm(string contract, params (string Key, string Value)[] attributes) =>
        new("wasm", [("_contract_address", contract), .. attributes]);

    private static TxResult Ok(params Event[] events) => new("tx", null, -1, [.. events], []);

    private static Event ErrorAck(string error)
    {
        var ack = Convert.ToHexStringLower(Acknowledgement.Failure(error).ToBytes());
        return Packet(IbcEvents.WriteAcknowledgement, 1).With(IbcEvents.AckHex, ack).With(IbcEvents.AckSuccess, "false");
    }

    private static Event Evidence(string slasher, string height) =>
        Wasm(slasher, (SlasherEvents.ActionKey, SlasherEvents.SubmitEvidence), (SlasherEvents.ValidatorKey, "junovaloper1v1"),
            (SlasherEvents.HeightKey, height));

    private static Event Slash(string amount, string slashable) =>
        Wasm("osmo1provider", (ProviderEvents.ActionKey, ProviderEvents.Slash), (ProviderEvents.ValidatorKey, "junovaloper1v1"),
            (ProviderEvents.PercentageKey, "0.05"), (ProviderEvents.AmountKey, amount), (ProviderEvents.SlashableKey, slashable));

    /// <summary>Transactions, each on (chain, height); the breaches expected as "invariant chain@height".</summary>
    public static TheoryData<string, (string Chain, ulong Height, TxResult Tx)[], string[]> Histories => new()
    {
        { "every packet once", [("juno", 5, Ok(Packet(IbcEvents.RecvPacket, 1), Packet(IbcEvents.RecvPacket, 2))),
            ("osmosis", 6, Ok(Packet(IbcEvents.AcknowledgePacket, 1), Packet(IbcEvents.TimeoutPacket, 2)))], [] },
        { "a receive applied twice", [("juno", 5, Ok(Packet(IbcEvents.RecvPacket, 1))), ("juno", 9, Ok(Packet(IbcEvents.RecvPacket, 1)))],
            [$"{MeshInvariants.ExactlyOnce} juno@9"] },
        { "an ack applied twice", [("osmosis", 5, Ok(Packet(IbcEvents.AcknowledgePacket, 1), Packet(IbcEvents.AcknowledgePacket, 1)))],
            [$"{MeshInvariants.ExactlyOnce} osmosis@5"] },
        { "acknowledged, then timed out",
            [("osmosis", 5, Ok(Packet(IbcEvents.AcknowledgePacket, 1))), ("osmosis", 8, Ok(Packet(IbcEvents.TimeoutPacket, 1)))],
            [$"{MeshInvariants.AckedAndTimedOut} osmosis@8"] },
        { "timed out, then acknowledged",
            [("osmosis", 5, Ok(Packet(IbcEvents.TimeoutPacket, 1))), ("osmosis", 8, Ok(Packet(IbcEvents.AcknowledgePacket, 1)))],
            [$"{MeshInvariants.AckedAndTimedOut} osmosis@8"] },
        { "a timeout applied twice",
            [("osmosis", 5, Ok(Packet(IbcEvents.TimeoutPacket, 1))), ("osmosis", 6, Ok(Packet(IbcEvents.TimeoutPacket, 1)))],
            [$"{MeshInvariants.ExactlyOnce} osmosis@6"] },
        { "the same sequence settled on two channels", [("osmosis", 5, Ok(Packet(IbcEvents.AcknowledgePacket, 1))),
            ("osmosis", 6, Ok(IbcEvents.Packet(IbcEvents.TimeoutPacket, new IbcPacket(B, A, 1, [1], new IbcTimeout(7, null)))))], [] },
        { "a panic fails a transaction", [("juno", 5, new TxResult("tx", new StdError.Panic("NullReferenceException: boom"), 0, [], []))],
            [$"{MeshInvariants.NoPanic} juno@5"] },
        { "an injected actor crash is no panic",
            [("juno", 5, new TxResult("tx", new StdError.Panic(MeshInvariants.CrashedActor(new Addr("juno1meta"))), 0, [], []))], [] },
        { "a domain error is no panic", [("juno", 5, new TxResult("tx", new StdError.Generic("refused"), 0, [], []))], [] },
        { "a panic answered with an error ack", [("juno", 5, Ok(ErrorAck(new StdError.Panic("KeyNotFoundException: x").ToString())))],
            [$"{MeshInvariants.NoPanic} juno@5"] },
        { "an error ack of a refusal", [("juno", 5, Ok(ErrorAck(new StdError.Generic("unknown validator").ToString())))], [] },
        { "one infraction slashed twice by one slasher",
            [("osmosis", 5, Ok(Evidence("osmo1slasher", "40"))), ("osmosis", 7, Ok(Evidence("osmo1slasher", "40")))],
            [$"{MeshInvariants.SlashedOnce} osmosis@7"] },
        { "one infraction slashed by two providers' slashers",
            [("osmosis", 5, Ok(Evidence("osmo1slasher", "40"), Evidence("osmo1other", "40")))], [] },
        { "two infractions", [("osmosis", 5, Ok(Evidence("osmo1slasher", "40"), Evidence("osmo1slasher", "41")))], [] },
        { "a slash short of its share", [("osmosis", 5, Ok(Slash("30", "1000")))], [$"{MeshInvariants.Warranty} osmosis@5"] },
        { "a slash of more than was slashable", [("osmosis", 5, Ok(Slash("1001", "1000")))], [$"{MeshInvariants.Warranty} osmosis@5"] },
        { "a slash of its share", [("osmosis", 5, Ok(Slash("50", "1000")))], [] },
    };

    [Theory]
    [MemberData(nameof(Histories))]
    public void Each_breach_is_named_on_the_chain_and_block_that_showed_it(string what, (string Chain, ulong Height, TxResult Tx)[] txs,
        string[] expected)
    {
        var history = new InvariantHistory();
        foreach (var (chain, height, tx) in txs) history.Observe(chain, height, T0.PlusSeconds(height * 5), tx);
        var found = history.Check(new MeshSnapshot([], [], []));
        var named = found.Select(v => $"{v.Invariant} {v.Chain}@{v.Height}");
        Assert.True(expected.SequenceEqual(named), $"{what}: {string.Join("; ", found)}");
        Assert.All(found, v => Assert.Equal(T0.PlusSeconds(v.Height * 5), v.Time));
        // what was handed over is not handed over again
        Assert.Empty(history.Check(new MeshSnapshot([], [], [])));
    }

    [Theory]
    [InlineData(IbcOrder.Ordered, true)]
    [InlineData(IbcOrder.Unordered, false)]
    public void A_receive_out_of_sequence_breaks_only_an_ordered_channel(IbcOrder order, bool breach)
    {
        var history = new InvariantHistory();
        history.Observe("juno", 5, T0, Ok(Packet(IbcEvents.RecvPacket, 1)));
        history.Observe("juno", 6, T0, Ok(Packet(IbcEvents.RecvPacket, 3), Packet(IbcEvents.RecvPacket, 2)));
        var juno = ChainState.Genesis(new ChainConfig { ChainId = "juno", AddressPrefix = "juno", BondDenom = "ujuno" });
        juno.WithIbc(juno.Ibc.SetChannel(new ChannelEnd(B, ChannelState.Open, order, A, "connection-0", "v1", 1, 4, 1)));

        var found = history.Check(new MeshSnapshot([juno], [], []));

        Assert.Equal(breach ? [$"{MeshInvariants.OrderedInOrder} juno@6: {B} received #3 after #1"] : [],
            found.Select(v => $"{v.Invariant} {v.Chain}@{v.Height}: {v.Detail}"));
    }

    [Fact]
    public void Injected_packets_are_not_judged_by_exactly_once()
    {
        var history = new InvariantHistory(injectedFrom: 1UL << 62);
        history.Observe("juno", 5, T0, Ok(Packet(IbcEvents.RecvPacket, 1UL << 62), Packet(IbcEvents.RecvPacket, 1UL << 62)));
        Assert.Empty(history.Check(new MeshSnapshot([], [], [])));
    }
}
