using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Testing;

/// <summary>One side of a <see cref="Path"/>: a chain with its client, connection, port and channel ids.</summary>
public sealed class Endpoint(ChainApp chain, string portId, string version, IbcOrder order)
{
    public ChainApp Chain { get; } = chain;
    public string PortId { get; set; } = portId;
    public string Version { get; set; } = version;
    public IbcOrder Order { get; set; } = order;
    public string ClientId { get; internal set; } = "";
    public string ConnectionId { get; set; } = "";
    public string ChannelId { get; internal set; } = "";

    /// <summary>The account that signs this side's relayer transactions.</summary>
    public Addr Relayer => Addr.Derive(Chain.State.Prefix, "relayer");

    public ChannelEnd? Channel => Chain.State.Ibc.Channel(PortId, ChannelId);
}
