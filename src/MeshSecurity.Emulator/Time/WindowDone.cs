using MeshSecurity.Core.Types;
using MeshSecurity.Emulator.Protocol;

namespace MeshSecurity.Emulator.Time;

/// <summary>
/// A node finished a window: its chains and channels are done. <paramref name="Next"/> is the earliest next block of
/// its chains (null: none scheduled); <paramref name="Chains"/> how many chains produced blocks in the window.
/// </summary>
public sealed record WindowDone(long Window, Timestamp? Next, int Chains) : IMeshProtocolMember;
