using MeshSecurity.Core.Relaying;

namespace MeshSecurity.Core.Tests.Relaying;

/// <summary>
/// Every latency model has a floor no draw goes below: the time keeper's lookahead rests on it (nothing a block causes
/// lands before block time + floor). Draws above the floor are what they were before floors existed.
/// </summary>
public class LatencyModelTests
{
    private const int Draws = 20_000;

    public static TheoryData<string, LatencyModel, ulong> Floors => new()
    {
        // name, model, its floor in nanoseconds
        { "zero", LatencyModel.Zero, 0 },
        { "a constant", new LatencyModel.Constant(2), 2_000_000_000 },
        { "a sub-second constant", new LatencyModel.Constant(0.25), 250_000_000 },
        { "a negative constant", new LatencyModel.Constant(-1), 0 },
        { "a uniform", new LatencyModel.Uniform(0.5, 2), 500_000_000 },
        { "a uniform from zero", new LatencyModel.Uniform(0, 3), 0 },
        { "a lognormal with a floor", new LatencyModel.LogNormal(3, 0.5, 1), 1_000_000_000 },
        { "a lognormal floored at its mean", new LatencyModel.LogNormal(2, 0.5, 2), 2_000_000_000 },
        { "a lognormal without a floor", new LatencyModel.LogNormal(3, 0.5), 0 },
        { "a nanosecond floor", new LatencyModel.LogNormal(3, 0.5, 1e-9), 1 },
    };

    [Theory]
    [MemberData(nameof(Floors))]
    public void The_floor_is_the_smallest_draw_and_no_draw_is_below_it(string name, LatencyModel model, ulong floor)
    {
        Assert.True(model.FloorNanos == floor, $"{name}: floor {model.FloorNanos}, expected {floor}");
        var draws = Enumerable.Range(0, Draws).Select(i => model.SampleNanos("seed", "channel-0", "packet/a", (ulong)i)).ToList();
        Assert.True(draws.Min() >= floor, $"{name}: a draw of {draws.Min()} ns is below the floor {floor}");
    }

    public static TheoryData<string, LatencyModel> Reached => new()
    {
        { "a constant", new LatencyModel.Constant(2) },
        { "a lognormal clamped at 1s", new LatencyModel.LogNormal(3, 0.5, 1) },
        { "a lognormal clamped at its mean", new LatencyModel.LogNormal(2, 1, 2) },
    };

    /// <summary>The floor is not just a bound: these models draw it (a lognormal's mass below its min lands on the min).</summary>
    [Theory]
    [MemberData(nameof(Reached))]
    public void The_floor_is_drawn(string name, LatencyModel model)
    {
        var draws = Enumerable.Range(0, Draws).Select(i => model.SampleNanos("seed", "channel-0", "ack/b", (ulong)i));
        Assert.True(draws.Min() == model.FloorNanos, $"{name}: the smallest draw is not the floor {model.FloorNanos}");
    }

    [Fact]
    public void A_uniform_draws_near_its_min_but_never_below_it()
    {
        var model = new LatencyModel.Uniform(1, 5);
        var draws = Enumerable.Range(0, Draws).Select(i => model.SampleNanos("seed", "channel-1", "packet/b", (ulong)i)).ToList();
        Assert.InRange(draws.Min(), 1_000_000_000UL, 1_010_000_000UL);
        Assert.InRange(draws.Max(), 4_990_000_000UL, 5_000_000_000UL);
    }

    [Theory]
    [InlineData(3, 0.5, 1)]
    [InlineData(2, 1, 1.5)]
    [InlineData(1, 2, 0.1)]
    public void A_clamped_lognormal_draws_what_the_unclamped_one_does_above_the_floor(double mean, double spread, double min)
    {
        var clamped = new LatencyModel.LogNormal(mean, spread, min);
        var free = new LatencyModel.LogNormal(mean, spread);
        var raised = 0;
        for (var i = 0UL; i < Draws; i++)
        {
            var c = clamped.SampleNanos("seed", "channel-2", "packet/a", i);
            var f = free.SampleNanos("seed", "channel-2", "packet/a", i);
            Assert.Equal(System.Math.Max(f, clamped.FloorNanos), c);
            if (f < clamped.FloorNanos) raised++;
        }
        // some draws fell below the floor and were raised, most did not: the floor cut the tail, not the distribution
        Assert.InRange(raised, 1, Draws - 1);
    }
}
