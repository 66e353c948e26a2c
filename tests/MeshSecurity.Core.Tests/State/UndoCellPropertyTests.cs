using CsCheck;
using MeshSecurity.Core.State;
using MeshSecurity.Core.Tests.Support;

namespace MeshSecurity.Core.Tests.State;

/// <summary>
/// A cell and a map sharing one undo log, driven by random writes inside nested scopes that commit or roll back, against
/// a reference model of plain values: the cell always holds the model's value, and its committed value the committed one.
/// </summary>
public sealed class UndoCellPropertyTests
{
    private enum Op { SetCell, SetMap, Open, Commit, Rollback }

    private static readonly Gen<(Op Op, int Value)> Step = Gen.Select(
        Gen.Frequency((5, Gen.Const(Op.SetCell)), (3, Gen.Const(Op.SetMap)), (2, Gen.Const(Op.Open)), (2, Gen.Const(Op.Commit)),
            (2, Gen.Const(Op.Rollback))),
        Gen.Int[0, 99]);

    [Fact]
    public void A_cell_equals_the_reference_model_after_any_sequence_of_writes_and_nested_scopes()
    {
        var seen = new int[5];
        Step.Array[1, 60].SampleSeeded(steps =>
        {
            var log = new UndoLog();
            var cell = new UndoCell<int>(-1);
            cell.BindTo(log);
            var map = new UndoMap<int, int>(log, Comparer<int>.Default);
            var scopes = new ModelScopes<(int Cell, int Map)>(log, (-1, -1));
            foreach (var (op, value) in steps)
            {
                seen[(int)op]++;
                switch (op)
                {
                    case Op.SetCell:
                        cell.Set(value);
                        scopes.Model = scopes.Model with { Cell = value };
                        scopes.AfterWrite();
                        break;
                    case Op.SetMap:
                        map.Set(0, value);
                        scopes.Model = scopes.Model with { Map = value };
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
                Assert.Equal(scopes.Model.Cell, cell.Value);
                Assert.Equal(scopes.Committed.Cell, cell.CommittedValue);
                Assert.Equal(scopes.Model.Map, map.GetValueOrDefault(0, -1));
                if (!scopes.IsOpen) Assert.Equal(0, log.Count);
            }
        }, iter: 2000);
        Assert.All(seen, n => Assert.True(n > 0));
    }

    [Fact]
    public void A_cell_in_no_chain_records_nothing_and_its_copy_holds_the_committed_value()
    {
        var log = new UndoLog();
        var detached = new UndoCell<string>("a");
        detached.Set("b");
        Assert.Equal("b", detached.CommittedValue);
        detached.BindTo(log);
        var outer = log.Savepoint();
        detached.Set("c");
        Assert.Equal("b", detached.DetachedCommittedCopy().Value);
        log.RollbackTo(outer);
        Assert.Equal("b", detached.Value);
        Assert.Equal(0, log.Count);
    }
}
