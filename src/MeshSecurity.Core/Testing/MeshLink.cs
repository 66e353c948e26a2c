using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Testing;

/// <summary>
/// A deployed provider → consumer link: the contracts on both chains and the two paths between them
/// (the mesh channel provider ↔ consumer, and the ICS-20 channel the rewards travel on).
/// </summary>
public sealed record MeshLink(
    ChainApp Provider,
    ChainApp Consumer,
    Addr Lockup,
    Addr ProviderContract,
    Addr Slasher,
    Addr ConsumerContract,
    Addr MetaStaking,
    Path MeshPath,
    Path TransferPath,
    string RewardsDenom)
{
    /// <summary>The link as the emulator describes it (what <see cref="Invariants.SlashTrails"/> follows slashes by).</summary>
    public required Mesh.MeshLinkInfo Info { get; init; }

    /// <summary>Relays everything pending on both channels until quiet.</summary>
    public RelayStats Relay() => MeshPath.Relay() + TransferPath.Relay() + MeshPath.Relay();
}
