using Akka.Cluster.Sharding;
using MeshSecurity.Emulator.Protocol;

namespace MeshSecurity.Emulator.Cluster;

/// <summary>Routes channel (relayer) messages by channel id, to the shard <see cref="RunPlacement"/> names.</summary>
public sealed class ClusterChannelExtractor(RunPlacement placement) : IMessageExtractor
{
    public string? EntityId(object message) => message is IWithChannelId m ? m.ChannelId : null;

    public object EntityMessage(object message) => message;

    public string? ShardId(object message) => EntityId(message) is { } id ? placement.ChannelShard(id) : null;

    public string ShardId(string entityId, object? messageHint = null) => placement.ChannelShard(entityId);
}
