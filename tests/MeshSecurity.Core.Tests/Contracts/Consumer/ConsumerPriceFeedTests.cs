using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Contracts.Consumer;
using MeshSecurity.Core.Contracts.MetaStaking;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using static MeshSecurity.Core.Tests.Contracts.Consumer.ConsumerFixture;

namespace MeshSecurity.Core.Tests.Contracts.Consumer;

public sealed class ConsumerPriceFeedTests
{
    private static readonly Addr Oracle = Addr.Derive("test", "oracle");
    private const ulong Ttl = 600;

    private static ConsumerFixture WithFeed(string discount = "0.4") =>
        new(instantiate: Instantiate("1") with { PriceFeed = new ConsumerMsg.PriceFeed(Dec.Parse(discount), Ttl, Oracle.Value) });

    private static void Publish(ConsumerFixture c, string price) =>
        c.H.Execute(Oracle, new ConsumerMsg.Execute.UpdatePrice(Dec.Parse(price)));

    private static Amount Delegated(Response r) =>
        r.Messages.Select(m => m.Msg).OfType<CosmosMsg.WasmExecute>().Select(m => m.Msg).Single() switch
        {
            MetaStakingMsg.Execute.Delegate d => d.Amount,
            MetaStakingMsg.Execute.Undelegate u => u.Amount,
            var other => throw new InvalidOperationException($"unexpected {other}"),
        };

    private static Amount Local(ConsumerFixture c, string validator) =>
        c.H.Query<ConsumerMsg.RemoteStakeResponse>(new ConsumerMsg.Query.RemoteStake(validator)).LocalAmount;

    [Fact]
    public void Productions_numbers_price_0_5_and_discount_0_4_turn_1000_into_300_and_4000_minus_2000_into_600()
    {
        var c = WithFeed();
        Publish(c, "0.5");
        Assert.Equal(new Amount(300), Delegated(c.Stake(Validator, 1000)));
        Assert.Equal(new Amount(1200), Delegated(c.Stake(Validator2, 4000)));
        Assert.Equal(new Amount(600), Delegated(c.Unstake(Validator2, 2000)));
        Assert.Equal(new Amount(300), Local(c, Validator));
        Assert.Equal(new Amount(600), Local(c, Validator2));
    }

    [Fact]
    public void Existing_stake_is_never_re_marked_each_packet_is_valued_at_its_own_price()
    {
        var c = WithFeed();
        Publish(c, "0.5");
        c.Stake(Validator, 1000);          // 300
        Publish(c, "0.2");                 // a 60 % fall: the 300 stays
        Assert.Equal(new Amount(300), Local(c, Validator));
        Assert.Equal(new Amount(120), Delegated(c.Stake(Validator, 1000)));
        Assert.Equal(new Amount(420), Local(c, Validator));
    }

    [Fact]
    public void After_a_rise_an_unstake_worth_more_than_is_bonded_fails_with_InsufficientBond()
    {
        var c = WithFeed();
        Publish(c, "0.5");
        c.Stake(Validator, 1000);          // 300
        Publish(c, "1");
        var error = c.ReceiveFails(new ProviderPacket.Unstake(Validator, 1000, Staker));
        Assert.Equal(new ConsumerError.InsufficientBond(Validator, new Amount(300), new Amount(600)), error);
    }

    [Fact]
    public void With_no_price_or_an_outdated_one_a_stake_fails_with_StalePrice_and_a_burn_still_lowers_the_power()
    {
        var c = WithFeed();
        Assert.Equal(new ConsumerError.StalePrice(null, Ttl), c.ReceiveFails(new ProviderPacket.Stake(Validator, 1000, Staker)));
        Publish(c, "0.5");
        var published = c.H.Time;
        c.Stake(Validator, 1000);
        c.H.Time = published.PlusSeconds(Ttl);
        Assert.Equal(new ConsumerError.StalePrice(published, Ttl), c.ReceiveFails(new ProviderPacket.Stake(Validator, 10, Staker)));
        Assert.IsType<ConsumerError.StalePrice>(c.ReceiveFails(new ProviderPacket.Unstake(Validator, 10, Staker)));
        Assert.Equal(new Amount(150), Delegated(c.Burn(Validator, 500)));
    }

    [Theory]
    [InlineData("failure: anyone but the oracle", false)]
    [InlineData("failure: a consumer with the fixed rate has no oracle", true)]
    public void Only_the_feeds_oracle_publishes_a_price(string label, bool fixedRate)
    {
        Assert.NotEmpty(label);
        var c = fixedRate ? new ConsumerFixture() : WithFeed();
        var sender = fixedRate ? Oracle : Relayer;
        Assert.IsType<ConsumerError.Unauthorized>(c.H.ExecuteFails(sender, new ConsumerMsg.Execute.UpdatePrice(Dec.One)));
    }
}
