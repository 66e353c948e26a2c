namespace MeshSecurity.Scenarios.Model;

/// <summary>Which behaviour the link's contracts follow: the seed README's intent, or the 2022 prototype's code.</summary>
public enum LinkProfile
{
    Intended,
    Prototype2022,
}
