using MeshSecurity.Core.Relaying;
using MeshSecurity.Emulator.Protocol;

namespace MeshSecurity.Emulator.Channels;

/// <summary>Commands of a channel (relayer path) entity.</summary>
public abstract record ChannelCommand : IWithChannelId
{
    private ChannelCommand(string channelId) => ChannelId = channelId;

    public string ChannelId { get; }

    /// <summary>
    /// Sets the path up through the chains' own transactions (clients, connection, the four-step channel handshake)
    /// and starts relaying. Answer: <see cref="ChannelReply.Opening"/> once the first step is accepted by the chains
    /// (so the clock may run); the outcome shows in <see cref="GetInfo"/> (Open, or RefusedStep and RefusedError).
    /// </summary>
    public sealed record Open(string Channel, ChannelSpec Spec) : ChannelCommand(Channel);

    /// <summary>Stops relaying (a relayer that is down: it neither watches nor submits). Answer: <see cref="ChannelReply.Info"/>.</summary>
    public sealed record Pause(string Channel) : ChannelCommand(Channel);

    /// <summary>
    /// Starts relaying again; having missed events, the relayer first clears what is pending from both chains' state.
    /// Answer: <see cref="ChannelReply.Info"/>.
    /// </summary>
    public sealed record Resume(string Channel) : ChannelCommand(Channel);

    /// <summary>Answer: <see cref="ChannelReply.Info"/>.</summary>
    public sealed record GetInfo(string Channel) : ChannelCommand(Channel);

    /// <summary>Fault injection: delivers each packet twice (the second copy must have no effect). No answer.</summary>
    public sealed record DuplicateDeliveries(string Channel, bool Enabled) : ChannelCommand(Channel);

    /// <summary>
    /// Fault injection: the relayer process crashes and is restarted; it clears what is pending from both chains.
    /// Answer: <see cref="ChannelReply.Info"/> once it is back. It applies once by its <paramref name="Id"/> (unique per
    /// crash): a second copy with the id of the last crash (a re-sent ask, docs/decisions/0013) is answered without
    /// crashing again.
    /// </summary>
    public sealed record Crash(string Channel, string Id) : ChannelCommand(Channel);

    /// <summary>
    /// Fault injection (relayer.lag, relayer.batch-size, relayer.censor, net.loss): the relayer's switches from now on
    /// (<see cref="RelayFaults.None"/> ends them). Answer: <see cref="ChannelReply.Info"/>, so the next window relays with them.
    /// </summary>
    public sealed record SetFaults(string Channel, RelayFaults Faults) : ChannelCommand(Channel);
}
