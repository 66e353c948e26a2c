using MeshSecurity.Cli.Tests.Cluster;
using Xunit.Sdk;

namespace MeshSecurity.Cli.Tests;

/// <summary>
/// The collection orderer on the collections xunit's own factory makes for this assembly's classes: the listed ones
/// longest first (the scripted clusters, which mostly wait, before all), then the others (a named collection among them)
/// in the order given.
/// </summary>
public class LongestFirstTests
{
    [Fact]
    public void The_listed_classes_start_longest_first_then_the_others_as_given()
    {
        var factory = new CollectionPerClassTestCollectionFactory(new TestAssembly(Reflector.Wrap(typeof(LongestFirst).Assembly)),
            new NullMessageSink());
        Type[] given = [typeof(ProgressTests), typeof(ResumeTests), typeof(CrashLogTests), typeof(KillResumeTests), typeof(ClusterRunTests),
            typeof(ChaosArgsReaderTests), typeof(BenchSmokeTests), typeof(ReadmeClusterTests)];

        var ordered = new LongestFirst().OrderTestCollections(given.Select(t => factory.Get(Reflector.Wrap(t)))).ToList();

        string[] expected = ["scripted local clusters", .. new[] { typeof(KillResumeTests), typeof(BenchSmokeTests), typeof(ResumeTests),
            typeof(ProgressTests), typeof(CrashLogTests) }.Select(t => $"Test collection for {t.FullName}"), "local cluster processes",
            $"Test collection for {typeof(ChaosArgsReaderTests).FullName}"];
        Assert.Equal(expected, ordered.Select(c => c.DisplayName));
    }
}
