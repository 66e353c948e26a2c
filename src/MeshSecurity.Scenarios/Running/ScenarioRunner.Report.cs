using System.Collections.Immutable;
using Akka.Actor;
using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Invariants;
using MeshSecurity.Core.Staking;
using MeshSecurity.Core.Types;
using MeshSecurity.Scenarios.Reporting;

namespace MeshSecurity.Scenarios.Running;

public sealed partial class ScenarioRunner
{
    private async Task<RunReport> BuildReport()
    {
        // the clock stands: whatever the chains published since the last slice is handed to the tally too
        await _net.FlushEventsAsync();
        await SettleReopens();
        var links = await CheckAtEnd();
        var slashes = Slashes();
        // a halted consumer receives nothing more: its missing Burns are noted, not failed
        var halted = _tally.Halts;
        foreach (var (s, burn) in MeshInvariants.Unreached(_tally.Slashes))
        {
            var (slash, consumer) = ($"the slash of {SlashedName(s)} on {s.Chain} at {Since(s.Time)}", burn.Link.ConsumerChain);
            var reached = MeshInvariants.SlashReached;
            if (halted.ContainsKey(consumer)) Note(reached, $"{slash} cannot reach {consumer}, which halted");
            else if (_interrupted) Note(reached, $"{slash} had not reached {consumer} when the run was interrupted");
            else Fail(reached, $"{slash} never reached {consumer}");
        }

        var chains = new List<RunReport.ChainInfo>();
        var states = new Dictionary<string, Core.Chain.ChainState>(StringComparer.Ordinal);
        foreach (var c in _scenario.Chains)
        {
            var read = await _net.ChainStateAsync(c.Id);
            var state = states[c.Id] = read.Value;
            var appHash = read.AppHash;
            var validators = state.Staking.Validators.Values.Select(v => new RunReport.ValidatorInfo(
                NameOf(c.Id, v.Operator.Value), v.Operator.Value, v.Tokens.ToString(), state.VotingPower(v.Operator),
                StakingModule.StatusName(v.Status), v.Jailed, v.Tombstoned)).ToImmutableArray();
            var supply = state.Bank.Supply.Select(kv => new RunReport.DenomInfo(kv.Key, kv.Value.ToString(),
                state.Bank.Minted.GetValueOrDefault(kv.Key).ToString(), state.Bank.Burned.GetValueOrDefault(kv.Key).ToString())).ToImmutableArray();
            var halt = halted.GetValueOrDefault(c.Id);
            chains.Add(new RunReport.ChainInfo(c.Id, state.Height, Since(state.Time), appHash, validators, supply,
                halt is null ? null : new RunReport.HaltInfo(halt.Height, Since(halt.Time))));
        }

        var steps = _scenario.Steps.Select(StepReport).ToImmutableArray();
        var failedSteps = steps.Count(s => !s.Ok);

        var invariants = InvariantNames.Select(n => _failedChecks.TryGetValue(n, out var f) ? f
            : new RunReport.CheckInfo(n, true, _notes.TryGetValue(n, out var notes) ? string.Join("; ", notes) : "")).ToImmutableArray();
        var expectations = (_setupRefused is null ? _expectations : Unread()).OrderBy(e => e.Index).ToImmutableArray();
        var failedExpectations = expectations.Count(e => !e.Ok);
        var failedInvariants = invariants.Count(i => !i.Ok);
        var ready = new Model.Duration(_t0.Nanos - _net.Settings.EffectiveGenesisTime.Nanos);
        return new RunReport(RunReport.SchemaVersion,
            // no speed: the history is the same at any speed, and so is this file
            new RunReport.ScenarioInfo(_scenario.Name, Path.GetFileName(_scenario.File), Seed, _scenario.Duration.ToString(),
                ready.ToString(), _net.Settings.EffectiveGenesisTime.Seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            [.. chains], [.. links], steps, [.. slashes],
            [.. Faults().Select(f => new RunReport.FaultInfo(f.Label, f.From.ToString(), f.To?.ToString(), [.. f.Chains]))],
            invariants, expectations,
            new RunReport.Outcome(
                !_interrupted && _setupRefused is null && failedExpectations == 0 && failedInvariants == 0 && failedSteps == 0,
                failedExpectations, failedInvariants, _interrupted ? _reached.ToString() : null, failedSteps, _setupRefused),
            SlashCosts(slashes)) { Risk = _setupRefused is null ? await Risk() : null, WithdrawRaces = RaceCounts(),
                RedundantRelays = RedundantRelays(states) };
    }

    /// <summary>
    /// Each slash (a provider contract's cross slash from its slasher, or a chain's own staking slash) with the Burns it
    /// caused (<see cref="SlashTrails"/>) and when each consumer received one, resent copies included.
    /// </summary>
    private List<RunReport.SlashInfo> Slashes()
    {
        var result = new List<RunReport.SlashInfo>();
        foreach (var s in _tally.Slashes.Slashes)
        {
            var reached = s.Burns.Select(b =>
            {
                var (consumer, amount) = (b.Link.ConsumerChain, b.Burn.Amount.ToString());
                var validator = NameOf(consumer, b.Burn.Validator);
                return b.DeliveredAt is { } r
                    ? new RunReport.PropagationInfo(consumer, validator, amount, Since(r),
                        new Model.Duration(r.Nanos - s.Time.Nanos).ToString(), b.Resends)
                    : new RunReport.PropagationInfo(consumer, validator, amount, "never", "", b.Resends);
            }).ToList();
            var latency = reached.Count > 0 && reached.All(r => r.ReceivedAt != "never")
                ? reached.Select(r => Model.Duration.Parse(r.Latency)).Max().ToString()
                : null;
            result.Add(new RunReport.SlashInfo(s.Chain, s.Height, Since(s.Time), SlashedName(s), s.Source, [.. reached], latency));
        }
        return result;
    }

    /// <summary>Each slash's fan-out cost (<see cref="RunReport.SlashCostInfo"/>), in the order of <see cref="Slashes"/>.</summary>
    private ImmutableArray<RunReport.SlashCostInfo> SlashCosts(List<RunReport.SlashInfo> reported) =>
    [
        .. _tally.Slashes.Slashes.Select((s, i) => new RunReport.SlashCostInfo(i, s.Chain, reported[i].Validator, s.Calls,
            s.Burns.Sum(b => b.Copies.Count), s.Burns.Sum(b => b.Resends), s.Burns.Count(b => b.DeliveredAt is not null),
            s.Burns.Where(b => b.DeliveredAt is not null).Select(b => b.Link.ConsumerChain).Distinct(StringComparer.Ordinal).Count(),
            s.Burns.Sum(b => b.Calls), reported[i].EmulatedLatency)),
    ];

    /// <summary>The slashed validator's name: a chain's own, or for a cross slash the name on the chain it validates.</summary>
    private string SlashedName(SlashTrails.Slash s) =>
        s.Source == "chain" ? NameOf(s.Chain, s.Validator) : NameOf(ChainOfValidator(s.Validator), s.Validator);

    private string ChainOfValidator(string address) =>
        _scenario.Chains.FirstOrDefault(c => c.Validators.Any(v => ScenarioAddresses.Validator(c, v.Name).Value == address))?.Id ?? "";

    /// <summary>Emulated time since the network was ready, e.g. "1h2m3s" (or "-40s" during set-up).</summary>
    private string Since(Timestamp t) =>
        t >= _t0 ? new Model.Duration(t.Nanos - _t0.Nanos).ToString() : "-" + new Model.Duration(_t0.Nanos - t.Nanos);

    /// <summary>A location without the folder, so the report does not depend on where the file lies.</summary>
    private static string Where(Model.SourceLocation l) => $"{Path.GetFileName(l.File)}:{l.Line}:{l.Column}";
}
