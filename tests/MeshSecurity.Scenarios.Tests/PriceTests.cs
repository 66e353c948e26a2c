using MeshSecurity.Core.Math;
using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Tests.Support;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>A link's `price` feed: what it reads, the prices its paths publish, and a located error for each misuse.</summary>
public sealed class PriceTests
{
    private const string Feed = "price { discount = \"0.4\", ttl = 10m, update-every = 1m, path { kind = constant, value = \"0.5\" } }";

    private static string WithFeed(string feed) =>
        Parse.Base.Replace("exchange-rate = \"0.5\", staking-funds = 1000", "staking-funds = 1000, " + feed, StringComparison.Ordinal);

    private static PriceFeedSpec Read(string feed) => Assert.Single(Parse.Ok(WithFeed(feed)).Links).Price!;

    private static string[] Prices(PriceFeedSpec feed, string until) =>
        [.. feed.Publications(Duration.Parse(until), "seed|osmosis|juno").Select(p => $"{p.At}={p.Price}")];

    [Fact]
    public void A_link_without_a_price_keeps_the_fixed_exchange_rate()
    {
        var link = Assert.Single(Parse.Ok(Parse.Base).Links);
        Assert.Null(link.Price);
        Assert.Equal(Dec.Parse("0.5"), link.ExchangeRate);
    }

    [Fact]
    public void A_feed_reads_its_discount_ttl_interval_and_path_and_its_first_price_stands_for_the_unused_rate()
    {
        var link = Assert.Single(Parse.Ok(WithFeed(Feed)).Links);
        Assert.Equal(new PriceFeedSpec(Dec.Parse("0.4"), Duration.FromMinutes(10), Duration.FromMinutes(1),
            new PricePath.Constant(Dec.Parse("0.5")), []), link.Price);
        Assert.Equal(Dec.Parse("0.5"), link.ExchangeRate);
    }

    [Fact]
    public void Steps_and_a_shock_publish_their_values_from_their_times_and_outages_publish_nothing()
    {
        var steps = Read("price { update-every = 1m, ttl = 5m, path = { kind = steps, points = [ { at = 0, value = \"1\" }, "
            + "{ at = 2m, value = \"2\" } ] }, outages = [ { from = 3m, to = 4m } ] }");
        Assert.Equal(["0s=1", "1m=1", "2m=2", "4m=2"], Prices(steps, "4m"));
        var shock = Read("price { update-every = 1m, ttl = 5m, path { kind = shock, value = \"0.5\", at = 2m, factor = \"0.4\" } }");
        Assert.Equal(["0s=0.5", "1m=0.5", "2m=0.2"], Prices(shock, "2m"));
    }

    [Fact]
    public void A_random_walk_is_the_same_for_a_seed_moves_within_its_volatility_and_differs_for_another_link()
    {
        var walk = Read("price { update-every = 1m, ttl = 5m, path { kind = random-walk, start = \"1\", volatility = \"0.1\" } }");
        var once = walk.Publications(Duration.FromHours(1), "s|osmosis|juno").Select(p => p.Price).ToList();
        Assert.Equal(once, walk.Publications(Duration.FromHours(1), "s|osmosis|juno").Select(p => p.Price));
        Assert.NotEqual(once, walk.Publications(Duration.FromHours(1), "s|osmosis|stars").Select(p => p.Price));
        Assert.Equal(61, once.Count);
        for (var k = 1; k < once.Count; k++)
        {
            Assert.True(once[k] <= once[k - 1] * Dec.Parse("1.1") && once[k] >= once[k - 1] * Dec.Parse("0.9"), $"slot {k} moved too far");
            Assert.NotEqual(once[k], once[k - 1]);
        }
    }

    [Theory]
    [InlineData("failure: a discount of 1", "\"0.4\"", "\"1\"", "discount", "links[0].price.discount", "below 1, got 1")]
    [InlineData("failure: a ttl no longer than the interval", "ttl = 10m", "ttl = 1m", "ttl", "links[0].price.ttl",
        "expected a ttl longer than update-every (1m), got 1m")]
    [InlineData("failure: a misspelt path kind", "kind = constant", "kind = constnat", "kind = constnat", "links[0].price.path.kind",
        "did you mean \"constant\"")]
    [InlineData("failure: a zero price", "value = \"0.5\"", "value = \"0\"", "value = \"0\"", "links[0].price.path.value",
        "above 0, got 0")]
    [InlineData("failure: a key of another kind", "value = \"0.5\"", "value = \"0.5\", start = \"1\"", "start",
        "links[0].price.path.start", "unknown key \"start\" in a constant price path")]
    [InlineData("failure: no path", ", path { kind = constant, value = \"0.5\" }", "", "price", "links[0].price.path",
        "missing required key \"path\"")]
    public void A_misused_price_feed_is_a_located_error(string label, string find, string replace, string at, string key, string message)
    {
        Assert.NotEmpty(label);
        Parse.SingleAt(WithFeed(Feed).Replace(find, replace, StringComparison.Ordinal), 6, at, key, message);
    }

    [Fact]
    public void A_fixed_rate_and_a_feed_together_are_a_located_error()
    {
        var text = Parse.Base.Replace("staking-funds = 1000", "staking-funds = 1000, " + Feed, StringComparison.Ordinal);
        Parse.SingleAt(text, 6, "exchange-rate", "links[0].exchange-rate", "give exchange-rate (a fixed rate) or price (a feed), not both");
    }

    [Theory]
    [InlineData("failure: the first point after 0", "path = { kind = steps, points = [ { at = 1m, value = \"1\" } ] }",
        "links[0].price.path.points[0].at", "must be at 0")]
    [InlineData("failure: points out of order",
        "path = { kind = steps, points = [ { at = 0, value = \"1\" }, { at = 0, value = \"2\" } ] }",
        "links[0].price.path.points[1].at", "in time order")]
    [InlineData("failure: an outage that ends first", "outages = [ { from = 5m, to = 1m } ], path = { kind = constant, value = \"1\" }",
        "links[0].price.outages[0].to", "must end after it starts (5m), got 1m")]
    public void A_misused_steps_path_or_outage_is_a_located_error(string label, string keys, string key, string message)
    {
        Assert.NotEmpty(label);
        var error = Assert.Single(Parse.Errors(WithFeed("price { " + keys + " }")));
        Assert.Equal((key, 6), (error.Key, error.Line));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
