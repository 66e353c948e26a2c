using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Wasm;

/// <summary>
/// A message a transaction or a contract's <see cref="Response"/> dispatches to the chain (cosmwasm's CosmosMsg).
/// The sender is the transaction's signer or the contract that returned it.
/// </summary>
[ExternallyTagged]
public abstract record CosmosMsg
{
    private CosmosMsg() { }

    /// <summary>Moves coins from the sender to <paramref name="ToAddress"/>.</summary>
    public sealed record BankSend(Addr ToAddress, Coins Amount) : CosmosMsg;

    /// <summary>Destroys coins held by the sender; the supply falls.</summary>
    public sealed record BankBurn(Coins Amount) : CosmosMsg;

    /// <summary>Bonds the sender's coins to a validator.</summary>
    public sealed record StakingDelegate(Addr Validator, Coin Amount) : CosmosMsg;

    /// <summary>Starts unbonding the sender's delegation; the coins return after the unbonding period.</summary>
    public sealed record StakingUndelegate(Addr Validator, Coin Amount) : CosmosMsg;

    /// <summary>
    /// The sender, a validator's operator jailed for downtime, asks to sign again once its jail time is over (MsgUnjail).
    /// </summary>
    public sealed record StakingUnjail : CosmosMsg;

    /// <summary>Pays the sender's accumulated block rewards on a delegation to the sender.</summary>
    public sealed record DistributionWithdrawReward(Addr Validator) : CosmosMsg;

    /// <summary>Calls a contract's execute entry point, moving <paramref name="Funds"/> to it first.</summary>
    public sealed record WasmExecute(Addr Contract, object Msg, Coins Funds) : CosmosMsg;

    /// <summary>Creates a contract instance of a stored code and calls its instantiate entry point.</summary>
    public sealed record WasmInstantiate(string CodeId, object Msg, Coins Funds, string Label, Addr? Admin) : CosmosMsg;

    /// <summary>Calls a contract's sudo entry point. Only the chain's governance account may send it.</summary>
    public sealed record WasmSudo(Addr Contract, object Msg) : CosmosMsg;

    /// <summary>Sends a packet on a channel whose port the sending contract owns.</summary>
    public sealed record IbcSendPacket(string ChannelId, byte[] Data, IbcTimeout Timeout) : CosmosMsg
    {
        /// <summary>
        /// The value <see cref="Data"/> was encoded from, handed on to the packet (<see cref="IbcPacket.DataAs{T}"/>) so
        /// that a receiver in this process does not decode it again; internal, so neither in equality, the text form nor
        /// any JSON.
        /// </summary>
        internal object? Decoded { get; private init; }

        /// <summary>A packet of <paramref name="value"/> in the wire's JSON, which keeps the value for its receivers.</summary>
        public static IbcSendPacket Of<T>(string channelId, T value, IbcTimeout timeout) where T : notnull =>
            new(channelId, Wire.Encode(value), timeout) { Decoded = value };

        public bool Equals(IbcSendPacket? other) =>
            other is not null && ChannelId == other.ChannelId && ReferenceEquals(Data, other.Data) && Timeout == other.Timeout;

        public override int GetHashCode() => HashCode.Combine(ChannelId, Data, Timeout);
    }

    /// <summary>An ICS-20 transfer from the sender over a transfer channel.</summary>
    public sealed record IbcTransfer(string ChannelId, string ToAddress, Coin Amount, IbcTimeout Timeout) : CosmosMsg;

    /// <summary>Closes a channel end the sending contract owns (ChanCloseInit).</summary>
    public sealed record IbcCloseChannel(string ChannelId) : CosmosMsg;

    /// <summary>Subscribes a contract to the chain's staking hooks (<see cref="Apis.ChainHook"/>). Governance only.</summary>
    public sealed record GovSubscribeHooks(Addr Contract) : CosmosMsg;

    /// <summary>
    /// Mints coins of any denom to any address of the chain: governance only (a test network's faucet, and rewards of a
    /// known size). The bank counts them as minted, so conservation holds.
    /// </summary>
    public sealed record GovMint(Addr ToAddress, Coins Amount) : CosmosMsg;

    /// <summary>
    /// Fault injection by governance (a test network's, as <see cref="GovMint"/>): from the next packet on, packets of
    /// <paramref name="Kind"/> (see Relaying.PacketKinds) arriving on this chain's channel end get an error acknowledgement
    /// (<paramref name="On"/>), or are handed to the application again (not <paramref name="On"/>).
    /// </summary>
    public sealed record GovInjectErrorAcks(string PortId, string ChannelId, string Kind, bool On) : CosmosMsg;

    /// <summary>Fault injection by governance: the light client freezes, as an expired one would (nothing relays through it).</summary>
    public sealed record GovFreezeClient(string ClientId) : CosmosMsg;

    /// <summary>Governance recovers a frozen or expired light client with a fresh header of its counterparty (MsgRecoverClient).</summary>
    public sealed record GovRecoverClient(string ClientId, Ibc.ClientHeader Header) : CosmosMsg;

    /// <summary>
    /// Evidence that one of this chain's validators signed two different headers at one height (the evidence
    /// module): the validator is slashed by the double-sign fraction, jailed and tombstoned.
    /// </summary>
    public sealed record SubmitEvidence(Apis.SignedHeader HeaderA, Apis.SignedHeader HeaderB) : CosmosMsg;

    /// <summary>Relayer and governance messages handled by the IBC module; never dispatched by contracts.</summary>
    public sealed record Relay(IbcRelayMsg Msg) : CosmosMsg;
}
