namespace MeshSecurity.Scenarios.Generation;

/// <summary>
/// What `meshsec gen` builds: a topology over <paramref name="Chains"/> chains (2 to <see cref="Generator.MaxChains"/>),
/// every random choice drawn from <paramref name="Seed"/>, and for <see cref="Topology.Random"/> the probability
/// (0 to 1) that a given provider -> consumer pair is linked; and how many validators of distinct consumer chains double-sign
/// at the same time (a slash storm; 1 by default).
/// </summary>
public sealed record GeneratorOptions(Topology Topology, int Chains, string Seed = "mesh", double Density = 0.5, int DoubleSigns = 1);
