using System.Collections.Immutable;
using MeshSecurity.Core.Relaying;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Mesh;

/// <summary>
/// What is installed once per chain or chain pair and shared by later links: the lockup of each provider chain, the
/// meta-staking contract of each consumer chain, and the transfer channel of each provider → consumer pair (whose
/// connection a new link of the same pair reuses: a chain pair has one connection and many channels).
/// </summary>
public sealed record MeshDeployment(
    ImmutableSortedDictionary<string, Addr> Lockups,
    ImmutableSortedDictionary<string, Addr> MetaStakings,
    ImmutableDictionary<(string Provider, string Consumer), ChannelEnds> Connections)
{
    public static readonly MeshDeployment Empty = new(
        ImmutableSortedDictionary.Create<string, Addr>(StringComparer.Ordinal),
        ImmutableSortedDictionary.Create<string, Addr>(StringComparer.Ordinal),
        ImmutableDictionary<(string, string), ChannelEnds>.Empty);

    public MeshDeployment WithLockup(string providerChain, Addr lockup) => this with { Lockups = Lockups.SetItem(providerChain, lockup) };

    public MeshDeployment WithMetaStaking(string consumerChain, Addr metaStaking) =>
        this with { MetaStakings = MetaStakings.SetItem(consumerChain, metaStaking) };

    public MeshDeployment WithConnection(string providerChain, string consumerChain, ChannelEnds transfer) =>
        this with { Connections = Connections.SetItem((providerChain, consumerChain), transfer) };
}
