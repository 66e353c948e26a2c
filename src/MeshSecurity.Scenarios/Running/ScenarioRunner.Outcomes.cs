using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Reporting;

namespace MeshSecurity.Scenarios.Running;

public sealed partial class ScenarioRunner
{
    /// <summary>
    /// A step's transactions and whether it came out as expected: every transaction succeeded, or (with expect-error) the
    /// first that failed failed with the error expected. A step whose transactions had not run by the end (its chain halted,
    /// or the run ended first) is noted, not failed, unless it expected an error; an interrupted run does not judge it.
    /// </summary>
    private RunReport.StepInfo StepReport(ScenarioStep step, int index)
    {
        var executed = _tally.Steps;
        var ids = _stepTxs.GetValueOrDefault(index, []);
        var txs = ids.Select(t => executed.TryGetValue(t.TxId, out var x)
            ? new RunReport.TxInfo(t.Chain, t.TxId, x.Height, Since(x.Time), x.Success, x.Error)
            : new RunReport.TxInfo(t.Chain, t.TxId, 0, "", false, NotExecuted)).ToList();
        var expected = step.ExpectError?.ToString() ?? (step is ScenarioStep.InjectPacket i ? "success, " + i.ExpectedAck : "success");
        RunTally.Executed? failed = null;
        var pending = false;
        string? halted = null;
        foreach (var t in ids)
        {
            if (!executed.TryGetValue(t.TxId, out var x))
            {
                pending = true;
                if (_tally.Halts.ContainsKey(t.Chain)) halted ??= t.Chain;
            }
            else if (!x.Success)
            {
                failed = x;
                break;
            }
        }
        var (outcome, ok) = (failed, pending) switch
        {
            _ when !_stepTxs.ContainsKey(index) => ("not run", _interrupted),
            _ when _stepRefusals.TryGetValue(index, out var refusal) => (refusal, false),
            _ when _reopening.Values.Any(r => r.Step == index) => ("the handshake had not finished when the run ended", true),
            // not run by the end (a halted chain takes nothing more, or the run ended first): noted, as a slash that cannot
            // reach a halted chain is; but a refusal that was expected never came
            (null, true) => (halted is null ? NotExecuted : $"not executed: {halted} halted", step.ExpectError is null || _interrupted),
            (null, false) when ids.Count == 0 => ("success (no transaction)", step.ExpectError is null),
            (null, false) when step is ScenarioStep.InjectPacket inject => JudgeAck(inject, executed[ids[0].TxId].Ack),
            (null, false) => ("success", step.ExpectError is null),
            ({ } f, _) => (f.Error ?? "failed", step.ExpectError is { } e && f.Cause is { } cause && e.Matches(cause)),
        };
        if (step is ScenarioStep.Chaos { Fault: ChaosSpec.EconWithdrawRace } && !pending && RaceOutcome(index) is { } race)
            (outcome, ok) = race;
        if (!step.ExpectEvents.IsEmpty)
        {
            expected += "; events " + string.Join("; ", step.ExpectEvents);
            if (ok && failed is null && !pending)
                (outcome, ok) = JudgeEvents(step, [.. ids.SelectMany(t => executed[t.TxId].Events)], outcome);
        }
        var fault = step is ScenarioStep.Chaos c ? c.Fault.Describe()
            + (c.For is { } lasts ? $" for {lasts}" : "") + $" ({c.Source})" : null;
        return new RunReport.StepInfo(index, step.At.ToString(), step.Action, Where(step.Location), [.. txs], expected, outcome, ok,
            ActsAs(step), fault);
    }

    private const string NotExecuted = "not executed before the run ended";
}
