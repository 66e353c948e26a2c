using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Running;

/// <summary>
/// Where a run is: emulated time since readiness out of the run's length, blocks, packets in flight, steps done; during
/// set-up, what is being installed (<paramref name="Activity"/>, e.g. "link 3/170: osmosis → juno") and the emulated set-up
/// time so far (<paramref name="SetupElapsed"/>).
/// </summary>
public sealed record RunProgress(string Phase, Duration Elapsed, Duration Total, long Blocks, long PacketsInFlight, int StepsDone,
    int StepsTotal, string Activity = "", Duration SetupElapsed = default);
