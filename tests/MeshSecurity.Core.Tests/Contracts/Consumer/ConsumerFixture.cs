using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Contracts.Consumer;
using MeshSecurity.Core.Contracts.MetaStaking;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Tests.Support;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Tests.Contracts.Consumer;

/// <summary>A mesh-consumer on a mock chain, with the seed's test constants, and verbs for its channel and packets.</summary>
internal sealed class ConsumerFixture
{
    public static readonly Addr Self = Addr.Derive("test", "mesh-consumer");
    public static readonly Addr MetaStakingAddr = Addr.Derive("test", "meta-staking");
    public static readonly Addr Relayer = Addr.Derive("test", "relayer");
    public static readonly Addr Governance = Addr.Derive("test", "gov");
    public const string ProviderPort = "wasm.osmo1provider";
    public const string ProviderChannel = "channel-7";
    public const string Connection = "connection-1";
    public const string Channel = "channel-1";
    public const string Ics20Channel = "channel-2";
    public const string Validator = "testvaloper1alpha";
    public const string Validator2 = "testvaloper1beta";
    public const string Staker = "osmo1staker";
    public const string Denom = "ustake";

    public static string SelfPort => WasmState.PortOf(Self);

    public ContractHarness H { get; }
    private ulong _sequence;

    public ConsumerFixture(string rate = "0.1", bool connect = true, ConsumerMsg.Instantiate? instantiate = null)
    {
        var querier = new MockQuerier { BondDenom = Denom };
        querier.ValidatorList.Add(Bonded(Validator));
        querier.ValidatorList.Add(Bonded(Validator2));
        H = new ContractHarness(new ConsumerContract(), Self, querier);
        H.Instantiate(Governance, instantiate ?? Instantiate(rate));
        if (connect) Connect();
    }

    public static ConsumerMsg.Instantiate Instantiate(string rate = "0.1") =>
        new(new ConsumerMsg.ProviderInfo(ProviderPort, Connection), Dec.Parse(rate), MetaStakingAddr.Value, Ics20Channel);

    public static ValidatorInfo Bonded(string op) => new(new Addr(op), 1000, 1000, "bonded", false, false);

    public static IbcChannel ChannelEnd(
        string channelId = Channel, IbcOrder order = IbcOrder.Unordered, string version = MeshProtocol.Version,
        string connection = Connection, string counterpartyPort = ProviderPort) =>
        new(new IbcEndpoint(SelfPort, channelId), new IbcEndpoint(counterpartyPort, ProviderChannel), order, version, connection);

    public void Connect(string channelId = Channel)
    {
        H.Ok(new ContractCall.ChannelOpen(ChannelEnd(channelId), null));
        H.Ok(new ContractCall.ChannelConnect(ChannelEnd(channelId), MeshProtocol.Version));
    }

    public IbcPacket Incoming(ProviderPacket packet, string channel = Channel) => IncomingRaw(Wire.Encode(packet), channel);

    public IbcPacket IncomingRaw(byte[] data, string channel = Channel) =>
        new(new IbcEndpoint(ProviderPort, ProviderChannel), new IbcEndpoint(SelfPort, channel), ++_sequence, data,
            IbcTimeout.AtTime(H.Time.PlusSeconds(3600)));

    public Response Receive(ProviderPacket packet, string channel = Channel) =>
        H.Ok(new ContractCall.PacketReceive(Incoming(packet, channel), Relayer));

    public MeshError ReceiveFails(ProviderPacket packet, string channel = Channel) =>
        H.Fails(new ContractCall.PacketReceive(Incoming(packet, channel), Relayer));

    public Response Stake(string validator, ulong amount) => Receive(new ProviderPacket.Stake(validator, amount, Staker));

    public Response Unstake(string validator, ulong amount) => Receive(new ProviderPacket.Unstake(validator, amount, Staker));

    public Response Burn(string validator, ulong amount) => Receive(new ProviderPacket.Burn(validator, amount));

