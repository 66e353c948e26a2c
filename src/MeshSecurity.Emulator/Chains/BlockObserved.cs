using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Emulator.Protocol;

namespace MeshSecurity.Emulator.Chains;

/// <summary>
/// A chain tells a relayer (channel entity) about a committed block: its header (for light clients) and results.
/// The relayer answers <see cref="BlockAck"/> with the timers it now needs, so the chain's clock step covers them.
/// </summary>
public sealed record BlockObserved(string ChannelId, string ChainId, ClientHeader Header, BlockResult Block) : IWithChannelId;
