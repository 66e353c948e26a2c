namespace MeshSecurity.Scenarios.Generation;

/// <summary>
/// How generated chains link (provider -> consumer): Ring (each chain secures the next, the last the first), Star
/// (the first chain secures every other), FullMesh (every chain secures every other), Random (each ordered pair
/// with probability <see cref="GeneratorOptions.Density"/>), Pairs (chain 2i secures chain 2i+1 only: many independent
/// provider/consumer pairs, as a cluster spreads them; an odd last chain is secured by the first).
/// </summary>
public enum Topology
{
    Ring,
    Star,
    FullMesh,
    Random,
    Pairs,
}
