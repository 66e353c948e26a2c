using MeshSecurity.Emulator.Persistence;

namespace MeshSecurity.Emulator.Channels;

/// <summary>
/// A network checkpoint's part of one channel (docs/decisions/0009-a-run-resumes-from-its-checkpoint.md): on a cluster the
/// driver takes it from the channel's member and gives it to the channel of a later attempt of the run, so it is on the
/// wire (docs/decisions/0012-a-lost-member-resumes-from-the-checkpoint.md).
/// </summary>
public abstract record ChannelCheckpoint : Protocol.IWithChannelId
{
    private ChannelCheckpoint(string channelId) => ChannelId = channelId;

    public string ChannelId { get; }

    /// <summary>
    /// Contract: sent while the clock stands (between windows). Answer: <see cref="Captured"/>.
    /// </summary>
    public sealed record Capture(string Channel) : ChannelCheckpoint(Channel);

    /// <summary>
    /// The first message of a channel of a resumed network, before the clock runs: it goes on as
    /// <paramref name="Snapshot"/> left it. Answer: <see cref="ChannelReply.Info"/>.
    /// </summary>
    public sealed record Restore(ChannelSnapshot Snapshot) : ChannelCheckpoint(Snapshot.ChannelId);

    /// <summary>The channel's state at the cut.</summary>
    public sealed record Captured(ChannelSnapshot Snapshot) : ChannelCheckpoint(Snapshot.ChannelId);
}
