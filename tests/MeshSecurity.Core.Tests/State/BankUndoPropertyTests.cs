using System.Collections.Immutable;
using CsCheck;
using MeshSecurity.Core.Bank;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.State;
using MeshSecurity.Core.Tests.Support;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Tests.State;

/// <summary>
/// The bank as stores on an undo log (docs/decisions/0014-mutable-stores-with-an-undo-log.md), driven by random sends,
/// mints and burns of one or two denoms (some short of funds, failing after their first coin moved) inside nested
/// scopes that commit or roll back, against a reference model of immutable maps written as the bank was before it: a
/// failed operation leaves the model as it was, a rollback restores the model of its scope's start. Balances, supply,
/// minted and burned always equal the model's, and the committed copies the model's as of the last outermost commit.
/// </summary>
public sealed class BankUndoPropertyTests
{
    private enum Op { Send, Mint, Burn, Open, Commit, Rollback }

    private static readonly Addr[] Accounts = [.. new[] { "alice", "bob", "carol" }.Select(n => Addr.Derive("a", n))];
    private static readonly string[] Denoms = ["ua", "ub"];

    private static readonly Gen<(Op Op, int From, int To, ulong First, ulong Second)> Step = Gen.Select(
        Gen.Frequency((5, Gen.Const(Op.Send)), (2, Gen.Const(Op.Mint)), (2, Gen.Const(Op.Burn)), (2, Gen.Const(Op.Open)),
            (2, Gen.Const(Op.Commit)), (2, Gen.Const(Op.Rollback))),
        Gen.Int[0, 2], Gen.Int[0, 2], Gen.ULong[0, 60], Gen.ULong[0, 60]);

    [Fact]
    public void The_bank_equals_the_immutable_reference_model_after_any_operations_in_nested_scopes()
    {
        var seen = new int[6];
        var failed = 0;
        Step.Array[1, 50].SampleSeeded(steps =>
        {
            var (bank, log, genesis) = Genesis();
            var scopes = new ModelScopes<Model>(log, genesis);
            foreach (var (op, from, to, first, second) in steps)
            {
                seen[(int)op]++;
                var coins = Coins.Of(new Coin(Denoms[0], first), new Coin(Denoms[1], second));
                switch (op)
                {
                    case Op.Send or Op.Mint or Op.Burn:
                        // every operation runs in a scope of its own, as a transaction does: a failure rolls it back
                        var savepoint = log.Savepoint();
                        var next = scopes.Model.Apply(op, Accounts[from], Accounts[to], coins);
                        try
                        {
                            if (op == Op.Send) bank.Send(Accounts[from], Accounts[to], coins);
                            else if (op == Op.Mint) bank.Mint(Accounts[to], coins);
                            else bank.Burn(Accounts[from], coins);
                            scopes.Model = Assert.IsType<Model>(next);
                        }
                        catch (MeshException ex) when (ex.Error is BankError.InsufficientFunds)
                        {
                            Assert.Null(next);
                            failed++;
                            log.RollbackTo(savepoint);
                        }
                        scopes.AfterWrite();
                        break;
                    case Op.Open:
                        scopes.Open();
                        break;
                    case Op.Commit:
                        scopes.Commit();
                        break;
                    case Op.Rollback:
                        scopes.Rollback();
                        break;
                }
                scopes.Model.AssertEquals(bank);
                scopes.Committed.AssertEquals(bank.CommittedCopy());
                Assert.Empty(bank.CheckConservation());
            }
        }, iter: 1500);
        Assert.All(seen, n => Assert.True(n > 0));
        Assert.True(failed > 0, "no operation ran short of funds");
    }

    private static (BankState Bank, UndoLog Log, Model Model) Genesis()
    {
        var bank = BankState.Empty;
        var model = Model.Empty;
        foreach (var a in Accounts)
        {
            var coins = Coins.Of(new Coin(Denoms[0], 100), new Coin(Denoms[1], 100));
            bank.AddGenesis(a, coins);
            model = model.Apply(Op.Mint, a, a, coins)!;
        }
        model = model with { Minted = Model.Empty.Minted }; // genesis supply, not minted
        var log = new UndoLog();
        bank.BindTo(log);
        return (bank, log, model);
    }

    /// <summary>The bank as it was written before it moved to stores: every operation returns a new model or fails whole.</summary>
    private sealed record Model(
        ImmutableSortedDictionary<BalanceKey, Amount> Balances,
        ImmutableSortedDictionary<string, Amount> Supply,
        ImmutableSortedDictionary<string, Amount> Minted,
        ImmutableSortedDictionary<string, Amount> Burned)
    {
        public static readonly Model Empty = new(
            ImmutableSortedDictionary.Create<BalanceKey, Amount>(BalanceKey.Comparer),
            ImmutableSortedDictionary.Create<string, Amount>(StringComparer.Ordinal),
            ImmutableSortedDictionary.Create<string, Amount>(StringComparer.Ordinal),
            ImmutableSortedDictionary.Create<string, Amount>(StringComparer.Ordinal));

        /// <summary>The model after the operation, or null when the sender is short of any coin.</summary>
        public Model? Apply(Op op, Addr from, Addr to, Coins coins)
        {
            var m = this;
            foreach (var c in coins)
            {
                var balances = m.Balances;
                if (op is Op.Send or Op.Burn)
                {
                    var key = new BalanceKey(from, c.Denom);
                    var have = balances.GetValueOrDefault(key, Amount.Zero);
                    if (have < c.Amount) return null;
                    balances = have == c.Amount ? balances.Remove(key) : balances.SetItem(key, have - c.Amount);
                }
                if (op is Op.Send or Op.Mint)
                {
                    var key = new BalanceKey(to, c.Denom);
                    balances = balances.SetItem(key, balances.GetValueOrDefault(key, Amount.Zero) + c.Amount);
                }
                m = m with { Balances = balances };
                if (op == Op.Mint) m = m with { Supply = Plus(m.Supply, c), Minted = Plus(m.Minted, c) };
                if (op == Op.Burn)
                    m = m with { Supply = m.Supply.SetItem(c.Denom, m.Supply[c.Denom] - c.Amount), Burned = Plus(m.Burned, c) };
            }
            return m;
        }

        public void AssertEquals(BankState bank)
        {
            Assert.Equal(Balances, bank.Balances.ToImmutable());
            Assert.Equal(Supply, bank.Supply.ToImmutable());
            Assert.Equal(Minted, bank.Minted.ToImmutable());
            Assert.Equal(Burned, bank.Burned.ToImmutable());
        }

        private static ImmutableSortedDictionary<string, Amount> Plus(ImmutableSortedDictionary<string, Amount> ledger, Coin c) =>
            ledger.SetItem(c.Denom, ledger.GetValueOrDefault(c.Denom, Amount.Zero) + c.Amount);
    }
}
