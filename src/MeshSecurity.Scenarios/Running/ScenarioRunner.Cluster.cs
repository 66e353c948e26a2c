using Akka.Actor;
using MeshSecurity.Core.Mesh;
using MeshSecurity.Emulator.Cluster;
using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Scenarios.Reporting;
using Microsoft.Extensions.Logging;
using Duration = MeshSecurity.Scenarios.Model.Duration;

namespace MeshSecurity.Scenarios.Running;

/// <summary>
/// A run on a cluster (meshsec run --cluster): this process joins as the driver and runs the scenario on the members.
/// When a member hosting the run leaves or is removed (killed, then downed by the split-brain resolver), the run starts
/// again on the members left, as a new attempt with new regions, clock and journal records, from genesis. The history
/// does not depend on where entities ran, so the report and the events are those of an undisturbed run.
/// </summary>
public sealed partial class ScenarioRunner
{
    /// <summary>How many times the last run started (more than 1: a cluster run started again after losing a member).</summary>
    public int Attempts { get; private set; } = 1;

    private async Task<RunReport?> RunOnClusterAsync(ClusterTarget target, CancellationToken ct)
    {
        var system = ClusterHost.Start(new NodeSettings
        {
            Hostname = target.Hostname, Port = 0, Seeds = target.Seeds, Roles = [NodeSettings.DriverRole], ControlPort = 0,
        }, _loggers);
        try
        {
            var settings = Settings();
            var spec = RunSpec.For(settings, target.Placement);
            var runner = this;
            while (true)
            {
                var (attempt, current) = (spec, runner);
                // the first attempt waits for the members asked for; a later one goes on with those left
                var members = attempt.Attempt == 1 ? target.MinMembers : 1;
                // members pass the faults this attempt's runner keeps (a channel it follows, a price it publishes) on to it
                var inbox = current.StartLiveChaos(system, attempt.Instance);
                try
                {
                    return await current.AttemptAsync(async () =>
                    {
                        var net = await ClusterDriver.StartAsync(system, current.Settings(), MeshContracts.Codes(), attempt, members,
                            target.JoinTimeout, ct);
                        try
                        {
                            // before any window, once the members said how they journal
                            current.RefuseHandOffs(net.MembersJournalInMemory);
                        }
                        catch (Parsing.ScenarioException)
                        {
                            await net.DisposeAsync();
                            throw;
                        }
                        return net;
                    }, ct);
                }
                catch (ClusterMemberLostException lost) when (attempt.Attempt <= target.Restarts && !ct.IsCancellationRequested)
                {
                    _log.LogWarning("{Reason}: the run starts again on the members left (attempt {Attempt} of at most {Attempts})",
                        lost.Message, attempt.Attempt + 1, target.Restarts + 1);
                    spec = attempt.Next();
                    runner = new ScenarioRunner(_scenario, _options, _loggers, _progress);
                    _last = runner;
                    Attempts = spec.Attempt;
                    runner.Report("setup", Duration.Zero, $"{lost.Message}; starting again on the members left");
                }
                catch (ClusterMemberLostException lost) when (!ct.IsCancellationRequested)
                {
                    throw new ClusterMemberLostException(lost.Address, lost.What, target.Restarts == 0
                        ? "the run does not start again (--restarts 0)"
                        : $"the run had started again {target.Restarts} time(s) already (--restarts)");
                }
                finally
                {
                    system.Stop(inbox);
                }
            }
        }
        finally
        {
            // a driver leaves its cluster rather than vanish (the members would wait for it to be downed)
            await CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClusterLeavingReason.Instance);
            await system.Terminate();
        }
    }
}
