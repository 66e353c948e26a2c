using System.Text.Json;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Emulator.Persistence;

/// <summary>
/// A cluster run's clock singleton handed over to the next oldest member, its member leaving gracefully
/// (docs/decisions/0016-a-member-that-leaves-is-carried-on-in-place.md). It is taken between windows, the clock held, so
/// it is all the clock knows: the time keeper's time reached and asked for, its next window's start, lookahead, windows
/// and chain blocks run, holds and recorded chaos ids (kept by id: a re-sent copy is answered, not applied again), why a
/// window could not end (if one could not), and who waits for a run of the clock (the driver's ask, an actor path); the
/// node clock's schedule (each chain's next block) and the recorder its events go to. Pacing starts again from the
/// time reached, as after <c>RestartPacing</c>: wall time does not move with the singleton.
/// </summary>
public sealed record ClockSnapshot(
    Timestamp Now,
    Timestamp Until,
    Timestamp? Next,
    ulong LookaheadNanos,
    long Windows,
    long ChainTicks,
    IReadOnlyList<string> Holds,
    IReadOnlyList<string> ChaosRecords,
    string? Undelivered,
    IReadOnlyList<string> Waiters,
    IReadOnlyList<ClockSnapshot.Scheduled> Schedule,
    string? Recorder)
{
    /// <summary>The format written and read; another is refused (the clock does not start from a state it cannot read).</summary>
    public const string Manifest = "clock-snapshot.v1";

    /// <summary>Chain <paramref name="Chain"/> makes its next block at <paramref name="At"/>.</summary>
    public sealed record Scheduled(string Chain, Timestamp At);

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, Wire.WireJsonContext.Default.ClockSnapshot);

    public static ClockSnapshot FromBytes(byte[] bytes, string manifest) => manifest == Manifest
        ? JsonSerializer.Deserialize(bytes, Wire.WireJsonContext.Default.ClockSnapshot)
            ?? throw new JsonException("an empty clock snapshot")
        : throw new JsonException($"a clock snapshot of format {manifest}, not {Manifest}");
}
