using MeshSecurity.Core.Math;

namespace MeshSecurity.Scenarios.Model;

/// <summary>A genesis validator: its name (its operator address and key derive from it) and its self-bond.</summary>
public sealed record ScenarioValidator(string Name, Amount Stake)
{
    public SourceLocation Location { get; init; } = SourceLocation.None;
}
