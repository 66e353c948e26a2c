using Akka.Cluster.Sharding;
using MeshSecurity.Emulator.Channels;
using MeshSecurity.Emulator.Protocol;

namespace MeshSecurity.Emulator.Routing;

/// <summary>
/// Routes channel (relayer path) messages by channel id (a checkpoint's messages, single-node only, route the same way).
/// </summary>
public sealed class ChannelMessageExtractor(int maxShards = 100) : HashCodeMessageExtractor(maxShards)
{
    public override string? EntityId(object message) =>
        message switch
        {
            IWithChannelId m => m.ChannelId,
            ChannelCheckpoint c => c.ChannelId,
            _ => null,
        };
}
