namespace MeshSecurity.Core.Tests.Flows;

/// <summary>
/// One random operation of <see cref="MeshPropertyTests"/>: what, by which user (0-2), on which link (0 juno, 1 stars),
/// on which consumer validator (v1-v3), and a number that is an amount, a count or a choice depending on the kind.
/// </summary>
public readonly record struct MeshOp(MeshOp.Kind What, int User, int Link, int Validator, ulong Amount)
{
    public enum Kind
    {
        Bond,
        Withdraw,
        Grant,
        Unstake,
        Unbond,
        RelayOne,
        RelayBoth,
        TogglePause,
        SkipTime,
        SkipBlocks,
        WithdrawRewards,
        ClaimRewards,
        DoubleSign,
        Replay,
        Settle,
    }

    private static readonly string[] UserNames = ["alice", "bob", "carol"];
    private static readonly string[] LinkNames = ["juno", "stars"];

    private string Who => UserNames[User];
    private string Where => LinkNames[Link];
    private string Val => $"v{Validator + 1}";

    public override string ToString() => What switch
    {
        Kind.Bond => $"{Who} bonds {Amount}",
        Kind.Withdraw => $"{Who} withdraws {(Amount % 4) switch { 0 => "all free", 1 => "free + 1", _ => Amount.ToString() }}",
        Kind.Grant => $"{Who} grants {(Amount % 3 == 0 ? Amount.ToString() : $"1 + {Amount} mod room")} to the {Where} provider on {Val}",
        Kind.Unstake => $"{Who} (or a staker) unstakes {(Amount % 2 == 0 ? "all" : $"1 + {Amount} mod (locked + 100)")} on {Where} (a stake #{Validator}, else {Val})",
        Kind.Unbond => $"{Who} (or a user with unbonding claims) unbonds on {Where}",
        Kind.RelayOne => $"relay {Where}",
        Kind.RelayBoth => "relay both links",
        Kind.TogglePause => $"pause / resume the {Where} mesh relayer",
        Kind.SkipTime => $"skip {Amount * 100} s",
        Kind.SkipBlocks => $"skip {Amount % 5 + 1} blocks",
        Kind.WithdrawRewards => $"keeper withdraws rewards on {Where} (v{Validator + 1} or a staked one)",
        Kind.ClaimRewards => $"{Who} (or a staker) claims rewards on {Where} (a stake #{Validator}, else {Val})",
        Kind.DoubleSign => $"{Where} {Val} double-signs; evidence to the slasher{(Amount % 2 == 1 ? " and the chain" : "")}",
        Kind.Replay => $"replay the last delivery of direction {Amount % 8}",
        _ => "settle: resume and relay everything",
    };
}
