namespace MeshSecurity.Cli.Tests.Deploy;

/// <summary>
/// Tests that start meshsec node processes (and PostgreSQL) with deploy/local-cluster.sh or LocalNodes: one at a time, so
/// that one cluster's nodes never share the machine with another's. The collection runs beside the other parallel tests
/// (never beside the "console" collection, which runs alone), started first by <see cref="LongestFirst"/>: it is the
/// longest, and its nodes wait on the network, on failure detection and on paced runs much of their time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class LocalClusterCollection
{
    public const string Name = "local cluster processes";
}
