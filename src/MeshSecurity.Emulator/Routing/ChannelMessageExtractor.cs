using Akka.Cluster.Sharding;
using MeshSecurity.Emulator.Protocol;

namespace MeshSecurity.Emulator.Routing;

/// <summary>
/// Routes channel (relayer path) messages by channel id.
/// </summary>
public sealed class ChannelMessageExtractor(int maxShards = 100) : HashCodeMessageExtractor(maxShards)
{
    public override string? EntityId(object message) =>
        message switch
        {
            IWithChannelId m => m.ChannelId,
            _ => null,
        };
}
