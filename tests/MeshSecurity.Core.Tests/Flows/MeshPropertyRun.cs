using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Invariants;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Testing;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using static MeshSecurity.Core.Tests.Flows.MeshNetwork;
using Kind = MeshSecurity.Core.Tests.Flows.MeshOp.Kind;

namespace MeshSecurity.Core.Tests.Flows;

/// <summary>
/// One run of <see cref="MeshPropertyTests"/> on a fresh network. After every operation, the safety invariants of the
/// catalogue (<see cref="MeshInvariants"/>, fed every block's transactions and hooks): (a) every chain's bank balances;
/// (b) every claim ≤ bonded, free = bonded − max claim, and every lockup claim equals the provider's exposure (P4, so a
/// rollback applied twice would show); (e) each packet is received, acknowledged or timed out once; (f) each slash takes
/// its share of the stake slashable at the infraction; no contract panicked. Beside them, a withdrawal succeeds exactly
/// when it is within free and each failed Stake releases its claim once. On Settle and at the end, the catalogue's
/// liveness: (c) nothing in flight, both views of every validator agree and every slash reached its consumers. Replay
/// checks (d). A failed transaction leaves no effect, and a panic is never an acceptable failure.
/// </summary>
public sealed class MeshPropertyRun
{
    /// <summary>Meta-staking gets 300 ujuno per link, enough for 3000 uosmo: larger cross-stakes are error-acked.</summary>
    private readonly MeshNetwork _net = new(stakingFunds: 300);
    private readonly HashSet<Addr> _bonded = [];
    private readonly InvariantHistory _history = new();
    private readonly SlashTrails _slashes;
    private readonly Dictionary<string, ulong> _checkedHeight = [];

    /// <summary>Alice and Bob start with 5000 uosmo locked; Carol has locked nothing (her withdrawals fail until she bonds).</summary>
    public MeshPropertyRun()
    {
        _slashes = new SlashTrails(() => [.. _net.Links.Select(l => l.Info)]);
        foreach (var user in new[] { Alice, Bob })
        {
            _net.Bond(user, 5000).Succeeds();
            _bonded.Add(user);
        }
        foreach (var chain in _net.Chains) _checkedHeight[chain.ChainId] = chain.Height;
    }

    public void Execute(MeshOp[] ops)
    {
        for (var i = 0; i < ops.Length; i++)
        {
            try
            {
                Apply(ops[i]);
                CheckInvariants();
            }
            catch (Exception ex)
            {
                throw new InvalidOperationException($"after #{i} ({ops[i]}): {ex.Message}", ex);
            }
        }
        Settle();
    }

    private void Apply(MeshOp op)
    {
        var user = Users[op.User];
        var link = _net.Links[op.Link];
        var validator = ValidatorsOf(link.Consumer)[op.Validator];
        switch (op.What)
        {
            case Kind.Bond:
                if (Try(_net.Osmosis, "bond", () => _net.Bond(user, op.Amount))) _bonded.Add(user);
                break;
            case Kind.Withdraw: Withdraw(user, op.Amount); break;
            case Kind.Grant: Try(_net.Osmosis, "grant_claim", () => _net.GrantClaim(user, link, validator, GrantAmount(user, link, op.Amount))); break;
            case Kind.Unstake:
                // a user with stake on the link (the op's user first), on one of their stakes: all of it or a part (maybe too much)
                var staker = Someone(op.User, u => Stakes(link, u).Count > 0);
                var stakes = Stakes(link, staker);
                var stake = stakes.Count == 0 ? null : stakes[op.Validator % stakes.Count];
                Amount locked = stake is null ? Amount.One : stake.Tokens + stake.Slashed;
                Amount amount = op.Amount % 2 == 0 ? locked : op.Amount % ((ulong)locked.Value + 100) + 1;
                Try(_net.Osmosis, "unstake", () => _net.Unstake(staker, link, stake is null ? validator : new Addr(stake.Validator), amount));
                break;
            case Kind.Unbond:
                // a user with unbonding claims on the link (the op's user first)
                var waiting = Someone(op.User, u => _net.ProviderAccount(link, u).Unbonding.Length > 0);
                Try(_net.Osmosis, "unbond", () => _net.Unbond(waiting, link));
                break;
            case Kind.RelayOne: _net.Relay(link); break;
            case Kind.RelayBoth: _net.RelayAll(); break;
            case Kind.TogglePause: link.MeshPath.Paused = !link.MeshPath.Paused; break;
            case Kind.SkipTime: _net.SkipTime(op.Amount * 100); break;
            case Kind.SkipBlocks: _net.SkipBlocks((int)(op.Amount % 5) + 1); break;
            case Kind.WithdrawRewards:
                // on a validator the link stakes on, when there is one
                var staked = _net.LinkStakes(link).Select(r => new Addr(r.Validator)).ToList();
                Try(link.Consumer, "withdraw rewards", () => _net.WithdrawRewards(link, staked.Count == 0 ? validator : staked[op.Validator % staked.Count]));
                break;
            case Kind.ClaimRewards:
                // a user with stake on the link (the op's user first), on one of their validators
                var claimer = Someone(op.User, u => Stakes(link, u).Count > 0);
                var mine = Stakes(link, claimer).Select(x => new Addr(x.Validator)).ToList();
                Try(_net.Osmosis, "claim_rewards", () => _net.ClaimRewards(claimer, link, mine.Count == 0 ? validator : mine[op.Validator % mine.Count]));
                break;
            case Kind.DoubleSign:
                var evidence = _net.DoubleSign(link.Consumer, validator);
                var slashable = SlashableAt(link, validator, evidence.A.Time < evidence.B.Time ? evidence.A.Time : evidence.B.Time);
                Try(_net.Osmosis, "slasher evidence", () => CheckSlashable(_net.SubmitToSlasher(link, evidence), slashable));
                if (op.Amount % 2 == 1) Try(link.Consumer, "chain evidence", () => _net.SubmitToChain(link.Consumer, evidence));
                break;
            case Kind.Replay: Replay(op.Amount); break;
            default: Settle(); break;
        }
    }

