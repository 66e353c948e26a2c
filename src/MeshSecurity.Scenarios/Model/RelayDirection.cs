namespace MeshSecurity.Scenarios.Model;

/// <summary>
/// Which way a relayer fault acts on a link: what travels `to-consumer` (the provider's packets, and the acks and
/// timeouts of the consumer's), `to-provider`, or `both`.
/// </summary>
public enum RelayDirection
{
    Both,
    ToConsumer,
    ToProvider,
}
