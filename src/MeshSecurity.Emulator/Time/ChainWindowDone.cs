using System.Collections.Immutable;
using MeshSecurity.Core.Types;
using MeshSecurity.Emulator.Protocol;

namespace MeshSecurity.Emulator.Time;

/// <summary>
/// A chain produced its blocks of a window and every observer acknowledged their digests. <paramref name="Next"/> is its
/// next block time (null when it halted); <paramref name="Observers"/> the channels it sent digests to, which relay next.
/// </summary>
public sealed record ChainWindowDone(long Window, string ChainId, Timestamp? Next, ImmutableArray<string> Observers) : IMeshProtocolMember;
