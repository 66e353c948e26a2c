using BenchmarkDotNet.Attributes;
using MeshSecurity.Core.Testing;

namespace MeshSecurity.Benchmarks;

/// <summary>
/// One cross-stake end to end on Core's coordinator: the grant_claim transaction in a provider block, then the relayer
/// carrying its Stake packet (consumer receive + delegate) and the acknowledgement back (provider ack handled).
/// </summary>
[MemoryDiagnoser]
public class PacketBenchmarks
{
    private MeshFixture _mesh = null!;

    [GlobalSetup]
    public void Setup() => _mesh = new MeshFixture();

    [Benchmark]
    public RelayStats CrossStakeReceiveAndAck()
    {
        _mesh.Coord.MustExecute(_mesh.Provider, MeshFixture.Alice, _mesh.GrantClaim(1));
        return _mesh.Link.MeshPath.Relay();
    }
}
