using System.Collections.Immutable;
using MeshSecurity.Emulator.Protocol;

namespace MeshSecurity.Emulator.Cluster;

/// <summary>A run's driver's answer to a <see cref="DriverChaos"/>.</summary>
public abstract record DriverChaosReply : IMeshProtocolMember
{
    private DriverChaosReply() { }

    /// <summary>
    /// Done on <paramref name="Targets"/> (as events name them); <paramref name="InForce"/> names each lasting fault now in
    /// force as status shows it ("econ.price-shock osmosis->akash x0.4"), or, for a heal, each one ended.
    /// </summary>
    public sealed record Done(string Instance, string Fault, ImmutableArray<string> Targets, ImmutableArray<string> InForce)
        : DriverChaosReply;

    /// <summary>Nothing was done: <paramref name="Reason"/> says why.</summary>
    public sealed record Refused(string Instance, string Reason) : DriverChaosReply;
}
