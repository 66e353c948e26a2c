using MeshSecurity.Scenarios.Tests.Support;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>
/// A consumer chain's `epoch` and `local-min-power` (docs/scenarios.md "Epochs", "Local minimum power"): what they read,
/// and a located error for each misuse.
/// </summary>
public sealed class EpochTests
{
    private static string OnJuno(string keys) =>
        Parse.Base.Replace("{ id = juno, prefix = juno,", "{ id = juno, prefix = juno, " + keys + ",", StringComparison.Ordinal);

    [Fact]
    public void A_chain_without_an_epoch_keeps_the_seeds_behaviour_and_a_consumer_reads_its_epoch_in_blocks()
    {
        Assert.All(Parse.Ok(Parse.Base).Chains, c => Assert.Null(c.Epoch));
        Assert.Equal(100UL, Parse.Ok(OnJuno("epoch = 100")).Chain("juno").Epoch);
    }

    [Theory]
    [InlineData("failure: no blocks", "epoch = 0", "epoch", "chains[1].epoch", "expected a whole number from 1 to 1000000, got 0")]
    [InlineData("failure: a duration", "epoch = 10m", "epoch", "chains[1].epoch", "a whole number from 1 to 1000000")]
    [InlineData("failure: a misspelt key", "epohc = 10", "epohc", "chains[1].epohc", "did you mean \"epoch\"")]
    public void A_misused_epoch_is_a_located_error(string label, string keys, string at, string key, string message)
    {
        Assert.NotEmpty(label);
        Parse.SingleAt(OnJuno(keys), 4, at, key, message);
    }

    [Theory]
    [InlineData("epoch = 10", "epoch")]
    [InlineData("local-min-power = \"40%\"", "local-min-power")]
    public void A_consumer_policy_on_a_chain_no_link_consumes_is_refused_where_it_is_written(string keys, string key)
    {
        var text = Parse.Base.Replace(
            "{ id = osmosis, prefix = osmo,", $"{{ id = osmosis, prefix = osmo, {keys},", StringComparison.Ordinal);
        Parse.SingleAt(text, 3, key, $"chains[0].{key}", "no link has osmosis as its consumer");
    }

    private const string Feed = "price = { path = { kind = constant, value = \"0.5\" } }";

    private static string WithFeed(string remark, bool epoch) =>
        (epoch ? OnJuno("epoch = 10") : Parse.Base)
        .Replace("exchange-rate = \"0.5\"",
            Feed.Replace("price = {", "price = { " + remark + ",", StringComparison.Ordinal), StringComparison.Ordinal);

    [Theory]
    [InlineData("success: production's never", "remark = never", false, Model.RemarkPolicy.Never)]
    [InlineData("success: every epoch on a consumer with epochs", "remark = every-epoch", true, Model.RemarkPolicy.EveryEpoch)]
    public void A_price_feed_reads_its_remark_policy(string label, string keys, bool epoch, Model.RemarkPolicy expected)
    {
        Assert.NotEmpty(label);
        Assert.Equal(Model.RemarkPolicy.Never, Parse.Ok(WithFeed("discount = \"0\"", false)).Links[0].Price!.Remark);
        Assert.Equal(expected, Parse.Ok(WithFeed(keys, epoch)).Links[0].Price!.Remark);
    }

    [Theory]
    [InlineData("failure: re-marking with no epochs", "remark = every-epoch", false, "links[0].price.remark",
        "needs epochs on the consumer")]
    [InlineData("failure: a misspelt policy", "remark = every-epcoh", true, "links[0].price.remark", "did you mean \"every-epoch\"")]
    public void A_misused_remark_is_a_located_error(string label, string keys, bool epoch, string key, string message)
    {
        Assert.NotEmpty(label);
        Parse.SingleAt(WithFeed(keys, epoch), 6, "remark", key, message);
    }

    [Theory]
    [InlineData("success: the seed's 40 %", "\"40%\"", "0.4")]
    [InlineData("success: with decimals", "\"33.5%\"", "0.335")]
    public void A_consumer_reads_its_local_minimum_power_as_a_share(string label, string value, string share)
    {
        Assert.NotEmpty(label);
        Assert.Null(Parse.Ok(Parse.Base).Chain("juno").LocalMinPower);
        Assert.Equal(Core.Math.Dec.Parse(share), Parse.Ok(OnJuno("local-min-power = " + value)).Chain("juno").LocalMinPower);
    }

    [Theory]
    [InlineData("failure: no percent sign", "local-min-power = \"0.4\"", "a percentage ends with %")]
    [InlineData("failure: no floor at all", "local-min-power = \"0%\"", "expected a share above 0%")]
    [InlineData("failure: all of the power", "local-min-power = \"100%\"", "expected a share below 100%")]
    [InlineData("failure: a number", "local-min-power = 40", "like \"40%\"")]
    [InlineData("failure: a misspelt key", "local-min-powr = \"40%\"", "did you mean \"local-min-power\"")]
    public void A_misused_local_minimum_power_is_a_located_error(string label, string keys, string message)
    {
        Assert.NotEmpty(label);
        var key = keys[..keys.IndexOf(' ', StringComparison.Ordinal)];
        Parse.SingleAt(OnJuno(keys), 4, key, $"chains[1].{key}", message);
    }
}
