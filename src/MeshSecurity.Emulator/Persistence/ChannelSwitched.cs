using MeshSecurity.Core.Relaying;

namespace MeshSecurity.Emulator.Persistence;

/// <summary>
/// A channel's fault switches after a driver's command changed them (pause, duplicate deliveries, faults, a crash's id),
/// journaled on a cluster before the command is answered or applied
/// (docs/decisions/0017-a-killed-member-is-carried-on-in-place.md). The last one read is in force; a resume and a crash's
/// restart end in a snapshot instead, as their relayer is rebuilt from the chains' state.
/// </summary>
public sealed record ChannelSwitched(bool Paused, bool Duplicate, RelayFaults Faults, string? LastCrash) : IJournalRecord;
