namespace MeshSecurity.Core.Relaying;

/// <summary>What a relayer saw on its channel: packets sent, received, acknowledged, timed out; its failed transactions; closes.</summary>
public sealed record RelayerCounters(long Sent, long Received, long Acknowledged, long TimedOut, long FailedTxs, long Closed);
