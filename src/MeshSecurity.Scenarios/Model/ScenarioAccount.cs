using MeshSecurity.Core.Types;

namespace MeshSecurity.Scenarios.Model;

/// <summary>A genesis account by name (its address derives from the name and the chain's prefix) and its balance.</summary>
public sealed record ScenarioAccount(string Name, Coins Balance)
{
    public SourceLocation Location { get; init; } = SourceLocation.None;
}
