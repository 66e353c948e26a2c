namespace MeshSecurity.Emulator.Protocol;

/// <summary>A message addressed to one channel (relayer path) entity; the channel extractor routes on <see cref="ChannelId"/>.</summary>
public interface IWithChannelId : IMeshProtocolMember
{
    string ChannelId { get; }
}
