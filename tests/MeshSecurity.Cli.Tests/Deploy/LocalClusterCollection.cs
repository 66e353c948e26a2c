namespace MeshSecurity.Cli.Tests.Deploy;

/// <summary>
/// Tests that run scenarios on meshsec node processes (the storms of ClusterRunTests, a member's transport faults): they run
/// on their own, after the parallel tests, so that their nodes neither slow other tests down nor are slowed down by them on
/// a small machine (beside them, a 100-pair storm's driver, starved of CPU, was downed by its own cluster). The scripted
/// clusters, which mostly wait, run beside the parallel tests instead (<see cref="ScriptedClusterCollection"/>).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LocalClusterCollection
{
    public const string Name = "local cluster processes";
}
