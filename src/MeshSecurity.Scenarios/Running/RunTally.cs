using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Invariants;
using MeshSecurity.Core.Mesh;
using MeshSecurity.Core.Types;
using MeshSecurity.Emulator.Events;
using MeshSecurity.Emulator.Network;
using MeshSecurity.Scenarios.Reporting;

namespace MeshSecurity.Scenarios.Running;

/// <summary>
/// Everything the runner's report and end checks read from the history, gathered slice by slice as the run goes: the
/// steps' transaction results, each chain's halt, the first divergence from the journal, the packets
/// (<see cref="PacketTally"/>), the slashes (<see cref="SlashTrails"/>) and the charts' series (<see cref="ReportSeries"/>).
/// </summary>
internal sealed class RunTally(Func<IReadOnlyCollection<MeshLinkInfo>> links) : IEventSink
{
    /// <summary>What the report says of an executed step transaction; <paramref name="Ack"/> is the ack it wrote, if any.</summary>
    internal sealed record Executed(ulong Height, Timestamp Time, bool Success, string? Error, Core.Errors.MeshError? Cause,
        Core.Ibc.Acknowledgement? Ack = null, System.Collections.Immutable.ImmutableArray<Core.Types.Event> Events = default);

    private readonly Dictionary<string, Executed> _steps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EmulatorEvent.ChainHalted> _halts = new(StringComparer.Ordinal);

    public PacketTally Packets { get; } = new();
    public SlashTrails Slashes { get; } = new(links);
    public ReportSeries Series { get; } = new();

    /// <summary>The catalogue's checks of what happened (<see cref="InvariantHistory"/>), fed every transaction and hook.</summary>
    public InvariantHistory Invariants { get; } = new(PacketTally.InjectedFrom);

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
                    Invariants.Observe(t.ChainId, t.Height, t.Time, t.Result);
                    break;
                case EmulatorEvent.TxExecuted t:
                    Invariants.Observe(t.ChainId, t.Height, t.Time, t.Result);
                    break;
                case EmulatorEvent.HookExecuted h:
                    Invariants.Observe(h.ChainId, h.Height, h.Time, h.Result);
                    break;
                case EmulatorEvent.ChainHalted halt:
                    _halts.TryAdd(halt.ChainId, halt);
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
        FollowSlashes(events);
        Series.Write(events);
    }

    /// <summary>Hands each block's transactions, hooks and staking slashes to <see cref="Slashes"/> (a block comes in one slice).</summary>
    private void FollowSlashes(IReadOnlyList<EmulatorEvent> events)
    {
        EmulatorEvent? block = null;
        List<TxResult> results = [];
        List<string> slashed = [];
        foreach (var e in events)
        {
            if (e is not (EmulatorEvent.TxExecuted or EmulatorEvent.HookExecuted or EmulatorEvent.SlashApplied)) continue;
            if (block is not null && (block.ChainId != e.ChainId || block.Height != e.Height)) Flush();
            block ??= e;
            if (e is EmulatorEvent.TxExecuted t) results.Add(t.Result);
            else if (e is EmulatorEvent.HookExecuted h) results.Add(h.Result);
            else slashed.Add(((EmulatorEvent.SlashApplied)e).Validator);
        }
        Flush();

        void Flush()
        {
            if (block is not null) Slashes.Observe(block.ChainId, block.Height, block.Time, slashed, results);
            (block, results, slashed) = (null, [], []);
        }
    }

    /// <summary>The acknowledgement a transaction wrote (an injected packet's), or null when it wrote none.</summary>
    private static Core.Ibc.Acknowledgement? AckOf(Core.Execution.TxResult result) =>
        result.Events.FirstOrDefault(e => e.Type == Core.Ibc.IbcEvents.WriteAcknowledgement)?.ValueOf(Core.Ibc.IbcEvents.AckHex)
            is { } bytes
            ? Core.Ibc.Acknowledgement.FromBytes(bytes.AsBytes())
            : null;

    /// <summary>The prefix of the ids of the transactions the runner submits for steps.</summary>
    public const string StepTxPrefix = "step/";
}
