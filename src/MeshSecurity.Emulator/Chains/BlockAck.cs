using System.Collections.Immutable;
using MeshSecurity.Emulator.Clock;
using MeshSecurity.Emulator.Protocol;

namespace MeshSecurity.Emulator.Chains;

/// <summary>A relayer saw a block; it wants these timers.</summary>
public sealed record BlockAck(string ChannelId, string ChainId, ulong Height, ImmutableArray<TimerRequest> Timers) : IMeshProtocolMember;
