using MeshSecurity.Core.Types;
using MeshSecurity.Emulator.Protocol;

namespace MeshSecurity.Emulator.Clock;

/// <summary>The clock tells a relayer that a delivery is due. Answer: <see cref="StepDone"/>.</summary>
public sealed record ChannelTick(string ChannelId, ulong Step, Timestamp Now) : IWithChannelId;