    /// <summary>
    /// (f) The slash warranty, from the provider's answers before the slash: every user's active stake on the validator,
    /// their unstakes of it in flight, and their claims on it acknowledged at or after the infraction.
    /// </summary>
    private Amount SlashableAt(MeshLink link, Addr validator, Timestamp infraction)
    {
        var period = _net.Osmosis.Query<ProviderMsg.ConfigResponse>(link.ProviderContract, new ProviderMsg.Query.Config()).UnbondingPeriod;
        var total = Amount.Zero;
        foreach (var a in Users.Select(u => _net.ProviderAccount(link, u)))
        {
            total += a.Staked.Where(s => s.Validator == validator.Value).Aggregate(Amount.Zero, (x, s) => x + s.Tokens + s.Slashed);
            total += a.InFlightUnstakes.Where(u => u.Validator == validator.Value).Aggregate(Amount.Zero, (x, u) => x + u.Amount);
            total += a.Unbonding.Where(c => c.Validator == validator.Value && c.ReleaseAt.MinusSeconds(period) >= infraction)
                .Aggregate(Amount.Zero, (x, c) => x + c.Amount);
        }
        return total;
    }

    /// <summary>
    /// (f) A slash reports the slashable stake computed before it; the catalogue holds the amount slashed to it
    /// (<see cref="SlashWarranty"/>).
    /// </summary>
    private static TxResult CheckSlashable(TxResult result, Amount slashable)
    {
        if (!result.IsSuccess) return result;
        var slash = result.Events.Single(e => e.Type == "wasm" && e.Get(ProviderEvents.ActionKey) == ProviderEvents.Slash);
        Assert.Equal(slashable.ToString(), slash.Get(ProviderEvents.SlashableKey));
        return result;
    }

    /// <summary>The first of the users, from <paramref name="first"/> on, who matches; else that user.</summary>
    private static Addr Someone(int first, Func<Addr, bool> match) =>
        Enumerable.Range(0, Users.Length).Select(i => Users[(first + i) % Users.Length]).FirstOrDefault(match, Users[first]);

    private List<ProviderMsg.StakeInfo> Stakes(MeshLink link, Addr user) =>
        [.. _net.ProviderAccount(link, user).Staked.Where(s => !(s.Tokens + s.Slashed).IsZero)];

    /// <summary>Mostly within what the lockup allows (bonded − this provider's claim); one time in three any amount.</summary>
    private Amount GrantAmount(Addr user, MeshLink link, ulong pick)
    {
        if (pick % 3 == 0 || !_bonded.Contains(user)) return pick;
        var room = _net.LockupBalance(user).Bonded.SaturatingSub(_net.ClaimOf(user, link));
        return room.IsZero ? pick : (Amount)(pick % (ulong)room.Value) + 1;
    }

    /// <summary>Runs one transaction; a failure must leave the chain as it was (but for the block it made).</summary>
    private static bool Try(ChainApp chain, string what, Func<TxResult> tx)
    {
        var before = ChainSnapshot.Of(chain);
        var result = tx();
        if (!result.IsSuccess) before.AssertUnchangedButForBlocks($"failed {what} ({result.Error})");
        return result.IsSuccess;
    }

    /// <summary>(b) A withdrawal succeeds exactly when it is within free, and moves exactly its amount.</summary>
    private void Withdraw(Addr user, ulong pick)
    {
        var free = _bonded.Contains(user) ? _net.LockupBalance(user).Free : Amount.Zero;
        Amount amount = (pick % 4) switch { 0 => free, 1 => free + 1, _ => pick };
        var bank = _net.OsmoBalance(user);
        var bonded = _bonded.Contains(user) ? _net.LockupBalance(user).Bonded : Amount.Zero;
        var ok = Try(_net.Osmosis, "withdraw", () => _net.Withdraw(user, amount));
        Assert.True(ok == (_bonded.Contains(user) && amount <= free), $"withdraw {amount} with {free} free: {(ok ? "passed" : "failed")}");
        if (!ok) return;
        Assert.Equal(bank + amount, _net.OsmoBalance(user));
        Assert.Equal(bonded - amount, _net.LockupBalance(user).Bonded);
    }

