using MeshSecurity.Emulator.Network;
using MeshSecurity.Scenarios.Reporting;
using Microsoft.Extensions.Logging;

namespace MeshSecurity.Scenarios.Running;

public sealed partial class ScenarioRunner
{
    /// <summary>The channel handshake a chain refused while the links were set up, as the report names it; null when none was.</summary>
    private string? _setupRefused;

    /// <summary>
    /// A chain refused one of the links' channel handshakes (an ordered mesh link, for example): the network never
    /// became ready, so no step runs and no expectation is read. The run still ends with a report, which names the
    /// refused handshake and fails (exit 1): a scenario of a refused handshake is a run like any other.
    /// </summary>
    private async Task<RunReport> RefusedReport(ChannelRefusedException refused)
    {
        _setupRefused = refused.Message;
        _log.LogWarning("set-up stopped: {Refused}", refused.Message);
        _t0 = await _net.NowAsync();
        await ReadyAsync();
        return await BuildReport();
    }

    /// <summary>After a refused set-up: every expectation, unread.</summary>
    private IEnumerable<RunReport.ExpectationInfo> Unread() =>
        _scenario.Expectations.Select((e, i) => Judged(i, e, e.What, e.Against?.ToString() ?? e.Expected.ToString(), null,
            "not read: the links were not set up", false));
}
