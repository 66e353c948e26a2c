using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Contracts.Consumer;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using static MeshSecurity.Core.Tests.Contracts.Consumer.ConsumerFixture;

namespace MeshSecurity.Core.Tests.Contracts.Consumer;

public sealed class ConsumerValsetTests
{
    private readonly ConsumerFixture _f = new();

    private static ChainHook.ValidatorSetChanged Change(string[]? added = null, string[]? removed = null, string[]? jailed = null) =>
        new([.. added ?? []], [.. removed ?? []], [.. jailed ?? []], [], [], []);

    private Response Hook(ChainHook hook) => _f.H.Ok(new ContractCall.Sudo(hook));

    [Fact]
    public void A_validator_set_change_is_sent_to_the_provider_as_update_validators()
    {
        var response = Hook(Change(added: ["testvaloper1new"], removed: [Validator2], jailed: [Validator]));
        var packet = _f.Sent(response);
        Assert.Equal(Channel, packet.Source.ChannelId);
        var sent = Assert.IsType<ConsumerPacket.UpdateValidators>(Wire.Decode<ConsumerPacket>(packet.Data));
        Assert.Equal(["testvaloper1new"], sent.Added.ToArray());
        Assert.Equal([Validator2], sent.Removed.ToArray());
        Assert.Equal([Validator], sent.Jailed.ToArray());
        Assert.Empty(sent.Unjailed);
        Assert.Empty(sent.Tombstoned);
        Assert.Empty(sent.Slashed);
        Assert.Equal((_f.H.Height, _f.H.Time), (sent.Height, sent.Time));
        Assert.Equal(IbcTimeout.AtTime(_f.H.Time.PlusSeconds(3600)), packet.Timeout);
    }

    [Fact]
    public void A_blocks_slash_travels_in_the_same_update_as_its_jail_and_a_slash_alone_sends_one_too()
    {
        var slash = new ValsetSlash(Validator, 90, Dec.Parse("0.0001"));
        var sent = Assert.IsType<ConsumerPacket.UpdateValidators>(Wire.Decode<ConsumerPacket>(
            _f.Sent(Hook(new ChainHook.ValidatorSetChanged([], [Validator], [Validator], [], [], [slash]))).Data));
        Assert.Equal([Validator], sent.Removed.ToArray());
        Assert.Equal([Validator], sent.Jailed.ToArray());
        Assert.Equal([slash], sent.Slashed.ToArray());

        var alone = Assert.IsType<ConsumerPacket.UpdateValidators>(Wire.Decode<ConsumerPacket>(
            _f.Sent(Hook(new ChainHook.ValidatorSetChanged([], [], [], [], [], [slash]))).Data));
        Assert.Equal([slash], alone.Slashed.ToArray());
    }

    [Fact]
    public void An_empty_change_sends_nothing()
    {
        Assert.Empty(Hook(Change()).Messages);
    }

    [Fact]
    public void A_change_without_a_channel_sends_and_records_nothing()
    {
        var f = new ConsumerFixture(connect: false);
        Assert.Empty(f.H.Ok(new ContractCall.Sudo(Change(added: ["testvaloper1new"]))).Messages);
    }

    [Fact]
    public void A_slash_hook_is_ignored()
    {
        Assert.Empty(Hook(new ChainHook.ValidatorSlashed(Validator, Dec.Percent(5), 10)).Messages);
    }

    [Fact]
    public void A_success_ack_of_update_validators_does_nothing()
    {
        var packet = _f.Sent(Hook(Change(added: ["testvaloper1new"])));
        var response = _f.Ack(packet, Acknowledgement.Success(new ConsumerPacketAck.UpdateValidators()));
        Assert.Empty(response.Messages);
        Assert.Empty(response.Events);
    }

    [Fact]
    public void An_error_ack_resends_once_with_a_new_timeout_then_drops_and_reports_AckFailed()
    {
        var packet = _f.Sent(Hook(Change(added: ["testvaloper1new"])));
        _f.H.Time = _f.H.Time.PlusSeconds(100);
        var resent = _f.Sent(_f.Ack(packet, Acknowledgement.Failure("boom")));
        Assert.Equal(packet.Data, resent.Data);
        Assert.Equal(IbcTimeout.AtTime(_f.H.Time.PlusSeconds(3600)), resent.Timeout);

        var dropped = _f.Ack(resent, Acknowledgement.Failure("boom"));
        Assert.Empty(dropped.Messages);
        Assert.Equal(nameof(ConsumerError.AckFailed), Assert.Single(dropped.Events).Get(ConsumerEvents.KindKey));
    }

    [Fact]
    public void A_timeout_resends_once_then_drops_and_reports_UpdateValidatorsFailed()
    {
        var packet = _f.Sent(Hook(Change(removed: [Validator])));
        var resent = _f.Sent(_f.Timeout(packet));
        var dropped = _f.Timeout(resent);
        Assert.Empty(dropped.Messages);
        var e = Assert.Single(dropped.Events);
        Assert.Equal(nameof(ConsumerError.UpdateValidatorsFailed), e.Get(ConsumerEvents.KindKey));
        Assert.Equal("update_validators", e.Get(ConsumerEvents.PacketKey));

        // the mark is gone: a later identical change gets its own resend
        var again = _f.Sent(Hook(Change(removed: [Validator])));
        Assert.Single(_f.Timeout(again).Messages);
    }

    [Fact]
    public void A_failed_update_is_not_resent_after_the_channel_closed()
    {
        var packet = _f.Sent(Hook(Change(added: ["testvaloper1new"])));
        _f.H.Ok(new ContractCall.ChannelClose(ChannelEnd()));
        var response = _f.Timeout(packet);
        Assert.Empty(response.Messages);
        Assert.Equal(nameof(ConsumerError.UpdateValidatorsFailed), Assert.Single(response.Events).Get(ConsumerEvents.KindKey));
    }

    [Fact]
    public void The_hook_reads_its_json_form()
    {
        var hook = Change(added: ["testvaloper1new"]);
        Assert.Equal(hook.Added.ToArray(), Assert.IsType<ChainHook.ValidatorSetChanged>(Wire.Decode<ChainHook>(Wire.Encode<ChainHook>(hook))).Added.ToArray());
        Assert.Single(_f.H.Ok(new ContractCall.Sudo(Wire.Encode<ChainHook>(hook))).Messages);
    }
}
