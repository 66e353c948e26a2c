using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using MeshSecurity.Scenarios.Generation;
using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Reporting;

namespace MeshSecurity.Scenarios.Running;

/// <summary>
/// econ.withdraw-race: a cross-stake and a withdrawal of the same free collateral in one block, in an order drawn from
/// the seed and the step. The lockup lets an account withdraw bonded − its largest claim, so when the stake raises the
/// largest claim (it needs the collateral the withdrawal takes) exactly one must succeed; when the link's claim stays
/// within the largest other claim, the stake reuses collateral already held (mesh security's reuse) and both must.
/// The report counts who won.
/// </summary>
public sealed partial class ScenarioRunner
{
    /// <summary>
    /// Each race's transaction ids by step index, the stake's and the withdrawal's, and whether they compete for the same
    /// collateral (none when nothing was free).
    /// </summary>
    private readonly Dictionary<int, (string Stake, string Withdrawal, bool Compete)> _races = [];

    /// <summary>Submits the race's two transactions (through <paramref name="submit"/>, so they are the step's, in its order).</summary>
    private async Task WithdrawRace(int index, ChaosSpec.EconWithdrawRace race, Action<string, Addr, CosmosMsg> submit)
    {
        var balance = await LockupBalance(race.Provider, race.Account);
        var free = balance.Free;
        if (free.IsZero) return;
        var lienholder = Link(race.Provider, race.Consumer).Provider;
        var claim = balance.Claims.FirstOrDefault(c => c.Lienholder == lienholder)?.Amount ?? Core.Math.Amount.Zero;
        // bonded − free is the largest claim: a stake past it needs the collateral the withdrawal takes
        var compete = claim + free > balance.Bonded - free;
        var account = Account(race.Provider, race.Account);
        var lockup = Lockup(race.Provider);
        var stake = new CosmosMsg.WasmExecute(lockup,
            new LockupMsg.Execute.GrantClaim(lienholder.Value, free, Validator(race.Consumer, race.Validator)),
            Coins.Empty);
        var withdraw = new CosmosMsg.WasmExecute(lockup, new LockupMsg.Execute.Unbond(free), Coins.Empty);
        var stakeFirst = new SplitMix64($"withdraw-race/{Seed}/{index}").Chance(0.5);
        submit(race.Provider, account, stakeFirst ? stake : withdraw);
        submit(race.Provider, account, stakeFirst ? withdraw : stake);
        var ids = Enumerable.Range(0, 2).Select(n => $"{RunTally.StepTxPrefix}{index}/{n}").ToArray();
        _races[index] = stakeFirst ? (ids[0], ids[1], compete) : (ids[1], ids[0], compete);
    }

    /// <summary>Who won a race step, once both of its transactions ran, and whether that is what the lockup's rule allows.</summary>
    private (string Outcome, bool Ok)? RaceOutcome(int index)
    {
        if (!_races.TryGetValue(index, out var race)) return _stepTxs.ContainsKey(index) ? ("no free collateral to race for", true) : null;
        if (RaceResult(race) is not var (stake, withdrawal)) return null;
        return (stake.Success, withdrawal.Success) switch
        {
            (true, false) => ($"the stake won; the withdrawal failed: {withdrawal.Error}", race.Compete),
            (false, true) => ($"the withdrawal won; the stake failed: {stake.Error}", race.Compete),
            (false, false) => ($"neither won: the stake failed ({stake.Error}), the withdrawal failed ({withdrawal.Error})", false),
            _ when race.Compete => ("both the stake and the withdrawal of the same collateral succeeded", false),
            _ => ("both succeeded: the stake reused collateral a larger claim already holds", true),
        };
    }

    private (RunTally.Executed Stake, RunTally.Executed Withdrawal)? RaceResult((string Stake, string Withdrawal, bool Compete) race) =>
        _tally.Steps.TryGetValue(race.Stake, out var stake) && _tally.Steps.TryGetValue(race.Withdrawal, out var withdrawal)
            ? (stake, withdrawal) : null;

    /// <summary>The report's count of the run's withdraw races by winner (null when the run had none).</summary>
    private RunReport.RaceCounts? RaceCounts()
    {
        // the scenario's race steps, then those injected live with `meshsec chaos` (indices past the steps)
        var indices = Enumerable.Range(0, _scenario.Steps.Length)
            .Where(i => _scenario.Steps[i] is ScenarioStep.Chaos { Fault: ChaosSpec.EconWithdrawRace })
            .Concat(_liveSteps.Where(kv => kv.Value.Fault is ChaosSpec.EconWithdrawRace).Select(kv => kv.Key).Order()).ToList();
        if (indices.Count == 0) return null;
        var won = indices.Select(i => _races.TryGetValue(i, out var r) && RaceResult(r) is var (s, w)
            ? (Stake: s.Success, Withdrawal: w.Success) : (Stake: false, Withdrawal: false)).ToList();
        int Count(bool stake, bool withdrawal) => won.Count(o => o.Stake == stake && o.Withdrawal == withdrawal);
        return new RunReport.RaceCounts(indices.Count, Count(true, false), Count(false, true), Count(false, false), Count(true, true));
    }
}
