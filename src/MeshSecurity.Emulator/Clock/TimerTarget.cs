namespace MeshSecurity.Emulator.Clock;

/// <summary>
/// What a timer wakes. Within one emulated instant channels (relays) run before chains (blocks), so a transaction a
/// relayer submits at time t is in the block a chain produces at t.
/// </summary>
public enum TimerTarget
{
    Channel = 0,
    Chain = 1,
}
