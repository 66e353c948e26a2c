namespace MeshSecurity.Emulator.Hosting;

/// <summary>
/// What a journal location holds, read without changing it: nothing yet, a journal of this tool's (with its stamp
/// when it has one, and how many records it holds), or something else (<see cref="Foreign"/> says what).
/// </summary>
public sealed record JournalInspection(bool Exists, string? Foreign, JournalStamp? Stamp, long Records)
{
    public static readonly JournalInspection Absent = new(false, null, null, 0);

    public static JournalInspection NotOurs(string why) => new(true, why, null, 0);

    /// <summary>True when the location may be emptied: nothing is there, or a journal this tool wrote.</summary>
    public bool IsOurs => Foreign is null;
}
