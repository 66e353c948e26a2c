using CsCheck;

namespace MeshSecurity.Core.Tests.Support;

/// <summary>
/// Property runs that are the same every time: iteration i draws from a PCG seeded with (seed + i), so a failure
/// names the seed that reproduces it, and <see cref="ReplayVariable"/> set to that seed runs that one case alone.
/// (CsCheck's Sample can pin only its first seed; the rest are random.)
/// </summary>
public static class Seeded
{
    /// <summary>The environment variable that replays one case: its value is the seed a failure printed.</summary>
    public const string ReplayVariable = "MESHSEC_PROPERTY_SEED";

    public const ulong DefaultSeed = 20261124;

    public static void Check<T>(Gen<T> gen, Action<T> property, long iterations, ulong seed = DefaultSeed, Func<T, string>? print = null)
    {
        var replay = Environment.GetEnvironmentVariable(ReplayVariable) is { Length: > 0 } v
            ? ulong.Parse(v, System.Globalization.CultureInfo.InvariantCulture)
            : (ulong?)null;
        var seeds = replay is { } one ? [one] : Enumerable.Range(0, (int)iterations).Select(i => seed + (ulong)i);
        foreach (var s in seeds)
        {
            var value = gen.Generate(new PCG(1, s), null, out _);
            try
            {
                property(value);
            }
            catch (Exception ex)
            {
                var shown = print is null ? CsCheck.Check.Print(value) : print(value);
                throw new Xunit.Sdk.XunitException(
                    $"the property failed at seed {s} (replay: {ReplayVariable}={s}) for {shown}: {ex.Message}\n{ex}");
            }
        }
    }
}

/// <summary>
/// <c>Sample</c>'s shape with seeded, single-threaded, reproducible runs (see <see cref="Seeded"/>): a numeric
/// <c>seed</c> is the first iteration's (default <see cref="Seeded.DefaultSeed"/>), <c>print</c> shows a failing case,
/// and the thread argument of CsCheck's Sample is accepted and ignored, so a property test reads as before.
/// </summary>
public static class SeededSampleExtensions
{
    public static void SampleSeeded<T>(this Gen<T> gen, Action<T> property, long iter = 100, int threads = 1,
        ulong seed = Seeded.DefaultSeed, Func<T, string>? print = null) =>
        Seeded.Check(gen, property, iter, seed, print);

    public static void SampleSeeded<T1, T2>(this Gen<(T1, T2)> gen, Action<T1, T2> property, long iter = 100, int threads = 1,
        ulong seed = Seeded.DefaultSeed) =>
        Seeded.Check(gen, t => property(t.Item1, t.Item2), iter, seed);

    public static void SampleSeeded<T1, T2, T3>(this Gen<(T1, T2, T3)> gen, Action<T1, T2, T3> property, long iter = 100, int threads = 1,
        ulong seed = Seeded.DefaultSeed) =>
        Seeded.Check(gen, t => property(t.Item1, t.Item2, t.Item3), iter, seed);
}
