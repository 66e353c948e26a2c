using MeshSecurity.Scenarios.Tests.Support;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>A consumer chain's `epoch` (docs/scenarios.md "Epochs"): what it reads, and a located error for each misuse.</summary>
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

    [Fact]
    public void An_epoch_on_a_chain_no_link_consumes_is_refused_where_it_is_written()
    {
        var text = Parse.Base.Replace("{ id = osmosis, prefix = osmo,", "{ id = osmosis, prefix = osmo, epoch = 10,", StringComparison.Ordinal);
        Parse.SingleAt(text, 3, "epoch", "chains[0].epoch", "no link has osmosis as its consumer");
    }
}
