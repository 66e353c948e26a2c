using MeshSecurity.Core.Mesh;
using MeshSecurity.Core.Types;
using MeshSecurity.Emulator.Events;
using MeshSecurity.Emulator.Network;
using MeshSecurity.Scenarios.Reporting;

namespace MeshSecurity.Scenarios.Running;

/// <summary>
/// Everything the runner's report and end checks read from the history, gathered slice by slice as the run goes: the
/// steps' transaction results, each chain's halt, the first divergence from the journal, the packets
/// (<see cref="PacketTally"/>), the slashes (<see cref="SlashTracker"/>) and the charts' series (<see cref="ReportSeries"/>).
/// </summary>
internal sealed class RunTally(Func<IReadOnlyCollection<MeshLinkInfo>> links) : IEventSink
{
    /// <summary>What the report says of an executed step transaction; <paramref name="Ack"/> is the ack it wrote, if any.</summary>
    internal sealed record Executed(ulong Height, Timestamp Time, bool Success, string? Error, Core.Errors.MeshError? Cause,
        Core.Ibc.Acknowledgement? Ack = null, System.Collections.Immutable.ImmutableArray<Core.Types.Event> Events = default);

    private readonly Dictionary<string, Executed> _steps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EmulatorEvent.ChainHalted> _halts = new(StringComparer.Ordinal);

    public PacketTally Packets { get; } = new();
    public SlashTracker Slashes { get; } = new(links);
    public ReportSeries Series { get; } = new();

    /// <summary>The first block a resumed chain made differently from its journal.</summary>
    public EmulatorEvent.ReplayDiverged? Diverged { get; private set; }

    /// <summary>The first execution of each step transaction (ids "step/...").</summary>
    public IReadOnlyDictionary<string, Executed> Steps => _steps;

    /// <summary>Faults injected into the live run with `meshsec chaos` (not by the scenario's steps), in order.</summary>
    public List<EmulatorEvent.ChaosInjected> LiveChaos { get; } = [];

    /// <summary>Each halted chain's first halt.</summary>
    public IReadOnlyDictionary<string, EmulatorEvent.ChainHalted> Halts => _halts;

    public void Write(IReadOnlyList<EmulatorEvent> events)
    {
        foreach (var e in events)
        {
            switch (e)
            {
                case EmulatorEvent.TxExecuted t when t.TxId.StartsWith(StepTxPrefix, StringComparison.Ordinal):
                    _steps.TryAdd(t.TxId, new Executed(t.Height, t.Time, t.Success, t.Result.Error?.ToString(), t.Result.Error,
                        AckOf(t.Result), t.Result.Events));
                    break;
                case EmulatorEvent.ChainHalted h:
                    _halts.TryAdd(h.ChainId, h);
                    break;
                case EmulatorEvent.ChaosInjected c when !c.Member.StartsWith("steps[", StringComparison.Ordinal) && c.Member != "nemesis":
                    LiveChaos.Add(c);
                    break;
                case EmulatorEvent.ReplayDiverged d:
                    Diverged ??= d;
                    break;
            }
        }
        Packets.Write(events);
        Slashes.Write(events);
        Series.Write(events);
    }

    /// <summary>The acknowledgement a transaction wrote (an injected packet's), or null when it wrote none.</summary>
    private static Core.Ibc.Acknowledgement? AckOf(Core.Execution.TxResult result) =>
        result.Events.FirstOrDefault(e => e.Type == Core.Ibc.IbcEvents.WriteAcknowledgement)?.Get(Core.Ibc.IbcEvents.AckHex) is { } hex
            ? Core.Ibc.Acknowledgement.FromBytes(Convert.FromHexString(hex))
            : null;

    /// <summary>The prefix of the ids of the transactions the runner submits for steps.</summary>
    public const string StepTxPrefix = "step/";
}
