using Akka.Cluster.Sharding;
using MeshSecurity.Emulator.Protocol;

namespace MeshSecurity.Emulator.Cluster;

/// <summary>Routes chain messages to their shard region by chain id, each chain a shard (see <see cref="RunPlacement"/>).</summary>
public sealed class ClusterChainExtractor(RunPlacement placement) : IMessageExtractor
{
    public string? EntityId(object message) => message is IWithChainId m ? m.ChainId : null;

    public object EntityMessage(object message) => message;

    public string? ShardId(object message) => EntityId(message) is { } id ? placement.ChainShard(id) : null;

    public string ShardId(string entityId, object? messageHint = null) => placement.ChainShard(entityId);
}
