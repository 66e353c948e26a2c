using MeshSecurity.Emulator.Protocol;

namespace MeshSecurity.Emulator.Time;

/// <summary>The answer to <see cref="ClockCommand.SubscribeEvents"/>: the chains' events go to the subscriber from now on.</summary>
public sealed record EventsSubscribed : IMeshProtocolMember;
