using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Running;

/// <summary>Where a run is: emulated time since genesis out of the run's length, blocks, packets in flight, steps done.</summary>
public sealed record RunProgress(string Phase, Duration Elapsed, Duration Total, long Blocks, long PacketsInFlight, int StepsDone, int StepsTotal);
