using MeshSecurity.Emulator.Protocol;

namespace MeshSecurity.Emulator.Time;

/// <summary>
/// The chains of a window are done: a channel relays what it observed in it, in (time, chain, height) order. Answer:
/// <see cref="RelayWindowDone"/> once its submissions were accepted (again, when re-sent for a window already done).
/// </summary>
public sealed record RelayWindow(string ChannelId, long Window) : IWithChannelId;
