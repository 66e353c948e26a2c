using MeshSecurity.Cli.Tests.Cluster;
using Xunit.Sdk;

namespace MeshSecurity.Cli.Tests;

/// <summary>
/// The collection orderer on the collections xunit's own factory makes for this assembly's classes: the local cluster
/// processes first, then the listed classes longest first, then the others in the order given.
/// </summary>
public class LongestFirstTests
{
    [Fact]
    public void The_local_cluster_collection_starts_first_then_the_listed_classes_then_the_others_as_given()
    {
        var factory = new CollectionPerClassTestCollectionFactory(new TestAssembly(Reflector.Wrap(typeof(LongestFirst).Assembly)),
            new NullMessageSink());
        Type[] given = [typeof(ProgressTests), typeof(ResumeTests), typeof(CrashLogTests), typeof(KillResumeTests), typeof(ClusterRunTests),
            typeof(ChaosArgsReaderTests), typeof(BenchSmokeTests)];

        var ordered = new LongestFirst().OrderTestCollections(given.Select(t => factory.Get(Reflector.Wrap(t)))).ToList();

        Assert.Equal(["local cluster processes", .. new[] { typeof(KillResumeTests), typeof(BenchSmokeTests), typeof(ResumeTests),
            typeof(ProgressTests), typeof(CrashLogTests), typeof(ChaosArgsReaderTests) }.Select(t => $"Test collection for {t.FullName}")],
            ordered.Select(c => c.DisplayName));
    }
}