    /// <summary>(d) A second relayer resubmits the last receive, ack and timeout of one direction: no effect anywhere.</summary>
    private void Replay(ulong pick)
    {
        var directions = _net.Directions().ToList();
        var (src, dst) = directions[(int)(pick % (ulong)directions.Count)];
        if (LastReceived(dst) is { } received) NoEffect(dst.Chain, "a replayed receive", () => _net.ReplayReceive(dst, received));
        if (LastAcknowledged(src) is { } acked) NoEffect(src.Chain, "a replayed ack", () => _net.ReplayAcknowledge(src, dst, acked));
        if (LastTimedOut(src) is { } timedOut) NoEffect(src.Chain, "a replayed timeout", () => _net.ReplayTimeout(src, dst, timedOut));
    }

    private static void NoEffect(ChainApp chain, string what, Func<TxResult> tx)
    {
        var before = ChainSnapshot.Of(chain);
        var result = tx();
        Assert.True(!result.IsSuccess || result.Events.IsEmpty, $"{what} had effects: {string.Join("; ", result.Events)}");
        before.AssertUnchangedButForBlocks(what);
    }

    private void CheckInvariants()
    {
        // every new block's transactions and hooks go to the catalogue's history; a failed Stake releases at most its amount, once
        var blocks = _net.Chains.SelectMany(c => c.Blocks.Where(b => b.Height > _checkedHeight[c.ChainId]).Select(b => (c, b))).ToList();
        foreach (var chain in _net.Chains) _checkedHeight[chain.ChainId] = chain.Height;
        // in time order, so that a Burn's receipt comes after its sending (relayed packets land in later blocks)
        foreach (var (chain, block) in blocks.OrderBy(x => x.b.Time))
        {
            _history.Observe(chain.ChainId, block.Height, block.Time, block.TxResults);
            _history.Observe(chain.ChainId, block.Height, block.Time, block.HookResults);
            _slashes.Observe(block);
            foreach (var tx in block.TxResults) CheckResolutions(chain, tx);
        }
        // (a), (b), (e), (f) and no panic: the catalogue's safety invariants
        var violations = _history.Check(_net.Snapshot());
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    /// <summary>
    /// A relayer batches resolutions in one transaction: each resolution's effects are the events from its
    /// acknowledge_packet or timeout_packet event (emitted before the app's callback) up to the next one.
    /// </summary>
    private void CheckResolutions(ChainApp chain, TxResult tx)
    {
        static bool IsResolution(Event e) => e.Type is IbcEvents.AcknowledgePacket or IbcEvents.TimeoutPacket;
        var starts = tx.Events.Select((e, i) => (e, i)).Where(x => IsResolution(x.e)).Select(x => x.i).ToList();
        for (var k = 0; k < starts.Count; k++)
        {
            var e = tx.Events[starts[k]];
            var effects = tx.Events.Skip(starts[k] + 1)
                .Take((k + 1 < starts.Count ? starts[k + 1] : tx.Events.Length) - starts[k] - 1).ToList();
            var packet = IbcEvents.ToPacket(e);
            var link = _net.Links.FirstOrDefault(l => packet.Source.PortId == WasmState.PortOf(l.ProviderContract));
            if (link is null || Wire.Decode<ProviderPacket>(packet.Data) is not ProviderPacket.Stake stake) continue;

            var failed = e.Type == IbcEvents.TimeoutPacket || e.Get(IbcEvents.AckSuccess) == "false";
            var releases = effects.Where(x => x.Type == "wasm" && x.Get("_contract_address") == _net.Lockup.Value
                                                && x.Get(LockupEvents.ActionKey) == LockupEvents.ReleaseClaim).ToList();
            var failedStakes = effects.Count(x => x.Type == "wasm-" + ProviderEvents.FailedStake);
            Assert.Equal(failed ? 1 : 0, failedStakes);
            Assert.True(releases.Count <= (failed ? 1 : 0), $"{packet}: {releases.Count} release_claim for one {(failed ? "failed" : "acknowledged")} Stake");
            foreach (var r in releases) Assert.True(Amount.Parse(r.Get(LockupEvents.AmountKey)!) <= stake.Amount, $"{packet}: released more than staked");
        }
    }

    /// <summary>
    /// (c) Resume every relayer and relay until quiet: the catalogue's liveness (nothing in flight, both views agree
    /// everywhere, every slash's Burns received), and the consumer delegates floor(remote stake × rate).
    /// </summary>
    private void Settle()
    {
        foreach (var link in _net.Links) _net.Resume(link);
        _net.RelayAll();
        CheckInvariants();
        var quiet = _net.Snapshot(withStakes: true);
        var violations = MeshInvariants.Liveness(quiet);
        violations.AddRange(MeshInvariants.Reached(_slashes));
        Assert.True(violations.Count == 0, string.Join("\n", violations));
        foreach (var v in quiet.Links.SelectMany(l => l.Stakes)) Assert.Equal(v.Consumer.Amount.MulFloor(Rate), v.Consumer.LocalAmount);
    }
}
