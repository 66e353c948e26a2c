namespace MeshSecurity.Core.Relaying;

/// <summary>The identifiers on both chains once a path is set up (channel ids are empty until the channel is open).</summary>
public sealed record ChannelEnds(
    string ChainA, string ClientA, string ConnectionA, string PortA, string ChannelA,
    string ChainB, string ClientB, string ConnectionB, string PortB, string ChannelB);
