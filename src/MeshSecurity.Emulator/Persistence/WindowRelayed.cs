namespace MeshSecurity.Emulator.Persistence;

/// <summary>
/// A relay window a channel relayed, journaled on a cluster once the chains answered its submissions and before it
/// answers the clock (docs/decisions/0017-a-killed-member-is-carried-on-in-place.md): its next incarnation runs the digests
/// kept before it through its relayer again, sending nothing (the chains hold what it submitted), and answers a re-sent
/// copy of the window as the first was answered, with the chains it had <paramref name="SubmittedTo"/> (they seal it).
/// </summary>
public sealed record WindowRelayed(long Window, IReadOnlyList<string> SubmittedTo) : IJournalRecord;
