using CsCheck;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Tests.Support;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Tests.ExactMath;

public class CoinsTests
{
    private static MeshError Raised(Action action) => Assert.Throws<MeshException>(action).Error;

    [Fact]
    public void Coins_are_sorted_by_denom_merged_and_stripped_of_zeros()
    {
        var coins = Coins.Of(new Coin("uosmo", 2), new Coin("uatom", 5), new Coin("uosmo", 3), new Coin("ujuno", 0));

        Assert.Equal(["uatom", "uosmo"], coins.Select(c => c.Denom));
        Assert.Equal((Amount)5, coins.AmountOf("uatom"));
        Assert.Equal((Amount)5, coins.AmountOf("uosmo"));
        Assert.Equal(Amount.Zero, coins.AmountOf("ujuno"));
        Assert.Equal("5uatom,5uosmo", coins.ToString());
    }

    [Fact]
    public void Coins_taken_as_they_are_equal_coins_summed_and_sorted()
    {
        // an array in canonical order is taken as it is; any other input is summed and sorted: both must agree
        var denom = Gen.OneOf(Gen.Const("Zeta"), Gen.Const("ibc/ABC"), Gen.Const("uatom"), Gen.Const("uosmo"));
        var coin = Gen.Select(denom, Gen.ULong[0, 3], (d, amount) => new Coin(d, amount));
        coin.Array[0, 5].SampleSeeded(coins =>
        {
            var canonical = Coins.Of(coins.ToList());
            Assert.Equal(canonical, Coins.Of(coins));
            Assert.Equal(canonical, Coins.Of([.. canonical]));
            Assert.Equal(canonical.ToString(), Coins.Of(coins).ToString());
        }, iter: 2_000, threads: 1);
    }

    [Fact]
    public void Denoms_are_ordered_ordinally_so_upper_case_sorts_first()
    {
        var coins = Coins.Of(new Coin("uatom", 1), new Coin("ibc/ABC", 1), new Coin("Zeta", 1));

        Assert.Equal(["Zeta", "ibc/ABC", "uatom"], coins.Select(c => c.Denom));
    }

    [Fact]
    public void Only_zero_amounts_make_an_empty_set()
    {
        var coins = Coins.Of(new Coin("uatom", 0), new Coin("uosmo", 0));

        Assert.True(coins.IsEmpty);
        Assert.Equal(Coins.Empty, coins);
        Assert.Equal("", coins.ToString());
    }

    [Fact]
    public void The_same_coins_given_in_any_order_are_equal()
    {
        var a = Coins.Of(new Coin("b", 1), new Coin("a", 2));
        var b = Coins.Of(new Coin("a", 1), new Coin("b", 1), new Coin("a", 1));

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void Merging_past_the_maximum_raises_an_overflow()
    {
        Assert.IsType<StdError.Overflow>(Raised(() => Coins.Of(new Coin("a", Amount.MaxValue), new Coin("a", 1))));
    }

    [Fact]
    public void Adding_coin_sets_merges_them()
    {
        var sum = Coins.Of("a", 1).Add(Coins.Of(new Coin("a", 2), new Coin("b", 3)));

        Assert.Equal(Coins.Of(new Coin("a", 3), new Coin("b", 3)), sum);
    }

    [Fact]
    public void Subtracting_drops_denoms_that_reach_zero()
    {
        var left = Coins.Of(new Coin("a", 5), new Coin("b", 3)).Sub(Coins.Of(new Coin("a", 5), new Coin("b", 1)));

        Assert.Equal(Coins.Of("b", 2), left);
        Assert.Equal("b", Assert.Single(left).Denom);
    }

    [Theory]
    [InlineData("failure: more of a denom than there is", "a", 6UL)]
    [InlineData("failure: a denom that is not there", "c", 1UL)]
    public void Subtracting_more_than_there_is_raises_an_overflow(string label, string denom, ulong amount)
    {
        _ = label;
        var have = Coins.Of(new Coin("a", 5), new Coin("b", 3));

        var error = Raised(() => have.Sub(Coins.Of(denom, amount)));

        Assert.Equal("sub", Assert.IsType<StdError.Overflow>(error).Operation);
    }

    [Fact]
    public void MustPay_returns_the_amount_of_a_single_coin_of_the_expected_denom()
    {
        Assert.Equal((Amount)100, Coins.Of("ustake", 100).MustPay("ustake"));
    }

    public static TheoryData<string, Coins, string> MustPayFailures => new()
    {
        { "failure: nothing sent", Coins.Empty, "NoFunds" },
        { "failure: only zero sent", Coins.Of("ustake", 0), "NoFunds" },
        { "failure: two denoms sent", Coins.Of(new Coin("ustake", 1), new Coin("uother", 1)), "MultipleDenoms" },
        { "failure: two denoms including the expected one", Coins.Of(new Coin("ustake", 100), new Coin("aaa", 1)), "MultipleDenoms" },
        { "failure: another denom sent", Coins.Of("uother", 100), "MissingDenom" },
    };

    [Theory]
    [MemberData(nameof(MustPayFailures))]
    public void MustPay_refuses_anything_but_one_coin_of_the_expected_denom(string label, Coins funds, string kind)
    {
        _ = label;
        var error = Raised(() => funds.MustPay("ustake"));

        Assert.Equal(kind, error.Kind);
        Assert.Equal("payment", error.Codespace);
    }

    [Fact]
    public void MustPay_names_the_missing_denom()
    {
        var error = Assert.IsType<PaymentError.MissingDenom>(Raised(() => Coins.Of("uother", 1).MustPay("ustake")));

        Assert.Equal("ustake", error.Denom);
        Assert.Equal("Must send 'ustake' to the contract", error.Message);
    }

    [Fact]
    public void MustBeEmpty_refuses_funds()
    {
        Coins.Empty.MustBeEmpty();
        Assert.IsType<PaymentError.NonPayable>(Raised(() => Coins.Of("ustake", 1).MustBeEmpty()));
    }
}
