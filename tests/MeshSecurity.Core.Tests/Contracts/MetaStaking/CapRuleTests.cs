using MeshSecurity.Core.Contracts.MetaStaking;
using MeshSecurity.Core.Math;

namespace MeshSecurity.Core.Tests.Contracts.MetaStaking;

public sealed class CapRuleTests
{
    private static Dictionary<string, Amount> Requests(params (string Validator, ulong Amount)[] r) =>
        r.ToDictionary(x => x.Validator, x => new Amount(x.Amount));

    private static ulong[] Values(IEnumerable<KeyValuePair<string, Amount>> targets) => [.. targets.Select(kv => (ulong)kv.Value.Value)];

    [Fact]
    public void The_seeds_example_500_1000_1000_under_a_max_of_1000_normalises_to_200_400_400()
    {
        var targets = CapRule.Normalise(Requests(("a", 500), ("b", 1000), ("c", 1000)), new Amount(1000));
        Assert.Equal([200UL, 400UL, 400UL], Values(targets));
    }

    [Fact]
    public void Productions_cap_of_5_over_requests_of_10_and_40_bonds_1_and_4()
    {
        Assert.Equal([1UL, 4UL], Values(CapRule.Normalise(Requests(("v1", 10), ("v2", 40)), new Amount(5))));
    }

    [Fact]
    public void Requests_within_the_cap_are_bonded_as_asked()
    {
        Assert.Equal([300UL, 700UL], Values(CapRule.Normalise(Requests(("v1", 300), ("v2", 700)), new Amount(1000))));
    }

    [Fact]
    public void Scaling_floors_each_request_so_the_sum_never_passes_the_cap()
    {
        // 3 × 10 / 12 = 2.5 → 2 each: 8 of the 10 allowed, never more
        var targets = CapRule.Normalise(Requests(("a", 3), ("b", 3), ("c", 3), ("d", 3)), new Amount(10));
        Assert.Equal([2UL, 2UL, 2UL, 2UL], Values(targets));
    }

    [Theory]
    [InlineData("success: 10 % of a chain whose others bond 9,000 is 1,000 (1,000 of 10,000)", "0.1", 9000UL, 1000UL)]
    [InlineData("success: a third (18 digits) of 2,000 others floors to 999", "0.333333333333333333", 2000UL, 999UL)]
    [InlineData("success: a zero share evicts", "0", 9000UL, 0UL)]
    public void A_fraction_cap_keeps_the_consumers_share_of_the_whole_bonded_stake_at_most_the_fraction(
        string label, string share, ulong others, ulong limit)
    {
        Assert.NotEmpty(label);
        Assert.Equal(new Amount(limit), CapRule.Limit(new CapPolicy.Fraction(Dec.Parse(share)), new Amount(others)));
    }

    [Fact]
    public void A_fixed_cap_is_its_amount_whatever_the_chain_bonds()
    {
        Assert.Equal(new Amount(1000), CapRule.Limit(new CapPolicy.Fixed(new Amount(1000)), new Amount(1)));
    }
}
