namespace MeshSecurity.Scenarios.Generation;

/// <summary>
/// What `meshsec soak` runs: <paramref name="Chains"/> chains in a ring with chords (each secures the next and, drawn,
/// another), <paramref name="Ops"/> staker operations spread over the run, and a nemesis drawing from
/// <paramref name="Faults"/> (null: every fault of every family; <see cref="SoakGenerator.RetiringFaults"/> listed are placed
/// once each rather than drawn) the whole time the operations go on; all drawn from <paramref name="Seed"/>.
/// </summary>
public sealed record SoakOptions(int Chains, int Ops, string Seed = "soak", IReadOnlyList<string>? Faults = null)
{
    public const int MinChains = 3;
    public const int MaxChains = 200;
    public const int MaxOps = 1_000_000;
}
