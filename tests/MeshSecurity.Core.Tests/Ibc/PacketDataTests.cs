using CsCheck;
using MeshSecurity.Core.Tests.Support;
using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Tests.IbcModule;

/// <summary>
/// A packet sent in this process keeps the value its data was encoded from, so its receiver and the sender's ack do
/// not decode it again (docs/bench.md, session 20); a packet from the journal or the wire has only its bytes. Either
/// way a contract must read the same packet.
/// </summary>
public class PacketDataTests
{
    private static readonly Gen<ProviderPacket> ProviderPackets = Gen.OneOf<ProviderPacket>(
        Gen.Const<ProviderPacket>(new ProviderPacket.ListValidators()),
        Gen.Select(Gen.String[Gen.Char.AlphaNumeric, 1, 20], Gen.ULong, Gen.String[Gen.Char.AlphaNumeric, 0, 20],
            (v, a, k) => (ProviderPacket)new ProviderPacket.Stake(v, (Amount)a, k)),
        Gen.Select(Gen.String[Gen.Char.AlphaNumeric, 1, 20], Gen.ULong,
            (v, a) => (ProviderPacket)new ProviderPacket.Burn(v, (Amount)a)));

    private static IbcPacket Sent(CosmosMsg.IbcSendPacket m) =>
        new(new IbcEndpoint("wasm.p", "channel-0"), new IbcEndpoint("wasm.c", "channel-1"), 1, m.Data, m.Timeout) { Decoded = m.Decoded };

    [Fact]
    public void A_packet_sent_in_this_process_is_read_as_the_value_it_was_sent_as() =>
        ProviderPackets.SampleSeeded(value =>
        {
            var packet = Sent(CosmosMsg.IbcSendPacket.Of(value: value, channelId: "channel-0", timeout: IbcTimeout.AtHeight(10)));
            Assert.Same(value, packet.DataAs<ProviderPacket>());
        });

    [Fact]
    public void A_packet_with_only_its_bytes_reads_the_same_value() =>
        ProviderPackets.SampleSeeded(value =>
        {
            var sent = Sent(CosmosMsg.IbcSendPacket.Of(value: value, channelId: "channel-0", timeout: IbcTimeout.AtHeight(10)));
            var fromJournal = sent with { Decoded = null };
            Assert.Equal(value, fromJournal.DataAs<ProviderPacket>());
            Assert.Equal(sent, fromJournal);
        });

    [Fact]
    public void A_packet_read_as_another_family_is_decoded_and_refused_as_before()
    {
        var sent = Sent(CosmosMsg.IbcSendPacket.Of<ProviderPacket>("channel-0", new ProviderPacket.ListValidators(), IbcTimeout.AtHeight(10)));
        Assert.ThrowsAny<Exception>(() => sent.DataAs<ConsumerPacket>());
    }

    [Fact]
    public void The_kept_value_is_in_no_equality_or_text_of_the_message()
    {
        var data = Wire.Encode<ProviderPacket>(new ProviderPacket.ListValidators());
        var plain = new CosmosMsg.IbcSendPacket("channel-0", data, IbcTimeout.AtHeight(10));
        var typed = CosmosMsg.IbcSendPacket.Of<ProviderPacket>("channel-0", new ProviderPacket.ListValidators(), IbcTimeout.AtHeight(10));
        Assert.Equal(plain, typed with { Data = data });
        Assert.Equal(plain.GetHashCode(), (typed with { Data = data }).GetHashCode());
        Assert.Equal(Wire.ToJson(plain), Wire.ToJson(typed));
        Assert.DoesNotContain("Decoded", typed.ToString());
    }
}
