using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Tests.Support;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>
/// A user's scenario (helper dogfood3): an expectation with an id and nothing to compare with records a reading whose
/// value cannot be computed by hand (rewards, slashed amounts), so that later ones can say how it changed.
/// </summary>
public sealed class RecordedReadingTests
{
    /// <summary>Alice bonds 1000 at 5m; her bank balance and the lockup's answer are read at 4m, then compared at 10m.</summary>
    private const string Scenario = """
        scenario { name = readings, seed = 5 }
        chains = [
          { id = osmosis, prefix = osmo, denom = uosmo, validators = [ { name = ov, stake = 10000000000 } ]
            accounts = [ { name = alice, balance = "2000000000uosmo" } ] }
          { id = juno, prefix = juno, denom = ujuno, validators = [ { name = jv, stake = 10000000000 } ] }
        ]
        links = [ { provider = osmosis, consumer = juno, exchange-rate = "1", staking-funds = 1000000000 } ]
        steps = [ { at = 5m, action = bond, chain = osmosis, account = alice, amount = 1000 } ]
        expect = [
          { at = 4m, what = balance, chain = osmosis, account = alice, id = before }
          { at = 4m, what = channel-state, provider = osmosis, consumer = juno, id = channel }
          { at = 4m, what = query, contract = lockup, chain = osmosis, msg = { balance { account = "@alice" } }, id = unknown }
          { at = 10m, what = balance, chain = osmosis, account = alice, changed-by = -1000, since = before }
          { at = 10m, what = channel-state, provider = osmosis, consumer = juno, same-as = channel }
          { at = 10m, what = query, contract = lockup, chain = osmosis, msg = { balance { account = "@alice" } }
            path = bonded, id = bonded }
        ]
        """;

    [Fact]
    public void An_id_alone_is_a_recorded_reading_and_needs_no_equals()
    {
        var s = Parse.Ok(Scenario);
        Assert.Equal(new Comparison.Recorded("before"), s.Expectations[0].Against);
        Assert.Equal(new Comparison.Recorded("bonded"), s.Expectations[5].Against);
        Assert.IsType<Comparison.ChangedBy>(s.Expectations[3].Against);
        // without an id, equals is still required
        var noId = Parse.Base + "expect = [ { at = 1m, what = balance, chain = osmosis, account = alice } ]\n";
        Parse.SingleAt(noId, 7, "{ at", "expect[0].equals", "missing required key \"equals\"");
    }

    [Fact]
    public async Task A_recorded_reading_passes_when_read_fails_when_it_cannot_be_and_later_ones_compare_with_it()
    {
        var report = await Runs.Of(Scenario);
        var e = report.Expectations;
        Assert.Equal(("(read as before)", "2000000000", true), (e[0].Expected, e[0].Actual, e[0].Ok));
        Assert.Equal(("(read as channel)", "open", true), (e[1].Expected, e[1].Actual, e[1].Ok));
        // alice has not bonded yet at 4m: the lockup does not know her, so nothing is read and the reading fails
        Assert.False(e[2].Ok);
        Assert.Contains("UnknownAccount", e[2].Actual, StringComparison.Ordinal);
        Assert.Equal(("1999999000", true), (e[3].Actual, e[3].Ok));
        Assert.True(e[4].Ok, e[4].Actual);
        Assert.Equal(("1000", true), (e[5].Actual, e[5].Ok));
        Assert.Equal(1, report.Result.FailedExpectations);
    }
}
