namespace MeshSecurity.Scenarios.Reporting;

/// <summary>
/// A fault the scenario injected, marked on report.html's voting-power charts of <paramref name="Chains"/>: an instant
/// (a double-sign, a crash, a provider-side slash) or, with <paramref name="To"/>, a window (a relayer stopped until it
/// started again, or to the end of the run). Times are emulated, since the network was ready.
/// </summary>
public sealed record ChartMarker(string Label, Model.Duration From, Model.Duration? To, IReadOnlyList<string> Chains);
