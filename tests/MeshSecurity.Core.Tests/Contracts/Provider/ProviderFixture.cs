using System.Collections.Immutable;
using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Contracts;
using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Tests.Support;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Tests.Contracts.Provider;

/// <summary>A mesh-provider on a mock chain with its slasher instantiated and, by default, a channel with two validators.</summary>
internal sealed class ProviderFixture
{
    public static readonly Addr Self = Addr.Derive("test", "mesh-provider");
    public static readonly Addr LockupAddr = Addr.Derive("test", "mesh-lockup");
    public static readonly Addr SlasherAddr = Addr.Derive("test", "mesh-slasher");
    public static readonly Addr Deployer = Addr.Derive("test", "deployer");
    public static readonly Addr Relayer = Addr.Derive("test", "relayer");
    public static readonly Addr Alice = Addr.Derive("test", "alice");
    public static readonly Addr Bob = Addr.Derive("test", "bob");
    public const string Connection = "connection-1";
    public const string Channel = "channel-1";
    public const string ConsumerPort = "wasm.juno1consumer";
    public const string ConsumerChannel = "channel-9";
    public const string V1 = "junovaloper1alpha";
    public const string V2 = "junovaloper1beta";
    public const string V3 = "junovaloper1gamma";
    public const string RewardsDenom = "ibc/REWARDS";
    public const ulong UnbondingPeriod = 1000;
    public const ulong Lifetime = MeshProtocol.DefaultPacketLifetimeSeconds;

    public static string SelfPort => WasmState.PortOf(Self);

    public ContractHarness H { get; }
    public Response InstantiateResponse { get; }
    private ulong _sequence;

    public ProviderFixture(MeshProfile? profile = null, bool connect = true, ProviderMsg.Instantiate? instantiate = null)
    {
        H = new ContractHarness(new ProviderContract(), Self);
        InstantiateResponse = H.Instantiate(Deployer, instantiate ?? Instantiate(profile));
        H.Ok(new ContractCall.HandleReply(new Reply(ProviderContract.SlasherReplyId, [], new InstantiateResult(SlasherAddr), null)));
        if (!connect) return;
        var list = Sent(Connect()).Single();
        AckOk(list, new ProviderPacketAck.ListValidators([V1, V2, V3]));
    }

    public static ProviderMsg.Instantiate Instantiate(MeshProfile? profile = null) =>
        new(new ProviderMsg.ConsumerInfo(Connection), new ProviderMsg.SlasherInfo(), LockupAddr.Value, UnbondingPeriod, RewardsDenom, Profile: profile);

    public static IbcChannel ChannelEnd(string channelId = Channel, IbcOrder order = IbcOrder.Unordered, string version = MeshProtocol.Version, string connection = Connection) =>
        new(new IbcEndpoint(SelfPort, channelId), new IbcEndpoint(ConsumerPort, ConsumerChannel), order, version, connection);

    public Response Connect(string channelId = Channel)
    {
        H.Ok(new ContractCall.ChannelOpen(ChannelEnd(channelId), null));
        return H.Ok(new ContractCall.ChannelConnect(ChannelEnd(channelId), MeshProtocol.Version));
    }

    /// <summary>The packets the response sends, as the chain would commit them.</summary>
    public IReadOnlyList<IbcPacket> Sent(Response response) =>
        response.Messages.Select(m => m.Msg).OfType<CosmosMsg.IbcSendPacket>()
            .Select(p => new IbcPacket(new IbcEndpoint(SelfPort, p.ChannelId), new IbcEndpoint(ConsumerPort, ConsumerChannel), ++_sequence, p.Data, p.Timeout))
            .ToList();

    public static ProviderPacket Decode(IbcPacket packet) => Wire.Decode<ProviderPacket>(packet.Data);

    public static IEnumerable<ProviderPacket> SentPackets(Response response) =>
        response.Messages.Select(m => m.Msg).OfType<CosmosMsg.IbcSendPacket>().Select(p => Wire.Decode<ProviderPacket>(p.Data));

    public static IEnumerable<CosmosMsg> NonPackets(Response response) =>
        response.Messages.Select(m => m.Msg).Where(m => m is not CosmosMsg.IbcSendPacket);

    public Response AckOk(IbcPacket packet, object payload) => H.Ok(new ContractCall.PacketAck(packet, Acknowledgement.Success(payload), Relayer));

    public Response AckError(IbcPacket packet, string error = "consumer refused") =>
        H.Ok(new ContractCall.PacketAck(packet, Acknowledgement.Failure(error), Relayer));

    public Response Timeout(IbcPacket packet) => H.Ok(new ContractCall.PacketTimeout(packet, Relayer));

    public IbcPacket Incoming(ConsumerPacket packet, string channel = Channel) => IncomingRaw(Wire.Encode(packet), channel);

