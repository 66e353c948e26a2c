namespace MeshSecurity.Emulator.Cluster;

/// <summary>What a <see cref="ChaosFault"/> is aimed at.</summary>
public enum ChaosTarget
{
    /// <summary>A link of the run, named by its provider and consumer chains.</summary>
    Link,

    /// <summary>A chain of the run.</summary>
    Chain,

    /// <summary>The member that is asked.</summary>
    Node,

    /// <summary>The run as a whole: the chains, groups, links or validators the fault names (net.partition, econ.slash-storm).</summary>
    Run,
}
