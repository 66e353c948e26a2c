namespace MeshSecurity.Emulator.Channels;

/// <summary>
/// What a channel's shard sends it when the shard moves to another member (sharding's hand-off stop message, never sent
/// across members): the channel saves its state between windows as a snapshot and stops (ChannelActor.HandOff.cs).
/// </summary>
public sealed record HandOffChannel : Akka.Actor.INoSerializationVerificationNeeded
{
    public static readonly HandOffChannel Instance = new();

    private HandOffChannel() { }
}
