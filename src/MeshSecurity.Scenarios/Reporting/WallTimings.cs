namespace MeshSecurity.Scenarios.Reporting;

/// <summary>Wall-clock figures of a run: shown in the terminal and report.html, never in report.json (they vary run to run).</summary>
public sealed record WallTimings(TimeSpan Total, double EmulatedSecondsPerWallSecond);
