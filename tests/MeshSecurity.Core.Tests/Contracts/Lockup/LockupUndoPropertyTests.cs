using System.Collections.Immutable;
using CsCheck;
using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Tests.Support;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using static MeshSecurity.Core.Tests.Contracts.Lockup.LockupFixture;

namespace MeshSecurity.Core.Tests.Contracts.Lockup;

/// <summary>
/// The lockup's accounts live in a <see cref="Core.State.VersionedMap{TKey, TValue}"/> (docs/decisions/0014, "Session
/// 19"): random calls in nested scopes of one <see cref="ContractInstance"/>, each scope committing or rolling back,
/// against an immutable model (a copy of the accounts per open scope): a failed call, and a rolled-back scope, leave the
/// accounts exactly as before, a committed transaction's are what the instance commits, and no later write changes a
/// committed state.
/// </summary>
public sealed class LockupUndoPropertyTests
{
    private enum Op { Call, Open, Commit, Rollback }

    private static readonly Gen<(Op Op, int Kind, int Who, ulong Amount)> Step = Gen.Select(
        Gen.Frequency((8, Gen.Const(Op.Call)), (2, Gen.Const(Op.Open)), (2, Gen.Const(Op.Commit)), (2, Gen.Const(Op.Rollback))),
        Gen.Int[0, 7], Gen.Int[0, 5], Gen.ULong[0, 500]);

    [Fact]
    public void Failed_calls_and_rolled_back_scopes_leave_the_accounts_as_the_immutable_model_has_them()
    {
        var seen = new int[4];
        var (ok, failed) = (0, 0);
        Step.Array[1, 60].SampleSeeded(steps =>
        {
            var querier = new MockQuerier { BondDenom = Denom };
            var lockup = new ContractInstance(Self, new LockupContract(), null);
            var ctx = new ContractContext(new Env(querier.ChainId, 100, Timestamp.FromSeconds(1_700_000_000), Self), querier);
            Assert.IsType<ContractOutcome.Ok>(lockup.Run(
                new ContractCall.Instantiate(new MessageInfo(Alice, Coins.Empty), new LockupMsg.Instantiate(Denom, UnbondingPeriod, null, null)),
                ctx, 0));
            lockup.EndScope(0, commit: true);
            // the accounts at the opening of each scope still open, outermost (the transaction) first
            var opened = new List<ImmutableSortedDictionary<Addr, LockupState.Account>> { Accounts(lockup.Working) };
            var committed = Accounts(lockup.Committed);
            var committedState = lockup.Committed;
            foreach (var (op, kind, who, amount) in steps)
            {
                seen[(int)op]++;
                var depth = opened.Count - 1;
                switch (op)
                {
                    case Op.Call:
                        var before = Accounts(lockup.Working);
                        if (lockup.Run(Call(kind, who, amount), ctx, depth) is ContractOutcome.Ok) ok++;
                        else
                        {
                            failed++;
                            Assert.Equal(before, Accounts(lockup.Working));
                        }
                        break;
                    case Op.Open when depth < 3:
                        opened.Add(Accounts(lockup.Working));
                        break;
                    case Op.Commit:
                        lockup.EndScope(depth, commit: true);
                        opened.RemoveAt(depth);
                        if (depth == 0)
                        {
                            committed = Accounts(lockup.Working);
                            committedState = lockup.Committed;
                            Assert.Equal(committed, Accounts(lockup.Committed));
                            opened.Add(committed);
                        }
                        break;
                    case Op.Rollback:
                        var atOpen = opened[depth];
                        lockup.EndScope(depth, commit: false);
                        Assert.Equal(atOpen, Accounts(lockup.Working));
                        opened.RemoveAt(depth);
                        if (depth == 0) opened.Add(atOpen);
                        break;
                }
                Assert.Same(committedState, lockup.Committed);
                Assert.Equal(committed, Accounts(lockup.Committed));
            }
        }, iter: 600);
        Assert.All(seen, n => Assert.True(n > 0));
        Assert.True(ok > 500 && failed > 500, $"calls that succeeded {ok}, failed {failed}");
    }

    private static readonly Addr[] Owners = [Alice, Bob];
    private static readonly Addr[] Lienholders = [ProviderA, ProviderB, ProviderC];

    private static ContractCall Call(int kind, int who, ulong amount)
    {
        var owner = Owners[who % 2];
        var lienholder = Lienholders[who % 3];
        var validator = who % 2 == 0 ? Validator : Validator2;
        object msg = kind switch
        {
            0 => new LockupMsg.Execute.Bond(),
            1 => new LockupMsg.Execute.Unbond(amount),
            2 => new LockupMsg.Execute.GrantClaim(lienholder.Value, amount, validator),
            3 => new LockupMsg.Execute.ReleaseClaim(owner.Value, amount),
            4 => new LockupMsg.Execute.SlashClaims([new LockupMsg.OwnerAmount(Alice.Value, amount), new(Bob.Value, amount / 2)]),
            5 => new LockupMsg.Execute.StakeLocal(validator, amount),
            6 => new LockupMsg.Execute.UnstakeLocal(validator, amount),
            _ => null!,
        };
        if (kind == 7) return new ContractCall.Sudo(new ChainHook.ValidatorSlashed(validator, Dec.Parse($"0.{amount % 100:00}"), 0));
        var sender = kind is 3 or 4 ? lienholder : owner;
        var funds = kind == 0 ? Coins.Of(Denom, amount + 1) : Coins.Empty;
        return new ContractCall.Execute(new MessageInfo(sender, funds), msg);
    }

    private static ImmutableSortedDictionary<Addr, LockupState.Account> Accounts(object? state) =>
        ((LockupState)state!).Accounts.ToImmutable();
}