    public IbcPacket IncomingRaw(byte[] data, string channel = Channel) =>
        new(new IbcEndpoint(ConsumerPort, ConsumerChannel), new IbcEndpoint(SelfPort, channel), ++_sequence, data, IbcTimeout.AtTime(H.Time.PlusSeconds(Lifetime)));

    public Response Receive(ConsumerPacket packet) => H.Ok(new ContractCall.PacketReceive(Incoming(packet), Relayer));

    public MeshError ReceiveFails(ConsumerPacket packet, string channel = Channel) => H.Fails(new ContractCall.PacketReceive(Incoming(packet, channel), Relayer));

    /// <summary>The lockup forwards a granted claim; returns the Stake packet sent.</summary>
    public IbcPacket ReceiveClaim(Addr owner, ulong amount, string validator = V1) =>
        Sent(H.Execute(LockupAddr, new ProviderMsg.Execute.ReceiveClaim(owner.Value, amount, validator))).Single();

    /// <summary>Cross-stakes and relays a success ack.</summary>
    public Response StakeRemotely(Addr owner, ulong amount, string validator = V1) => AckOk(ReceiveClaim(owner, amount, validator), new ProviderPacketAck.Stake());

    public IbcPacket Unstake(Addr owner, ulong amount, string validator = V1) =>
        Sent(H.Execute(owner, new ProviderMsg.Execute.Unstake(amount, validator))).Single();

    public Response UnstakeAcked(Addr owner, ulong amount, string validator = V1) => AckOk(Unstake(owner, amount, validator), new ProviderPacketAck.Unstake());

    public Response Rewards(string validator, ulong amount, string denom = "ujuno") => Receive(new ConsumerPacket.Rewards(validator, new Coin(denom, amount)));

    public Response Slash(string validator, string percentage, bool forceUnbond = false, Timestamp? infraction = null) =>
        H.Execute(SlasherAddr, new ProviderMsg.Execute.Slash(validator, Dec.Parse(percentage), forceUnbond, infraction));

    public Response Cut(Addr owner, ulong amount) => H.Execute(LockupAddr, new ProviderMsg.Execute.CutStake(owner.Value, amount));

    /// <summary>An update as the consumer sends it at <paramref name="height"/> (its time: this chain's, by default).</summary>
    public Response UpdateValidators(string[]? added = null, string[]? removed = null, string[]? jailed = null, string[]? unjailed = null,
        string[]? tombstoned = null, ValsetSlash[]? slashed = null, ulong height = 500, Timestamp? time = null) =>
        Receive(new ConsumerPacket.UpdateValidators(
            [.. added ?? []], [.. removed ?? []], [.. jailed ?? []], [.. unjailed ?? []], [.. tombstoned ?? []], [.. slashed ?? []],
            height, time ?? H.Time));

    public void SkipTime(ulong seconds) => H.Time = H.Time.PlusSeconds(seconds);

    public void SetRewardsBalance(ulong amount) => H.Querier.Balances[(Self, RewardsDenom)] = new Coin(RewardsDenom, amount);

    public ProviderMsg.AccountResponse Account(Addr owner) => H.Query<ProviderMsg.AccountResponse>(new ProviderMsg.Query.Account(owner.Value));

    public ProviderMsg.StakeInfo? StakeOf(Addr owner, string validator = V1) => Account(owner).Staked.FirstOrDefault(s => s.Validator == validator);

    public Amount TokensOf(Addr owner, string validator = V1) => StakeOf(owner, validator)?.Tokens ?? Amount.Zero;

    public ProviderMsg.ValidatorResponse Validator(string validator) => H.Query<ProviderMsg.ValidatorResponse>(new ProviderMsg.Query.GetValidator(validator));

    public ProviderMsg.StakeResponse Stake(string validator = V1) => H.Query<ProviderMsg.StakeResponse>(new ProviderMsg.Query.Stake(validator));

    public ProviderMsg.ConfigResponse Config() => H.Query<ProviderMsg.ConfigResponse>(new ProviderMsg.Query.Config());

    public static CosmosMsg ToLockup(LockupMsg.Execute msg) => new CosmosMsg.WasmExecute(LockupAddr, msg, Coins.Empty);

    /// <summary>A lockup slash_claims message as (owner, amount) pairs, since ImmutableArray compares by reference.</summary>
    public static (string Owner, Amount Amount)[] SlashClaimsOf(CosmosMsg msg) =>
        msg is CosmosMsg.WasmExecute { Msg: LockupMsg.Execute.SlashClaims s } ? [.. s.Slashes.Select(x => (x.Owner, x.Amount))] : [];

    public static ImmutableArray<string> Names(params string[] names) => [.. names];
}
