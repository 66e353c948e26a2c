using System.Text.Json.Nodes;
using MeshSecurity.Cli.Cluster;
using MeshSecurity.Emulator.Cluster;

namespace MeshSecurity.Cli.Tests.Cluster;

/// <summary>
/// What `meshsec chaos` reads of a live fault's own keys (named as its scenario keys): the settings the member acts on,
/// and for a key missing, malformed or given to a fault that does not take it, the message the 400 carries.
/// </summary>
public sealed class ChaosArgsReaderTests
{
    [Fact]
    public void Durations_fractions_sizes_and_packets_are_read_as_the_scenario_writes_them()
    {
        var lag = Read("relayer.lag", """{"provider":"osmosis","consumer":"juno","delay":"1m30s"}""");
        Assert.Equal(90_000_000_000UL, lag.Nanos);
        Assert.Equal("1m30s", lag.Shown);
        Assert.Equal(5_000_000_000UL, Read("relayer.clear-interval", """{"interval":"5s"}""").Nanos);
        Assert.Equal(3, Read("relayer.batch-size", """{"size":3}""").Size);
        Assert.Equal("0.25", Read("net.loss", """{"fraction":"0.250"}""").Fraction);
        Assert.Equal("stake", Read("ibc.error-ack", """{"packet":"stake"}""").Packet);
        var skew = Read("chain.clock-skew", """{"chain":"juno","offset":"-1m"}""");
        Assert.Equal(-60_000_000_000L, skew.OffsetNanos);
        Assert.Equal("-1m", skew.Shown);
        Assert.Equal(600_000_000_000UL, Read("chain.clock-jump", """{"by":"10m"}""").Nanos);
        Assert.Equal(2, Read("relayer.race", "{}").Size);
        Assert.Equal("5 relayers", Read("relayer.race", """{"relayers":"5"}""").Shown);
        Assert.Equal(0UL, Read("net.reorder", "{}").Nanos);
        Assert.Equal(20_000_000_000UL, Read("net.reorder", """{"provider":"osmosis","consumer":"juno","window":"20s"}""").Nanos);
    }

    [Theory]
    [InlineData("""{"latency":"kind=uniform, min=2s, max=1m"}""", "uniform 2s..1m", 2_000_000_000UL)]
    [InlineData("""{"latency":{"kind":"constant","value":"40s"}}""", "constant 40s", 40_000_000_000UL)]
    [InlineData("""{"latency":"kind=lognormal,mean=3s,spread=0.5"}""", "lognormal 3s 0.5", 1_000_000_000UL)]
    [InlineData("""{"latency":"kind=lognormal,mean=10s,spread=0.5","min-latency":"4s"}""", "lognormal 10s 0.5 min 4s", 4_000_000_000UL)]
    public void A_live_latency_is_the_steps_latency_object_as_json_or_as_key_value_text(string body, string shown, ulong floor)
    {
        var args = Read("net.latency", body);
        Assert.Equal(shown, args.Shown);
        Assert.Equal(floor, args.Latency!.FloorNanos);
    }

    [Fact]
    public void Choices_of_both_mean_no_restriction_and_show_nothing()
    {
        var pause = Read("relayer.pause", """{"channel":"both","direction":"to-consumer"}""");
        Assert.Null(pause.Channel);
        Assert.Equal("to-consumer", pause.Direction);
        Assert.Equal("to-consumer", pause.Shown);
        Assert.Equal("provider", Read("ibc.client-expire", """{"side":"provider"}""").Side);
        Assert.Null(Read("ibc.client-expire", "{}").Side);
        Assert.Equal("consumer", Read("ibc.close-channel", """{"side":"consumer"}""").Side);
        Assert.Null(Read("ibc.close-channel", "{}").Side);
    }

    [Fact]
    public void The_drivers_faults_take_their_steps_keys_a_factor_and_an_account()
    {
        var shock = Read("econ.price-shock", """{"provider":"osmosis","consumer":"akash","factor":"0.40"}""");
        Assert.Equal("0.4", shock.Factor);
        Assert.Equal("x0.4", shock.Shown);
        Assert.Equal("3", Read("econ.price-shock", """{"factor":3}""").Factor);
        Assert.Equal("alice", Read("econ.withdraw-race", """{"account":"alice","validator":"jv"}""").Account);
    }

    [Fact]
    public void A_partition_takes_one_side_as_chains_or_every_side_as_groups()
    {
        Assert.Equal([["juno", "stars"]], Read("net.partition", """{"chains":"juno, stars"}""").Groups.Select(g => g.ToArray()));
        Assert.Equal([["osmosis", "juno"], ["stars"]],
            Read("net.partition", """{"groups":["osmosis,juno","stars"]}""").Groups.Select(g => g.ToArray()));
        Assert.Equal([["osmosis"], ["juno"]],
            Read("net.partition", """{"groups":[["osmosis"],["juno"]]}""").Groups.Select(g => g.ToArray()));
        Assert.Equal(["juno/juno-val-1", "stars/stars-val-2"],
            Read("econ.slash-storm", """{"validators":"juno/juno-val-1,stars/stars-val-2"}""").Validators.ToArray());
    }

