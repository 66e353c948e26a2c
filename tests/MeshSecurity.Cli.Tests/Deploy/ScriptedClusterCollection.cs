namespace MeshSecurity.Cli.Tests.Deploy;

/// <summary>
/// Tests that start small clusters with deploy/local-cluster.sh (two or three idle nodes, or the quickstart at 300x): one
/// at a time, as they share the README's fixed ports, but beside the parallel tests and started first (LongestFirst).
/// They need little CPU (nodes coming up, a paced run, graceful leaves: about 25 CPU seconds in their 130 s alone), so
/// alone after the parallel tests, as they ran in <see cref="LocalClusterCollection"/>, they left the machine mostly idle;
/// beside the others they take longer (the 300x run falls behind) but no longer add to the suite's time. Their free ports are
/// drawn below the kernel's ephemeral range (LocalCluster), where no port-0 bind or outgoing connection of another test
/// can take them.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ScriptedClusterCollection
{
    public const string Name = "scripted local clusters";
}
