using BenchmarkDotNet.Running;

namespace MeshSecurity.Benchmarks;

/// <summary>
/// Micro-benchmarks of Core's hot paths. Run in Release:
/// <c>dotnet run -c Release --project bench/MeshSecurity.Benchmarks -- --filter '*'</c>
/// (the macro benchmarks are <c>meshsec bench</c>).
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
