using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using CsCheck;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Staking;
using MeshSecurity.Core.State;
using MeshSecurity.Core.Tests.State;
using MeshSecurity.Core.Tests.Support;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Tests.Staking;

/// <summary>
/// The unbonding queue as a store on an undo log (docs/decisions/0014-mutable-stores-with-an-undo-log.md), driven by
/// random unbondings (completion times in any order), slashes of one validator's entries, maturing at random times and
/// nested scopes that commit or roll back, against a reference model: the sorted list it replaced (by completion time,
/// insertion order among equal times). The queue, what matures and the committed copy always equal the model's.
/// </summary>
public sealed class UnbondingQueuePropertyTests
{
    private enum Op { Unbond, Slash, Mature, Open, Commit, Rollback }

    private static readonly Addr[] Validators = [Addr.Derive("osmo", "validator/v1"), Addr.Derive("osmo", "validator/v2")];
    private static readonly Addr Delegator = Addr.Derive("osmo", "alice");

    private static readonly Gen<(Op Op, int Validator, ulong Time, ulong Amount)> Step = Gen.Select(
        Gen.Frequency((6, Gen.Const(Op.Unbond)), (2, Gen.Const(Op.Slash)), (2, Gen.Const(Op.Mature)), (2, Gen.Const(Op.Open)),
            (2, Gen.Const(Op.Commit)), (2, Gen.Const(Op.Rollback))),
        Gen.Int[0, 1], Gen.ULong[0, 30], Gen.ULong[1, 100]);

    [Fact]
    public void The_queue_equals_the_sorted_reference_list_after_any_operations_in_nested_scopes()
    {
        var seen = new int[6];
        var matured = 0;
        Step.Array[1, 60].SampleSeeded(steps =>
        {
            var log = new UndoLog();
            var queue = new UnbondingQueue();
            queue.BindTo(log);
            var scopes = new ModelScopes<ImmutableList<UnbondingEntry>>(log, []);
            var height = 0UL;
            foreach (var (op, v, time, amount) in steps)
            {
                seen[(int)op]++;
                var model = scopes.Model;
                switch (op)
                {
                    case Op.Unbond:
                        var entry = new UnbondingEntry(Delegator, Validators[v], ++height, Timestamp.FromSeconds(time), amount, amount);
                        queue.Add(entry);
                        // the old sorted list: after every entry of the same or an earlier completion time
                        var at = model.FindLastIndex(e => e.CompletionTime <= entry.CompletionTime) + 1;
                        scopes.Model = model.Insert(at, entry);
                        scopes.AfterWrite();
                        break;
                    case Op.Slash:
                        // entries created at or after a height lose a third of their balance, as a slash cuts them
                        foreach (var (id, e) in queue.EntriesOf(Validators[v]).Where(x => x.Entry.CreationHeight >= time))
                            queue.SetBalance(id, Cut(e));
                        scopes.Model = model.ConvertAll(e => e.Validator == Validators[v] && e.CreationHeight >= time
                            ? e with { Balance = Cut(e) } : e);
                        scopes.AfterWrite();
                        break;
                    case Op.Mature:
                        var due = queue.TakeDue(Timestamp.FromSeconds(time));
                        var count = model.TakeWhile(e => e.CompletionTime <= Timestamp.FromSeconds(time)).Count();
                        Assert.Equal(model.Take(count), due);
                        matured += count;
                        scopes.Model = model.RemoveRange(0, count);
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
                Assert.Equal(scopes.Model, queue.ToImmutable());
                Assert.Equal(scopes.Model.Count, queue.Count);
                foreach (var validator in Validators)
                    Assert.Equal(scopes.Model.Where(e => e.Validator == validator).OrderBy(e => e.CreationHeight),
                        queue.EntriesOf(validator).Select(x => x.Entry));
                Assert.Equal(scopes.Committed, queue.DetachedCommittedCopy().ToImmutable());
                if (!scopes.IsOpen) Assert.Equal(0, log.Count);
            }
        }, iter: 2000);
        Assert.All(seen, n => Assert.True(n > 0));
        Assert.True(matured > 0);
    }

    [Fact]
    public void Entries_of_equal_completion_times_mature_in_insertion_order_whatever_the_order_of_times()
    {
        var entries = new ulong[] { 5, 3, 5, 1, 3, 5 }.Select((t, i) =>
            new UnbondingEntry(Delegator, Validators[i % 2], (ulong)i, Timestamp.FromSeconds(t), (ulong)i + 1, (ulong)i + 1)).ToList();
        var queue = new UnbondingQueue(entries);

        Assert.Equal([entries[3], entries[1], entries[4]], queue.TakeDue(Timestamp.FromSeconds(4)));
        Assert.Equal([entries[0], entries[2], entries[5]], queue);
        Assert.Empty(queue.TakeDue(Timestamp.FromSeconds(4)));
    }

    [Fact]
    public void Its_json_is_the_sorted_list_it_replaced_byte_for_byte_and_reads_back_in_the_same_order()
    {
        // the options a snapshot writes the chain's state with (Emulator's StateJson)
        var options = new JsonSerializerOptions(Wire.Options) { DefaultIgnoreCondition = JsonIgnoreCondition.Never, IncludeFields = true };
        var queue = new UnbondingQueue();
        foreach (var (t, i) in new ulong[] { 9, 2, 9, 4 }.Select((t, i) => (t, i)))
            queue.Add(new UnbondingEntry(Delegator, Validators[0], (ulong)i, Timestamp.FromSeconds(t), 10, (ulong)i));

        var json = JsonSerializer.Serialize(queue, options);
        Assert.Equal(JsonSerializer.Serialize(queue.ToImmutable(), options), json);
        Assert.Equal([1UL, 3, 0, 2], queue.Select(e => e.CreationHeight));
        Assert.Equal(queue.ToImmutable(), JsonSerializer.Deserialize<UnbondingQueue>(json, options)!.ToImmutable());
    }

    private static Amount Cut(UnbondingEntry e) => e.Balance - e.Balance.MulFloor(Dec.FromRatio(1, 3));
}
