using BenchmarkDotNet.Attributes;
using MeshSecurity.Core.Math;

namespace MeshSecurity.Benchmarks;

/// <summary>Decimal arithmetic every stake, reward and slash goes through.</summary>
[MemoryDiagnoser]
public class MathBenchmarks
{
    private readonly Dec _rate = Dec.Parse("0.1");
    private readonly Dec _price = Dec.Parse("1234.567890123456789");
    private readonly Dec _keep = Dec.Parse("0.95");
    private readonly Amount _amount = 1_000_000_000_000UL;

    [Benchmark]
    public Dec DecMultiply() => _price * _keep;

    [Benchmark]
    public Dec DecDivide() => _price / _rate;

    [Benchmark]
    public Amount AmountMulFloor() => _amount.MulFloor(_rate);
}
