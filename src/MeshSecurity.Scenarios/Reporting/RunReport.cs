using System.Collections.Immutable;

namespace MeshSecurity.Scenarios.Reporting;

/// <summary>
/// What a run produced, in a stable order and with emulated times only, so the same scenario and seed give a
/// byte-identical report.json (wall-clock figures go to the terminal and report.html). Amounts are decimal strings.
/// The schema is documented in docs/report.md.
/// </summary>
public sealed record RunReport(
    string Schema,
    RunReport.ScenarioInfo Scenario,
    ImmutableArray<RunReport.ChainInfo> Chains,
    ImmutableArray<RunReport.LinkInfo> Links,
    ImmutableArray<RunReport.StepInfo> Steps,
    ImmutableArray<RunReport.SlashInfo> Slashes,
    ImmutableArray<RunReport.FaultInfo> Faults,
    ImmutableArray<RunReport.CheckInfo> Invariants,
    ImmutableArray<RunReport.ExpectationInfo> Expectations,
    RunReport.Outcome Result,
    ImmutableArray<RunReport.SlashCostInfo> SlashCosts)
{
    public const string SchemaVersion = "meshsec-report/1";

    /// <summary>The run's econ.withdraw-race faults by winner; left out of report.json when the run had none.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public RaceCounts? WithdrawRaces { get; init; }

    /// <summary>
    /// Deliveries the chains answered as redundant relays (<see cref="RedundantRelayInfo"/>), per link that had any; left
    /// out of report.json when no link had one.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public ImmutableArray<RedundantRelayInfo>? RedundantRelays { get; init; }

    /// <summary>
    /// What racing (relayer.race) or duplicating (relayer.duplicate) relayers cost a link: the receives, acknowledgements
    /// and timeouts its chains took as no-ops because an earlier copy had done the work, over both its channels.
    /// </summary>
    public sealed record RedundantRelayInfo(string Provider, string Consumer, long Receives, long Acks, long Timeouts);

    /// <summary>
    /// <paramref name="Races"/> run, of which the stake won <paramref name="StakeWon"/>, the withdrawal
    /// <paramref name="WithdrawalWon"/>, <paramref name="Neither"/> (nothing free, both refused, or not run by the end) and
    /// in <paramref name="Shared"/> both succeeded (the stake reused collateral a larger claim held).
    /// </summary>
    public sealed record RaceCounts(int Races, int StakeWon, int WithdrawalWon, int Neither, int Shared);

    public sealed record ScenarioInfo(string Name, string File, string Seed, string Duration, string ReadyAfter, string GenesisTime);

    /// <summary><paramref name="Halted"/>: null while the chain produced blocks to the end.</summary>
    public sealed record ChainInfo(string Id, ulong Height, string Time, string AppHash, ImmutableArray<ValidatorInfo> Validators,
        ImmutableArray<DenomInfo> Supply, HaltInfo? Halted);

    /// <summary>
    /// The chain lost all bonded voting power: after block <paramref name="Height"/> nobody could sign, and at
    /// <paramref name="At"/> (the block then due) it halted. A halt lasts to the end of the run.
    /// </summary>
    public sealed record HaltInfo(ulong Height, string At);

    public sealed record ValidatorInfo(string Name, string Address, string Tokens, ulong Power, string Status, bool Jailed, bool Tombstoned);

    public sealed record DenomInfo(string Denom, string Supply, string Minted, string Burned);

    public sealed record LinkInfo(string Provider, string Consumer, string ProviderContract, string ConsumerContract,
        PacketCounts MeshPackets, PacketCounts TransferPackets, ImmutableArray<StakeView> Stakes);

    public sealed record PacketCounts(long Sent, long Received, long Acknowledged, long ErrorAcknowledged, long TimedOut);

    public sealed record StakeView(string Validator, string ProviderStake, string ConsumerStake, string Delegation, bool Equal);

    /// <summary>
    /// <paramref name="Expected"/>: "success" or the error the step must fail with; <paramref name="Outcome"/>: "success" or
    /// what went wrong (the first failed transaction's error); <paramref name="Ok"/>: the outcome was the one expected;
    /// <paramref name="ActsAs"/>: the test fixture the step acted as ("holder (test-lienholder on osmosis)"), null for others.
    /// </summary>
    public sealed record StepInfo(int Index, string At, string Action, string Location, ImmutableArray<TxInfo> Transactions,
        string Expected, string Outcome, bool Ok, string? ActsAs = null, string? Fault = null);

    /// <summary>
    /// A fault on the run's timeline: a step's (a double-sign, a crash, a stopped relayer, a closed channel), a chaos step's
    /// or the nemesis', or one injected live with `meshsec chaos`; <paramref name="To"/> is null for a fault that acts once.
    /// </summary>
    public sealed record FaultInfo(string Fault, string From, string? To, ImmutableArray<string> Chains);

    public sealed record TxInfo(string Chain, string Id, ulong Height, string Time, bool Success, string? Error);

    public sealed record SlashInfo(string Chain, ulong Height, string Time, string Validator, string Source,
        ImmutableArray<PropagationInfo> Reached, string? EmulatedLatency);

    /// <summary>One Burn of a slash; <paramref name="Resends"/>: copies sent again after a timeout.</summary>
    public sealed record PropagationInfo(string Consumer, string Validator, string Amount, string ReceivedAt, string Latency, int Resends);

    /// <summary>
    /// What slash <paramref name="Slash"/> (its index in <see cref="Slashes"/>) cost: <paramref name="ProviderCalls"/>, the
    /// contract calls of its fan-out on the chain that applied it (the call that applied it, then every contract execution
    /// its messages made there); <paramref name="Packets"/> Burn packets sent, <paramref name="Resends"/> of them copies sent
    /// again after a timeout; <paramref name="Delivered"/> Burns received, on <paramref name="Consumers"/> distinct consumer
    /// chains, whose receipts made <paramref name="ConsumerCalls"/> contract executions there; <paramref name="EmulatedTime"/>
    /// from the slash to its last Burn's receipt (null when one never arrived or there was none).
    /// </summary>
    public sealed record SlashCostInfo(int Slash, string Chain, string Validator, int ProviderCalls, int Packets, int Resends,
        int Delivered, int Consumers, int ConsumerCalls, string? EmulatedTime);

    /// <summary>The restaking risk section (docs/report.md, "Restaking risk"); null for a run without links.</summary>
    public RiskInfo? Risk { get; init; }

    /// <summary>
    /// The restaking risk of the network at the end of the run: each consumer chain's exposure; the network's slack; the
    /// cascade from a shock of <paramref name="Shock"/>, the share of slashable stake it ends up destroying, and the bound
    /// of Durvasula and Roughgarden's theorem (null without a positive slack) with whether the loss stayed within it.
    /// </summary>
    public sealed record RiskInfo(string Threshold, ImmutableArray<ChainRiskInfo> Chains, string? Slack, string Shock, string Loss,
        string? Bound, bool? BoundHolds, ImmutableArray<string> Cascade);

    /// <summary>A consumer chain's exposure: its power, the cost of corrupting it and by whom, and its slack against a profit.</summary>
    public sealed record ChainRiskInfo(string Chain, string Power, string Cost, ImmutableArray<string> Coalition, bool Exact,
        string? Profit, bool? Secure, string? Slack);

    public sealed record CheckInfo(string Name, bool Ok, string Detail);

    public sealed record ExpectationInfo(int Index, string At, string What, string Target, string Expected, string? Actual, bool Ok, string Location);

    /// <summary>
    /// <paramref name="InterruptedAt"/>: when the run was stopped (Ctrl-C), in emulated time; null for a run that ended.
    /// <paramref name="FailedSteps"/>: steps whose outcome was not the one expected (a failure where success was expected, or
    /// the reverse, or another error).
    /// <paramref name="SetupRefused"/>: the channel handshake a chain refused while the links were set up (the run then
    /// stops there: no step runs, no expectation is read); null when every link came up.
    /// </summary>
    public sealed record Outcome(bool Ok, int FailedExpectations, int FailedInvariants, string? InterruptedAt = null, int FailedSteps = 0,
        string? SetupRefused = null);
}
