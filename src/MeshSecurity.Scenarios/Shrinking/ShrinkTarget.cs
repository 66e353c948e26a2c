using MeshSecurity.Scenarios.Reporting;

namespace MeshSecurity.Scenarios.Shrinking;

/// <summary>
/// The failure a shrink keeps: the first invariant the original run violated, or else its first failed expectation with
/// the value it read (expectations are never cut, so their order stays; the same value, so that cutting the steps that
/// set a value up does not pass for the failure). A smaller scenario counts only when it fails the same way.
/// </summary>
public sealed record ShrinkTarget(string? Invariant, int? Expectation, string? Actual, string Said)
{
    public static ShrinkTarget? Of(RunReport report)
    {
        if (report.Invariants.FirstOrDefault(i => !i.Ok) is { } broken)
            return new ShrinkTarget(broken.Name, null, null, $"invariant \"{broken.Name}\" ({broken.Detail})");
        if (report.Expectations.FirstOrDefault(e => !e.Ok) is { } failed)
            return new ShrinkTarget(null, failed.Index, failed.Actual,
                $"expectation at {failed.Location} ({failed.What}: expected {failed.Expected}, got {failed.Actual})");
        return null;
    }

    public bool FailsIn(RunReport report) => Invariant is { } name
        ? report.Invariants.Any(i => i.Name == name && !i.Ok)
        : report.Expectations.Any(e => e.Index == Expectation && !e.Ok && e.Actual == Actual);
}
