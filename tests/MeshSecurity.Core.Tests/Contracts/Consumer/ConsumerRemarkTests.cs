using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Contracts.Consumer;
using MeshSecurity.Core.Contracts.MetaStaking;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using static MeshSecurity.Core.Tests.Contracts.Consumer.ConsumerFixture;

namespace MeshSecurity.Core.Tests.Contracts.Consumer;

/// <summary>
/// Re-marking (a feed's remark, docs/scenarios.md "Prices"): at each epoch's end the consumer values every validator's
/// stake again at the latest price and asks meta-staking for the difference.
/// </summary>
public sealed class ConsumerRemarkTests
{
    private static readonly Addr Oracle = Addr.Derive("test", "oracle");

    private static ConsumerFixture WithFeed(bool remark) =>
        new(instantiate: Instantiate("1") with
        {
            PriceFeed = new ConsumerMsg.PriceFeed(Dec.Parse("0.4"), 600, Oracle.Value, remark ? true : null),
        });

    private static void Publish(ConsumerFixture c, string price) =>
        c.H.Execute(Oracle, new ConsumerMsg.Execute.UpdatePrice(Dec.Parse(price)));

    private static Response EndEpoch(ConsumerFixture c) => c.H.Ok(new ContractCall.Sudo(new ChainHook.EpochEnding(100)));

    private static Amount Local(ConsumerFixture c, string validator) =>
        c.H.Query<ConsumerMsg.RemoteStakeResponse>(new ConsumerMsg.Query.RemoteStake(validator)).LocalAmount;

    private static List<(MetaStakingMsg.Execute Msg, ReplyOn ReplyOn)> Calls(Response r) =>
        [.. r.Messages.Where(m => m.Msg is CosmosMsg.WasmExecute)
            .Select(m => ((MetaStakingMsg.Execute)((CosmosMsg.WasmExecute)m.Msg).Msg, m.ReplyOn))];

    [Fact]
    public void A_60_percent_fall_undelegates_and_a_rise_delegates_the_difference_at_the_epochs_end()
    {
        var c = WithFeed(remark: true);
        Publish(c, "0.5");
        c.Stake(Validator, 1000);   // floor(floor(1000 × 0.5) × 0.6) = 300
        c.Stake(Validator2, 2000);  // 600
        Publish(c, "0.2");
        Assert.Equal(new Amount(300), Local(c, Validator)); // nothing moves before the epoch's end

        var fall = EndEpoch(c);
        Assert.Equal([(new MetaStakingMsg.Execute.Undelegate(Validator, 180), ReplyOn.Never),
            (new MetaStakingMsg.Execute.Undelegate(Validator2, 360), ReplyOn.Never)], Calls(fall));
        Assert.Equal([new Amount(120), new Amount(240)], new[] { Local(c, Validator), Local(c, Validator2) });

        Publish(c, "0.5");
        var rise = EndEpoch(c);
        Assert.Equal([(new MetaStakingMsg.Execute.Delegate(Validator, 180), ReplyOn.Error),
            (new MetaStakingMsg.Execute.Delegate(Validator2, 360), ReplyOn.Error)], Calls(rise));
        Assert.Equal(new Amount(300), Local(c, Validator));
    }

    [Fact]
    public void A_rise_meta_staking_refuses_leaves_that_validator_at_its_old_value()
    {
        var c = WithFeed(remark: true);
        Publish(c, "0.5");
        c.Stake(Validator, 1000);
        Publish(c, "1");
        var rise = EndEpoch(c);
        var id = Assert.Single(rise.Messages).Id;
        var refused = new Reply(id, [], null, new MetaStakingError.CapExceeded(new Amount(400), new Amount(600)));
        var reply = c.H.Ok(new ContractCall.HandleReply(refused));
        Assert.Contains(reply.Attributes, a => a.Key == ConsumerEvents.ActionKey && a.Value == ConsumerEvents.RemarkRefused);
        Assert.Equal(new Amount(300), Local(c, Validator));
    }

    [Theory]
    [InlineData("success: never (production) re-marks nothing", false, "0.2", 300UL)]
    [InlineData("success: an outdated price re-marks nothing", true, null, 300UL)]
    public void Without_remark_or_a_fresh_price_the_epoch_leaves_the_stake_as_it_was(string label, bool remark, string? price, ulong local)
    {
        Assert.NotEmpty(label);
        var c = WithFeed(remark);
        Publish(c, "0.5");
        c.Stake(Validator, 1000);
        if (price is not null) Publish(c, price);
        else c.H.Time = c.H.Time.PlusSeconds(600);
        Assert.Empty(EndEpoch(c).Messages);
        Assert.Equal(new Amount(local), Local(c, Validator));
    }
}
