using Akka.Cluster.Sharding;
using MeshSecurity.Emulator.Protocol;

namespace MeshSecurity.Emulator.Routing;

/// <summary>
/// Routes chain messages by chain id: to a child per chain locally, to a shard region in a cluster.
/// </summary>
public sealed class ChainMessageExtractor(int maxShards = 100) : HashCodeMessageExtractor(maxShards)
{
    public override string? EntityId(object message) =>
        message switch
        {
            IWithChainId m => m.ChainId,
            _ => null,
        };
}
