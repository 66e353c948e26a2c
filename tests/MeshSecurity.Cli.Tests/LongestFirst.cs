using MeshSecurity.Cli.Tests.Cluster;
using MeshSecurity.Cli.Tests.Deploy;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestCollectionOrderer("MeshSecurity.Cli.Tests.LongestFirst", "MeshSecurity.Cli.Tests")]

namespace MeshSecurity.Cli.Tests;

/// <summary>
/// Starts the longest test collections first. xunit runs the parallel collections two at a time on 2 cores (each holds its
/// slot until all its tests are done), in this order; the "console" collection runs alone after them. The local cluster
/// processes, the longest by far (over half of the Cli tests' time when it ran alone), start at once on one slot while
/// the other slot works through the rest; a long class started last would leave one slot idle at the end. The others keep
/// xunit's order. The lengths behind the list: per class, from `dotnet test --logger trx` (CONTRIBUTING.md).
/// </summary>
public sealed class LongestFirst : ITestCollectionOrderer
{
    /// <summary>Longest first: the named collection, then per-class collections by their test class.</summary>
    private static readonly string[] Order =
    [
        LocalClusterCollection.Name,
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
    internal static string ClassCollection<T>() => $"Test collection for {typeof(T).FullName}";
}
