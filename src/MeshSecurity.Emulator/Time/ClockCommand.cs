using MeshSecurity.Core.Types;
using MeshSecurity.Emulator.Protocol;

namespace MeshSecurity.Emulator.Time;

/// <summary>Commands of the time keeping, from the network's driver.</summary>
public abstract record ClockCommand : IMeshProtocolMember
{
    private ClockCommand() { }

    /// <summary>A new chain and its first block time (to the node clock). Answer: <see cref="ClockStatus"/>.</summary>
    public sealed record Register(string ChainId, Timestamp FirstBlock) : ClockCommand;

    /// <summary>
    /// The smallest latency any relayer can draw: windows are at most this long (one instant when zero). Answer:
    /// <see cref="ClockStatus"/>.
    /// </summary>
    public sealed record SetLookahead(ulong Nanos) : ClockCommand;

    /// <summary>
    /// Runs every window up to and including <paramref name="Until"/>, then pauses. Answer: <see cref="ClockStatus"/> when reached.
    /// </summary>
    public sealed record RunUntil(Timestamp Until) : ClockCommand;

    /// <summary>
    /// Paces from here on as if the run started now (set-up, paced or not, leaves no debt for the run to catch up).
    /// Answer: <see cref="ClockStatus"/>.
    /// </summary>
    public sealed record RestartPacing : ClockCommand;

    /// <summary>
    /// The sender (a run's event recorder on another node) receives the chains' events from now on, instead of the clock's
    /// own node. Answer: <see cref="EventsSubscribed"/>.
    /// </summary>
    public sealed record SubscribeEvents : ClockCommand;

    /// <summary>
    /// A fault injected into the run (a scenario's chaos, meshsec chaos): the time keeper stamps it with its time and passes
    /// it on with the chains' events, so it lands in events.jsonl. Answer: <see cref="ClockStatus"/>. It is recorded once by
    /// its <paramref name="Id"/> (unique per record: <c>driver/record/&lt;n&gt;</c>, a member's
    /// <c>&lt;member address&gt;#&lt;uid&gt;/record/&lt;n&gt;</c>): a second copy (a re-sent ask, docs/decisions/0013) is only answered.
    /// </summary>
    public sealed record RecordChaos(string Chain, string Fault, System.Collections.Immutable.ImmutableArray<string> Targets,
        string Member, string Id) : ClockCommand;

    /// <summary>
    /// Opens no window until the same <paramref name="Id"/> is released: infrastructure work that needs every chain at rest
    /// between windows (a forced shard hand-off) waits for it. Emulated time does not move meanwhile, so the history does
    /// not change. Answer: <see cref="ClockStatus"/> once no window is open.
    /// </summary>
    public sealed record Hold(string Id) : ClockCommand;

    /// <summary>Ends the hold <paramref name="Id"/>; windows open again once no hold is left. Answer: <see cref="ClockStatus"/>.</summary>
    public sealed record Release(string Id) : ClockCommand;

    /// <summary>Answer: <see cref="ClockStatus"/> now.</summary>
    public sealed record GetStatus : ClockCommand;

    /// <summary>
    /// Sends the open window's current phase message again, at once, to whoever has not answered it (what the stall timeout
    /// does after a wait): a member was downed (<paramref name="Reason"/> says which), and the entities it hosted start again
    /// elsewhere, where only a copy reaches them (docs/decisions/0017-a-killed-member-is-carried-on-in-place.md). Handlers
    /// are idempotent, so a copy to an entity that was only slow is answered as the first was. Answer: <see cref="ClockStatus"/>.
    /// </summary>
    public sealed record Resend(string Reason) : ClockCommand;
}
