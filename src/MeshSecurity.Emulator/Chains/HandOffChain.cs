namespace MeshSecurity.Emulator.Chains;

/// <summary>
/// What a chain's shard sends it when the shard moves to another member (sharding's hand-off stop message, never sent
/// across members): the chain journals what it took in since its last block and stops once every write is done, so its
/// next incarnation, elsewhere, rebuilds all of it from the journal (ChainActor.Recovery.cs). A chain never started stops at once.
/// </summary>
public sealed record HandOffChain : Akka.Actor.INoSerializationVerificationNeeded
{
    public static readonly HandOffChain Instance = new();

    private HandOffChain() { }
}
