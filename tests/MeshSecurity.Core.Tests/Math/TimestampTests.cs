using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Tests.ExactMath;

public class TimestampTests
{
    [Fact]
    public void Seconds_and_nanoseconds_convert_exactly()
    {
        var t = Timestamp.FromSeconds(1_700_000_000).PlusNanos(5);

        Assert.Equal(1_700_000_000_000_000_005UL, t.Nanos);
        Assert.Equal(1_700_000_000UL, t.Seconds);
        Assert.Equal(Timestamp.FromSeconds(1_700_000_060), Timestamp.FromSeconds(1_700_000_000).PlusSeconds(60));
    }

    [Fact]
    public void Adding_past_the_end_of_time_throws_instead_of_wrapping()
    {
        Assert.Throws<OverflowException>(() => new Timestamp(ulong.MaxValue).PlusNanos(1));
        Assert.Throws<OverflowException>(() => Timestamp.FromSeconds(ulong.MaxValue));
        Assert.Throws<OverflowException>(() => new Timestamp(ulong.MaxValue - 1).PlusSeconds(1));
    }

    [Theory]
    [InlineData("success: an ordinary subtraction", 100UL, 40UL, 60UL)]
    [InlineData("success: down to zero", 100UL, 100UL, 0UL)]
    [InlineData("success: below zero saturates", 100UL, 101UL, 0UL)]
    public void Subtracting_seconds_saturates_at_zero(string label, ulong from, ulong minus, ulong expected)
    {
        _ = label;
        Assert.Equal(Timestamp.FromSeconds(expected), Timestamp.FromSeconds(from).MinusSeconds(minus));
    }

    [Fact]
    public void Subtracting_more_seconds_than_fit_in_nanoseconds_saturates_at_zero()
    {
        Assert.Equal(Timestamp.Zero, Timestamp.FromSeconds(100).MinusSeconds(18_446_744_074));
        Assert.Equal(Timestamp.Zero, Timestamp.FromSeconds(100).MinusSeconds(ulong.MaxValue));
    }

    [Theory]
    [InlineData("success: whole seconds", 5_000_000_000UL, "5s")]
    [InlineData("success: a fraction of a second", 1_500_000_000UL, "1.500s")]
    public void A_timestamp_prints_in_seconds(string label, ulong nanos, string printed)
    {
        _ = label;
        Assert.Equal(printed, new Timestamp(nanos).ToString());
    }

    [Fact]
    public void Timestamps_order_by_time()
    {
        Assert.True(Timestamp.FromSeconds(1) < Timestamp.FromSeconds(2));
        Assert.True(Timestamp.FromSeconds(2) >= Timestamp.FromSeconds(2));
        Assert.Equal(-1, Timestamp.Zero.CompareTo(new Timestamp(1)));
    }
}
