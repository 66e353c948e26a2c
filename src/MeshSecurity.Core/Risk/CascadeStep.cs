using System.Collections.Immutable;
using MeshSecurity.Core.Math;

namespace MeshSecurity.Core.Risk;

/// <summary>
/// One step of a cascade (<see cref="RestakingRisk"/>): validators of <paramref name="Chain"/> (operator addresses)
/// slashed by the shock (<paramref name="Profit"/> null), or a coalition corrupting the chain because its slashable stake
/// <paramref name="Cost"/> fell below the <paramref name="Profit"/> of doing so.
/// </summary>
public sealed record CascadeStep(string Chain, ImmutableArray<string> Validators, Amount Cost, Amount? Profit)
{
    public bool IsShock => Profit is null;

    public override string ToString() => Describe(v => v);

    /// <summary>The step in words, with validators named by <paramref name="name"/>.</summary>
    public string Describe(Func<string, string> name) => Profit is { } p
        ? $"{Chain} corrupted by {string.Join(", ", Validators.Select(name))} at a cost of {Cost}, below its profit {p}"
        : $"shock: {Chain} {string.Join(", ", Validators.Select(name))} slashed (σ {Cost})";
}
