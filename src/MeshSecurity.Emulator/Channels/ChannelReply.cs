using MeshSecurity.Core.Relaying;
using MeshSecurity.Emulator.Protocol;

namespace MeshSecurity.Emulator.Channels;

/// <summary>Answers of a channel entity.</summary>
public abstract record ChannelReply : IMeshProtocolMember
{
    private ChannelReply() { }

    /// <summary>The handshake's first transactions are accepted by the chains; the rest follows block by block.</summary>
    public sealed record Opening(string ChannelId) : ChannelReply;

    public sealed record Opened(string ChannelId, ChannelEnds Ends) : ChannelReply;

    public sealed record Refused(string ChannelId, string Step, string Error) : ChannelReply;

    /// <summary>The relayer's counters: packets it saw sent, received, acknowledged, timed out; what is pending.</summary>
    public sealed record Info(
        string ChannelId, ChannelEnds? Ends, bool Open, bool Paused,
        long Sent, long Received, long Acknowledged, long TimedOut, long FailedTxs, int Pending, long Restarts,
        string? RefusedStep = null, string? RefusedError = null) : ChannelReply;
}
