using BenchmarkDotNet.Attributes;
using MeshSecurity.Core.Execution;

namespace MeshSecurity.Benchmarks;

/// <summary>
/// A lockup grant_claim (lockup → provider receive_claim → Stake packet sent) executed through the ChainApp's
/// ContractHost against the committed chain state, without producing a block.
/// </summary>
[MemoryDiagnoser]
public class ContractBenchmarks
{
    private MeshFixture _mesh = null!;
    private Tx _tx = null!;

    [GlobalSetup]
    public void Setup()
    {
        _mesh = new MeshFixture();
        _tx = Tx.Of(MeshFixture.Alice, _mesh.GrantClaim(1));
    }

    [Benchmark]
    public TxResult LockupGrantClaim()
    {
        var (result, _) = _mesh.Provider.Contracts.Execute(_mesh.Provider.State, _tx);
        return result.IsSuccess ? result : throw new InvalidOperationException(result.ToString());
    }
}