    /// <summary>The packet the consumer sent (its only IbcSendPacket message), as the chain would commit it.</summary>
    public IbcPacket Sent(Response response)
    {
        var send = Assert.Single(response.Messages.Select(m => m.Msg).OfType<CosmosMsg.IbcSendPacket>());
        return new IbcPacket(new IbcEndpoint(SelfPort, send.ChannelId), new IbcEndpoint(ProviderPort, ProviderChannel), ++_sequence, send.Data, send.Timeout);
    }

    public Response ReceiveRewards(ulong amount, string validator = Validator, string denom = Denom) =>
        H.Execute(MetaStakingAddr, new ConsumerMsg.Execute.ReceiveRewards(validator), Coins.Of(denom, amount));

    public Response Ack(IbcPacket packet, Acknowledgement ack) => H.Ok(new ContractCall.PacketAck(packet, ack, Relayer));

    public Response Timeout(IbcPacket packet) => H.Ok(new ContractCall.PacketTimeout(packet, Relayer));

    /// <summary>The ICS-20 transfer in a response (its only one), checked to ask for the transfer reply on success.</summary>
    public static CosmosMsg.IbcTransfer Transfer(Response response)
    {
        var sub = Assert.Single(response.Messages, m => m.Msg is CosmosMsg.IbcTransfer);
        Assert.Equal(ConsumerContract.TransferReplyId, sub.Id);
        Assert.Equal(ReplyOn.Success, sub.ReplyOn);
        return (CosmosMsg.IbcTransfer)sub.Msg;
    }

    /// <summary>The chain's reply to the transfer sub-message: its data is the transfer packet's sequence.</summary>
    public Response TransferSent(ulong sequence) =>
        H.Ok(new ContractCall.HandleReply(new Reply(ConsumerContract.TransferReplyId, [], sequence, null)));

    /// <summary>A Rewards packet sent, acknowledged by the provider and its ICS-20 transfer dispatched with <paramref name="sequence"/>.</summary>
    public CosmosMsg.IbcTransfer RewardsTransferred(ulong amount, ulong sequence, string validator = Validator)
    {
        var transfer = Transfer(Ack(Sent(ReceiveRewards(amount, validator)), Acknowledgement.Success(new ConsumerPacketAck.Rewards())));
        TransferSent(sequence);
        return transfer;
    }

    public static TransferLifecycle.Completed Completed(ulong sequence, bool success, bool timedOut = false, string channel = Ics20Channel) =>
        new(channel, sequence, success, timedOut);

    public ConsumerMsg.RewardsTransfersResponse RewardsTransfers() =>
        H.Query<ConsumerMsg.RewardsTransfersResponse>(new ConsumerMsg.Query.RewardsTransfers());

    public ConsumerMsg.UndeliveredReward[] Undelivered() =>
        H.Query<ConsumerMsg.UndeliveredRewardsResponse>(new ConsumerMsg.Query.UndeliveredRewards()).Rewards.ToArray();

    public Amount RemoteStake(string validator) => H.Query<ConsumerMsg.RemoteStakeResponse>(new ConsumerMsg.Query.RemoteStake(validator)).Amount;

    public static T Ack<T>(Response response) where T : class
    {
        Assert.NotNull(response.Acknowledgement);
        Assert.True(response.Acknowledgement!.IsSuccess, response.Acknowledgement.ToString());
        return Wire.Decode<T>(response.Acknowledgement.Result!);
    }

    /// <summary>The meta-staking calls in a response, in order.</summary>
    public static List<MetaStakingMsg.Execute> MetaStakingCalls(Response response) =>
        response.Messages.Select(m => m.Msg).OfType<CosmosMsg.WasmExecute>()
            .Select(e =>
            {
                Assert.Equal(MetaStakingAddr, e.Contract);
                Assert.True(e.Funds.IsEmpty);
                return (MetaStakingMsg.Execute)e.Msg;
            })
            .ToList();
}
