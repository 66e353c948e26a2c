namespace MeshSecurity.Scenarios.Model;

/// <summary>Which of a link's two relayer paths a relayer fault acts on: `mesh`, `ics20` (the transfer channel) or `both`.</summary>
public enum RelayChannel
{
    Both,
    Mesh,
    Ics20,
}
