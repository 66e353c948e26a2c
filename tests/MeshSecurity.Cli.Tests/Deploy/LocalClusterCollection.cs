namespace MeshSecurity.Cli.Tests.Deploy;

/// <summary>
/// Tests that start meshsec node processes (and PostgreSQL) with deploy/local-cluster.sh: they run on their own, after
/// the parallel tests, so that their nodes neither slow other tests down nor are slowed down by them on a small machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LocalClusterCollection
{
    public const string Name = "local cluster processes";
}
