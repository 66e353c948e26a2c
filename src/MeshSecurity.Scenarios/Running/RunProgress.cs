using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Running;

/// <summary>
/// Where a run is: emulated time since readiness out of the run's length, blocks, packets in flight, steps done; during
/// set-up, what is being installed (<paramref name="Activity"/>, e.g. "link 3/170: osmosis → juno") and the emulated set-up
/// time so far (<paramref name="SetupElapsed"/>); while running, the rate achieved (emulated seconds per wall second since
/// the network was ready), how far behind the requested speed the run is (wall seconds), and whom time keeping has
/// been waiting for too long (empty when nobody).
/// </summary>
public sealed record RunProgress(string Phase, Duration Elapsed, Duration Total, long Blocks, long PacketsInFlight, int StepsDone,
    int StepsTotal, string Activity = "", Duration SetupElapsed = default, double Rate = 0, double BehindSeconds = 0, string Waiting = "");
