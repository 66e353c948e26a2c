namespace MeshSecurity.Scenarios.Generation;

/// <summary>
/// How generated chains link (provider -> consumer): Ring (each chain secures the next, the last the first), Star
/// (the first chain secures every other), FullMesh (every chain secures every other), Random (each ordered pair
/// with probability <see cref="GeneratorOptions.Density"/>).
/// </summary>
public enum Topology
{
    Ring,
    Star,
    FullMesh,
    Random,
}
