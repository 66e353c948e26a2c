using MeshSecurity.Core.Ibc;

namespace MeshSecurity.Emulator.Persistence;

/// <summary>A relayer registered to see the chain's blocks, cut for its channel end (null until the channel id is known).</summary>
public sealed record ObserverAdded(string ChannelId, IbcEndpoint? End) : IJournalRecord;
