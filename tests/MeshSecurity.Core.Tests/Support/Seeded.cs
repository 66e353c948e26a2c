using CsCheck;

namespace MeshSecurity.Core.Tests.Support;

/// <summary>
/// Property runs that are the same every time: iteration i draws from a PCG seeded with (seed + i), so a failure
/// names the iteration that reproduces it. (CsCheck's Sample can pin only its first seed; the rest are random.)
/// </summary>
public static class Seeded
{
    public static void Check<T>(Gen<T> gen, Action<T> property, long iterations, ulong seed = 20261124)
    {
        for (var i = 0; i < iterations; i++)
        {
            var pcg = new PCG(1, seed + (ulong)i);
            var value = gen.Generate(pcg, null, out _);
            try
            {
                property(value);
            }
            catch (Exception ex)
            {
                throw new Xunit.Sdk.XunitException($"the property failed at iteration {i} (seed {seed + (ulong)i}) for {CsCheck.Check.Print(value)}: {ex.Message}\n{ex}");
            }
        }
    }
}

/// <summary>
/// <c>Sample</c>'s shape with seeded, single-threaded, reproducible runs (see <see cref="Seeded"/>); the seed and thread
/// arguments of CsCheck's Sample are accepted and ignored, so a property test reads as before.
/// </summary>
public static class SeededSampleExtensions
{
    public static void SampleSeeded<T>(this Gen<T> gen, Action<T> property, long iter = 100, int threads = 1, string? seed = null, Func<T, string>? print = null) =>
        Seeded.Check(gen, property, iter);

    public static void SampleSeeded<T1, T2>(this Gen<(T1, T2)> gen, Action<T1, T2> property, long iter = 100, int threads = 1, string? seed = null) =>
        Seeded.Check(gen, t => property(t.Item1, t.Item2), iter);

    public static void SampleSeeded<T1, T2, T3>(this Gen<(T1, T2, T3)> gen, Action<T1, T2, T3> property, long iter = 100, int threads = 1, string? seed = null) =>
        Seeded.Check(gen, t => property(t.Item1, t.Item2, t.Item3), iter);
}
