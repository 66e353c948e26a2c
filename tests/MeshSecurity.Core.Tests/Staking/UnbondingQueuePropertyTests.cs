using CsCheck;
using MeshSecurity.Core.Staking;
using MeshSecurity.Core.Tests.Support;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Tests.Staking;

/// <summary>The unbonding queue, sorted by completion time, matures exactly the due entries, in order.</summary>
public sealed class UnbondingQueuePropertyTests
{
    private static readonly Addr Delegator = Addr.Derive("osmo", "alice");
    private static readonly Addr Validator = Addr.Derive("osmo", "validator/v1");

    [Fact]
    public void Maturing_takes_exactly_the_due_entries_by_completion_time_then_creation()
    {
        // completion times in any order (a queue built by a chain only appends, but the order must not depend on it), and
        // a rising series of block times at which entries mature
        var gen = Gen.Select(Gen.ULong[0, 50].Array[0, 30], Gen.ULong[0, 20].Array[1, 8]);
        gen.SampleSeeded((completions, steps) =>
        {
            var entries = completions.Select((c, i) =>
                new UnbondingEntry(Delegator, Validator, (ulong)i, Timestamp.FromSeconds(c), (ulong)i + 1, (ulong)i + 1)).ToList();
            var queue = entries.Aggregate(StakingState.Empty, (s, e) => s.WithUnbonding(e));
            // the reference: every entry by completion time, creation order among equal times (OrderBy is stable)
            var expected = entries.OrderBy(e => e.CompletionTime).ToList();
            Assert.Equal(expected, queue.UnbondingQueue);

            var matured = new List<UnbondingEntry>();
            var now = 0UL;
            foreach (var step in steps)
            {
                now += step;
                var (due, waiting) = queue.MatureUnbondings(Timestamp.FromSeconds(now));
                Assert.All(due, e => Assert.True(e.CompletionTime <= Timestamp.FromSeconds(now)));
                Assert.All(waiting, e => Assert.True(e.CompletionTime > Timestamp.FromSeconds(now)));
                matured.AddRange(due);
                queue = queue with { UnbondingQueue = waiting };
            }
            Assert.Equal(expected.Where(e => e.CompletionTime <= Timestamp.FromSeconds(now)), matured);
            Assert.Equal(expected.Where(e => e.CompletionTime > Timestamp.FromSeconds(now)), queue.UnbondingQueue);
        }, iter: 500);
    }
}
