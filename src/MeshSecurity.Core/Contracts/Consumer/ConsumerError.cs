using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Math;

namespace MeshSecurity.Core.Contracts.Consumer;

/// <summary>
/// Errors of mesh-consumer: the seed's catalogue (docs/seed-contracts.md §4) with its messages, plus the checks the emulator adds
/// (<see cref="Unauthorized"/>, <see cref="InsufficientStake"/>, <see cref="NoChannel"/>, <see cref="UnknownValidator"/>,
/// <see cref="InvalidReplyId"/>, <see cref="UnknownTransfer"/>).
/// <see cref="AckFailed"/>, <see cref="RewardsFailed"/> and <see cref="UpdateValidatorsFailed"/> are not raised (raising
/// in an ack handler would leave the packet unresolved); they are reported in the "error" attribute of the failure event.
/// Nor are <see cref="TransferRefused"/> and <see cref="TransferTimedOut"/>: they are reported in the transfer failure event.
/// </summary>
public abstract record ConsumerError : MeshError
{
    private ConsumerError() { }

    public override string Codespace => "consumer";

    public sealed record ChannelExists(string ChannelId) : ConsumerError
    {
        public override string Message => $"Contract already has a bound channel: {ChannelId}";
    }

    public sealed record InvalidChannelOrder : ConsumerError
    {
        public override string Message => "Only supports unordered channels";
    }

    public sealed record InvalidChannelVersion(string Version) : ConsumerError
    {
        public override string Message => $"Counterparty version must be '{MeshProtocol.Version}'";
    }

    public sealed record WrongConnection(string ConnectionId) : ConsumerError
    {
        public override string Message => $"Unauthorized counterparty chain, awaiting connection '{ConnectionId}'";
    }

    public sealed record WrongPort(string PortId) : ConsumerError
    {
        public override string Message => $"Unauthorized counterparty port, awaiting port '{PortId}'";
    }

    public sealed record UnknownChannel(string ChannelId) : ConsumerError
    {
        public override string Message => $"Refuse to respond on unregistered channel '{ChannelId}'";
    }

    public sealed record AckFailed(string Error) : ConsumerError
    {
        public override string Message => "Acknowledgement failed";
    }

    public sealed record RewardsFailed : ConsumerError
    {
        public override string Message => "Rewards acknowledgement failed";
    }

    public sealed record UpdateValidatorsFailed : ConsumerError
    {
        public override string Message => "Update validators acknowledgement failed";
    }

    public sealed record ProviderAddrParsing(string PortId) : ConsumerError
    {
        public override string Message => $"Failed to parse the provider address from port '{PortId}'";
    }

    /// <summary>B7: only meta-staking may hand over rewards.</summary>
    public sealed record Unauthorized : ConsumerError
    {
        public override string Message => "Unauthorized";
    }

    /// <summary>An unstake larger than this provider's recorded stake on the validator.</summary>
    public sealed record InsufficientStake(string Validator, Amount Staked, Amount Requested) : ConsumerError
    {
        public override string Message => "Insufficient stake to withdraw this";
    }

    /// <summary>Rewards arrived while no channel is bound: they stay pending in meta-staking.</summary>
    public sealed record NoChannel : ConsumerError
    {
        public override string Message => "No channel is bound to the provider";
    }

    /// <summary>A stake on a validator this chain does not have.</summary>
    public sealed record UnknownValidator(string Validator) : ConsumerError
    {
        public override string Message => $"Validator is not known on this chain: {Validator}";
    }

    /// <summary>A reply to a sub-message this contract did not send with that id.</summary>
    public sealed record InvalidReplyId(ulong Id) : ConsumerError
    {
        public override string Message => $"Invalid reply id: {Id}";
    }

    /// <summary>
    /// A transfer callback for a transfer this contract has no record of (another channel, a sequence never recorded or
    /// already settled). Refused, so a duplicate or stray callback can never credit coins twice.
    /// </summary>
    public sealed record UnknownTransfer(string Channel, ulong Sequence) : ConsumerError
    {
        public override string Message => $"No pending rewards transfer with sequence {Sequence} on channel '{Channel}'";
    }

    /// <summary>The ICS-20 transfer of rewards was refused by the provider chain (error ack) and refunded.</summary>
    public sealed record TransferRefused : ConsumerError
    {
        public override string Message => "Rewards transfer refused";
    }

    /// <summary>The ICS-20 transfer of rewards timed out and was refunded.</summary>
    public sealed record TransferTimedOut : ConsumerError
    {
        public override string Message => "Rewards transfer timed out";
    }

    /// <summary>
    /// A price feed's price is missing or outdated (production's OutdatedPriceData): the packet fails, so the provider
    /// rolls the stake or unstake back. <paramref name="PublishedAt"/>: the latest price's time, null when none yet.
    /// </summary>
    public sealed record StalePrice(Types.Timestamp? PublishedAt, ulong Ttl) : ConsumerError
    {
        public override string Message => PublishedAt is { } at
            ? $"The price published at {at.Seconds}s is outdated (time to live {Ttl}s)"
            : "No price has been published yet";
    }

    /// <summary>
    /// Under a price feed, an unstake valued at today's price above what is delegated for this provider on the validator
    /// (production's InsufficientBond after a price rise): the packet fails and the provider keeps the stake.
    /// </summary>
    public sealed record InsufficientBond(string Validator, Amount Bonded, Amount Requested) : ConsumerError
    {
        public override string Message => $"Cannot unbond {Requested} from {Validator}: only {Bonded} is bonded for this provider";
    }
}
