using MeshSecurity.Cli.Tests.Cluster;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestCollectionOrderer("MeshSecurity.Cli.Tests.LongestFirst", "MeshSecurity.Cli.Tests")]

namespace MeshSecurity.Cli.Tests;

/// <summary>
/// Starts the longest parallel test collections first. xunit runs them two at a time (on 2 cores), each holding its slot
/// until all its tests are done, in this order; a long class started last leaves the other slot idle at the end (in a
/// measured run the README's commands, started late, ran alone for the last 90 s of the parallel tests). The others keep
/// xunit's order. The "console" and local cluster collections run alone after the parallel ones, as they were: beside
/// them, a 100-pair storm's driver, starved of CPU, was downed by its own cluster. The lengths behind the list: per class,
/// from `dotnet test --logger trx` (CONTRIBUTING.md).
/// </summary>
public sealed class LongestFirst : ITestCollectionOrderer
{
    /// <summary>Longest first, by their test class.</summary>
    private static readonly string[] Order =
    [
        // mostly waiting on its clusters: started first, it waits beside the others' work rather than after it
        Deploy.ScriptedClusterCollection.Name,
        ClassCollection<KillResumeTests>(),
        ClassCollection<ReadmeCommandsTests>(),
        ClassCollection<BenchSmokeTests>(),
        ClassCollection<ShrinkTests>(),
        ClassCollection<ChaosApiTests>(),
        ClassCollection<ToolPackageTests>(),
        ClassCollection<ResumeTests>(),
    ];

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections)
    {
        var all = testCollections.ToList();
        int Rank(ITestCollection c) => Array.IndexOf(Order, c.DisplayName) is var i and >= 0 ? i : Order.Length;
        // OrderBy is stable: the unlisted keep xunit's order among themselves
        return all.OrderBy(Rank);
    }

    /// <summary>The display name xunit gives the collection of a class that names none (CollectionPerClass).</summary>
    private static string ClassCollection<T>() => $"Test collection for {typeof(T).FullName}";
}
