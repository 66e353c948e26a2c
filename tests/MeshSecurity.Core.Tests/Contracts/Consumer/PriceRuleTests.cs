using MeshSecurity.Core.Contracts.Consumer;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Tests.Contracts.Consumer;

public sealed class PriceRuleTests
{
    [Theory]
    [InlineData("success: the converter's test, 1,000 at price 0.5 and discount 0.4", 1000UL, "0.5", "0.4", 300UL)]
    [InlineData("success: the converter's test, 2,000 (4,000 staked, 2,000 unstaked)", 2000UL, "0.5", "0.4", 600UL)]
    [InlineData("success: the e2e test, 80M at price 0.5 and discount 0.1", 80_000_000UL, "0.5", "0.1", 36_000_000UL)]
    [InlineData("success: the docs' 100 PROV at 18 with a 40 % discount", 100UL, "18", "0.4", 1080UL)]
    [InlineData("success: both floors, 7 at 0.5 is 3, then 3 x 0.6 is 1", 7UL, "0.5", "0.4", 1UL)]
    public void Normalise_floors_the_priced_amount_then_the_discounted_one(string label, ulong x, string price, string discount, ulong y)
    {
        Assert.NotEmpty(label);
        Assert.Equal(new Amount(y), PriceRule.Normalise(new Amount(x), Dec.Parse(price), Dec.Parse(discount)));
    }

    [Theory]
    [InlineData("success: 45M back at price 0.5 and discount 0.1 loses one unit", 45_000_000UL, 99_999_999UL)]
    [InlineData("success: 22.5M back loses one unit too", 22_500_000UL, 49_999_999UL)]
    [InlineData("success: zero stays zero", 0UL, 0UL)]
    public void Invert_truncates_both_reciprocals_so_a_round_trip_loses_a_unit(string label, ulong y, ulong x)
    {
        Assert.NotEmpty(label);
        Assert.Equal(new Amount(x), PriceRule.Invert(new Amount(y), Dec.Parse("0.5"), Dec.Parse("0.1")));
    }

    [Fact]
    public void The_reciprocal_of_0_9_is_truncated_at_18_digits()
    {
        Assert.Equal(Dec.Parse("1.111111111111111111"), PriceRule.Reciprocal(Dec.Parse("0.9")));
    }

    [Theory]
    [InlineData("success: fresh one second before the time to live", 9UL, false)]
    [InlineData("failure: outdated when now - ttl reaches the publication", 10UL, true)]
    [InlineData("failure: outdated after", 11UL, true)]
    public void A_price_is_outdated_once_its_age_reaches_the_time_to_live(string label, ulong age, bool stale)
    {
        Assert.NotEmpty(label);
        var published = Timestamp.FromSeconds(1_000);
        Assert.Equal(stale, PriceRule.IsStale(published, 10, published.PlusSeconds(age)));
    }
}
