namespace MeshSecurity.Emulator.Persistence;

/// <summary>
/// The ids of the injected crashes (<see cref="Chains.ChainCommand.Crash"/>) a chain has applied, oldest first, at most
/// <see cref="Chains.ChainActor.KeptCrashIds"/>: written before the crash it adds, so whichever incarnation of the chain
/// gets a late copy of that crash (restarted, handed off to another member, recovered from its snapshot and journal)
/// answers it without crashing again (docs/decisions/0013). Written empty when a network starts the chain over (a resumed
/// run), whose driver numbers its crashes from 1 again. The last one read is the chain's list.
/// </summary>
public sealed record CrashesApplied(IReadOnlyList<string> Ids) : IJournalRecord;