    [Theory]
    [InlineData("relayer.lag", "{}", "relayer.lag: needs --delay")]
    [InlineData("relayer.lag", """{"delay":"soon"}""", "expected --delay as a duration, got 'soon'")]
    [InlineData("relayer.lag", """{"delay":"0s"}""", "expected --delay above 0s")]
    [InlineData("relayer.lag", """{"delay":"30s","fraction":"0.5"}""", "takes no 'fraction' (it takes: provider, consumer, delay)")]
    [InlineData("relayer.clear-interval", """{"interval":"500ms"}""", "at least 1s")]
    [InlineData("relayer.race", """{"relayers":"9"}""", "how many relayers race, from 2 to 8, got '9'")]
    [InlineData("net.reorder", """{"provider":"osmosis"}""", "give both --provider and --consumer (one link), or neither")]
    [InlineData("net.reorder", """{"window":"0s"}""", "expected --window above 0s")]
    [InlineData("net.latency", "{}", "net.latency: needs --latency: the links' latency while the fault holds")]
    [InlineData("net.latency", """{"latency":"kind=gaussian"}""",
        "--latency kind: unknown latency kind \"gaussian\"; expected one of: constant,")]
    [InlineData("net.latency", """{"latency":"kind=uniform,min=5s,max=1s"}""", "max (1s) must be at least min (5s)")]
    [InlineData("net.latency", """{"latency":"kind=constant,min=5s"}""",
        "--latency min: unknown key \"min\" in a constant latency; expected one of: kind, value")]
    [InlineData("net.latency", """{"latency":"kind=constant,value=soon"}""", "--latency value: expected a duration like \"6s\", \"1m\"")]
    [InlineData("net.latency", """{"latency":{"kind":"uniform","min":"1s","max":"2s","x":"1"}}""",
        "--latency x: unknown key \"x\" in a uniform")]
    [InlineData("net.latency", """{"latency":"kind=lognormal,mean=3s,spread=11"}""", "expected a spread from 0 to 10, got 11")]
    [InlineData("net.latency", """{"latency":"kind=constant,value=5s","min-latency":"6s"}""",
        "--min-latency: expected a min-latency of at most the constant latency's value (5s), got 6s")]
    [InlineData("net.latency", """{"latency":"kind=constant,value=5s","provider":"osmosis"}""", "give both --provider and --consumer")]
    [InlineData("relayer.batch-size", """{"size":"0"}""", "from 1 to 10000, got '0'")]
    [InlineData("relayer.censor", """{"packet":"stak"}""", "unknown packet kind 'stak'; expected one of: stake, unstake")]
    [InlineData("relayer.starve", """{"packet":"rewards","direction":"to-consumer"}""", "rewards packets never travel to-consumer")]
    [InlineData("relayer.pause", """{"channel":"ibc"}""", "expected --channel one of mesh, ics20, both, got 'ibc'")]
    [InlineData("net.loss", """{"fraction":"1.5"}""", "above 0 and at most 1, got '1.5'")]
    [InlineData("net.loss", """{"fraction":"0"}""", "above 0 and at most 1")]
    [InlineData("net.loss", """{"provider":"osmosis","fraction":"0.5"}""", "give both --provider and --consumer")]
    [InlineData("net.partition", "{}", "needs --chains")]
    [InlineData("net.partition", """{"chains":"juno","groups":["juno"]}""", "either --chains or --groups, not both")]
    [InlineData("net.partition", """{"chains":"juno,,stars"}""", "expected --chains as names separated by commas")]
    [InlineData("chain.clock-skew", """{"offset":"30s"}""", "(the sign is missing)")]
    [InlineData("chain.clock-skew", """{"offset":"+0s"}""", "a skew of 0s is no fault")]
    [InlineData("chain.clock-skew", """{"offset":"+2d"}""", "at most 1d either way")]
    [InlineData("chain.clock-jump", """{"by":"25h"}""", "at most 1d")]
    [InlineData("validator.double-sign", """{"chain":"juno"}""", "needs --validator")]
    [InlineData("econ.price-shock", "{}", "econ.price-shock: needs --factor: what the oracle's price is multiplied by, above 0")]
    [InlineData("econ.price-shock", """{"factor":"-1"}""", "what the oracle's price is multiplied by, above 0, got '-1'")]
    [InlineData("econ.price-shock", """{"factor":"0.5","fraction":"0.5"}""", "takes no 'fraction' (it takes: provider, consumer, factor)")]
    [InlineData("econ.withdraw-race", """{"validator":"jv"}""", "econ.withdraw-race: needs --account")]
    [InlineData("ibc.close-channel", """{"side":"both"}""", "expected --side one of provider, consumer, got 'both'")]
    [InlineData("econ.slash-storm", """{"validators":"juno/a,juno/b"}""", "juno is named twice")]
    [InlineData("econ.slash-storm", """{"validators":"juno"}""", "expected \"chain/validator\" in --validators, got 'juno'")]
    public void Misuse_says_what_is_missing_or_wrong(string fault, string body, string said)
    {
        Assert.Null(ChaosArgsReader.Read(fault, (JsonObject)JsonNode.Parse(body)!, out var error));
        Assert.Contains(said, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_fault_lists_its_flags_and_the_faults_read_here_take_only_those()
    {
        Assert.All(ChaosFault.All, f => Assert.DoesNotContain("run", f.Flags));
        Assert.Equal(["chains", "groups"], ChaosFault.Named("net.partition")!.Flags.ToArray());
        Assert.Equal(["provider", "consumer", "channel", "direction"], ChaosFault.Named("relayer.pause")!.Flags.ToArray());
        // the faults read elsewhere take their keys without this check
        Assert.Same(ChaosArgs.None, ChaosArgsReader.Read("relayer.stop", new JsonObject { ["anything"] = "x" }, out var none));
        Assert.Null(none);
    }

    private static ChaosArgs Read(string fault, string body)
    {
        var args = ChaosArgsReader.Read(fault, (JsonObject)JsonNode.Parse(body)!, out var error);
        Assert.True(args is not null, error);
        return args;
    }
}
