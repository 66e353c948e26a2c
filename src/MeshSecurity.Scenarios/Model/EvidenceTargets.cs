namespace MeshSecurity.Scenarios.Model;

/// <summary>
/// Where a double-sign's evidence goes: the mesh-slasher of every provider that links to the offending (consumer)
/// chain, and/or the chain's own evidence module. None: nobody notices.
/// </summary>
[Flags]
public enum EvidenceTargets
{
    None = 0,
    Slashers = 1,
    Chain = 2,
    Both = Slashers | Chain,
}
