using MeshSecurity.Core.Math;

namespace MeshSecurity.Core.Types;

/// <summary>An amount of one denomination.</summary>
public sealed record Coin(string Denom, Amount Amount)
{
    public override string ToString() => $"{Amount}{Denom}";
}
