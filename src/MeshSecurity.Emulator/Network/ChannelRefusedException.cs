namespace MeshSecurity.Emulator.Network;

/// <summary>A channel handshake step was refused by a chain (for example by the bound contract).</summary>
public sealed class ChannelRefusedException(string channelId, string step, string error)
    : Exception($"channel {channelId}: {step} refused: {error}")
{
    public string ChannelId { get; } = channelId;
    public string Step { get; } = step;
    public string Error { get; } = error;
}
