using System.Collections.Immutable;
using CsCheck;
using MeshSecurity.Core.State;
using MeshSecurity.Core.Tests.Support;

namespace MeshSecurity.Core.Tests.State;

/// <summary>
/// Two stores sharing one undo log, driven by random writes inside nested scopes that commit or roll back, against a
/// reference model of immutable maps (a stack of them, one per open scope): the stores always equal the model.
/// </summary>
public sealed class UndoMapPropertyTests
{
    private enum Op { Set, Remove, Open, Commit, Rollback }

    private static readonly Gen<(Op Op, int Store, int Key, int Value)> Step = Gen.Select(
        Gen.Frequency((6, Gen.Const(Op.Set)), (3, Gen.Const(Op.Remove)), (2, Gen.Const(Op.Open)), (2, Gen.Const(Op.Commit)),
            (2, Gen.Const(Op.Rollback))),
        Gen.Int[0, 1], Gen.Int[0, 7], Gen.Int[0, 99]);

    [Fact]
    public void Stores_equal_the_reference_model_after_any_sequence_of_writes_and_nested_scopes()
    {
        var seen = new int[5];
        Step.Array[1, 60].SampleSeeded(steps =>
        {
            var log = new UndoLog();
            var stores = new[] { new UndoMap<int, int>(log, Comparer<int>.Default), new UndoMap<int, int>(log, Comparer<int>.Default) };
            var scopes = new ModelScopes<ImmutableSortedDictionary<int, int>[]>(log,
                [ImmutableSortedDictionary<int, int>.Empty, ImmutableSortedDictionary<int, int>.Empty]);
            foreach (var (op, i, key, value) in steps)
            {
                seen[(int)op]++;
                var model = scopes.Model;
                switch (op)
                {
                    case Op.Set:
                        stores[i].Set(key, value);
                        scopes.Model = With(model, i, model[i].SetItem(key, value));
                        scopes.AfterWrite();
                        break;
                    case Op.Remove:
                        Assert.Equal(model[i].ContainsKey(key), stores[i].Remove(key));
                        scopes.Model = With(model, i, model[i].Remove(key));
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
                for (var s = 0; s < stores.Length; s++)
                {
                    Assert.Equal(scopes.Model[s], stores[s].ToImmutable());
                    Assert.Equal(scopes.Committed[s], stores[s].CommittedCopy());
                }
                if (!scopes.IsOpen) Assert.Equal(0, log.Count);
            }
        }, iter: 2000);
        Assert.All(seen, n => Assert.True(n > 0));
    }

    [Fact]
    public void A_rollback_of_the_outer_scope_undoes_what_an_inner_scope_committed()
    {
        var log = new UndoLog();
        var store = new UndoMap<string, int>(log, StringComparer.Ordinal, [new("a", 1)]);
        var outer = log.Savepoint();
        store.Set("a", 2);
        _ = log.Savepoint(); // an inner scope that commits: it just forgets its savepoint
        store.Set("b", 3);
        store.Remove("a");
        Assert.Equal(3, log.Count);
        log.RollbackTo(outer);
        Assert.Equal([new("a", 1)], store.ToImmutable());
        Assert.Equal(0, log.Count);
    }

    [Fact]
    public void A_committed_copy_leaves_the_store_as_it_is()
    {
        var log = new UndoLog();
        var store = new UndoMap<string, int>(log, StringComparer.Ordinal, [new("a", 1)]);
        store.Set("b", 2);
        store.Set("a", 5);
        Assert.Equal([new("a", 1)], store.CommittedCopy());
        Assert.Equal([new("a", 5), new("b", 2)], store.ToImmutable());
        log.Commit();
        Assert.Equal(store.ToImmutable(), store.CommittedCopy());
    }

    private static ImmutableSortedDictionary<int, int>[] With(
        ImmutableSortedDictionary<int, int>[] model, int i, ImmutableSortedDictionary<int, int> map)
    {
        var next = (ImmutableSortedDictionary<int, int>[])model.Clone();
        next[i] = map;
        return next;
    }
}
