namespace MeshSecurity.Emulator.Protocol;

/// <summary>A message addressed to one chain entity; the chain extractor routes on <see cref="ChainId"/>.</summary>
public interface IWithChainId : IMeshProtocolMember
{
    string ChainId { get; }
}
