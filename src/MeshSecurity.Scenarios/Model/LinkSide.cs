namespace MeshSecurity.Scenarios.Model;

/// <summary>One end of a link's channel: the provider chain's or the consumer chain's.</summary>
public enum LinkSide
{
    Provider,
    Consumer,
}
