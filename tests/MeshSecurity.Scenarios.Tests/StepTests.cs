using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Tests.Support;
using Step = MeshSecurity.Scenarios.Model.ScenarioStep;

namespace MeshSecurity.Scenarios.Tests;

public sealed class StepTests
{
    private static Step One(string step) => Assert.Single(Parse.Ok(Parse.WithStep(step)).Steps);

    private static readonly Duration M5 = Duration.FromMinutes(5);

    public static TheoryData<string, Step> Actions => new()
    {
        { "{ at = 5m, action = bond, chain = osmosis, account = alice, amount = 100 }", new Step.Bond(M5, "osmosis", "alice", 100) },
        { "{ at = 5m, action = unbond, chain = osmosis, account = alice, amount = \"100uosmo\" }", new Step.Unbond(M5, "osmosis", "alice", 100) },
        { "{ at = 5m, action = cross-stake, account = alice, provider = osmosis, consumer = juno, validator = jv, amount = 40 }", new Step.CrossStake(M5, "alice", "osmosis", "juno", "jv", 40) },
        { "{ at = 5m, action = unstake, account = alice, provider = osmosis, consumer = juno, validator = jv2, amount = 10 }", new Step.Unstake(M5, "alice", "osmosis", "juno", "jv2", 10) },
        { "{ at = 5m, action = unbond-claims, account = alice, provider = osmosis, consumer = juno }", new Step.UnbondClaims(M5, "alice", "osmosis", "juno") },
        { "{ at = 5m, action = withdraw-rewards, provider = osmosis, consumer = juno, validator = jv }", new Step.WithdrawRewards(M5, "juno", "osmosis", "jv") },
        { "{ at = 5m, action = withdraw-rewards, consumer-chain = juno, validator = jv }", new Step.WithdrawRewards(M5, "juno", null, "jv") },
        { "{ at = 5m, action = claim-rewards, account = bob, provider = osmosis, consumer = juno, validator = jv }", new Step.ClaimRewards(M5, "bob", "osmosis", "juno", "jv") },
        { "{ at = 5m, action = local-stake, chain = osmosis, account = alice, validator = ov, amount = 3 }", new Step.LocalStake(M5, "osmosis", "alice", "ov", 3) },
        { "{ at = 5m, action = double-sign, chain = juno, validator = jv }", new Step.DoubleSign(M5, "juno", "jv", EvidenceTargets.Both) },
        { "{ at = 5m, action = double-sign, chain = juno, validator = jv, submit-to = [slashers, chain] }", new Step.DoubleSign(M5, "juno", "jv", EvidenceTargets.Both) },
        { "{ at = 5m, action = double-sign, chain = juno, validator = jv, submit-to = [slashers] }", new Step.DoubleSign(M5, "juno", "jv", EvidenceTargets.Slashers) },
        { "{ at = 5m, action = double-sign, chain = juno, validator = jv, submit-to = chain }", new Step.DoubleSign(M5, "juno", "jv", EvidenceTargets.Chain) },
        { "{ at = 5m, action = double-sign, chain = osmosis, validator = ov, submit-to = [] }", new Step.DoubleSign(M5, "osmosis", "ov", EvidenceTargets.None) },
        { "{ at = 5m, action = relayer-stop, provider = osmosis, consumer = juno }", new Step.RelayerStop(M5, "osmosis", "juno") },
        { "{ at = 5m, action = relayer-start, provider = osmosis, consumer = juno }", new Step.RelayerStart(M5, "osmosis", "juno") },
        { "{ at = 5m, action = advance }", new Step.Advance(M5) },
        { "{ at = 5m, action = crash-chain, chain = juno }", new Step.CrashChain(M5, "juno") },
        { "{ at = 5m, action = send, chain = osmosis, from = alice, to = bob, amount = \"7uosmo\" }", new Step.Send(M5, "osmosis", "alice", "bob", new Coin("uosmo", 7)) },
        { "{ at = 5m, action = send, chain = osmosis, from = alice, to = bob, amount = 7 }", new Step.Send(M5, "osmosis", "alice", "bob", new Coin("uosmo", 7)) },
        { "{ at = 5m, action = send, chain = juno, from = jack, to = jack, amount = \"2ibc/XYZ\" }", new Step.Send(M5, "juno", "jack", "jack", new Coin("ibc/XYZ", 2)) },
        { "{ at = 5m, action = execute, sender = alice, contract = lockup, chain = osmosis, " +
          "msg = \"{\\\"bond\\\":{}}\", funds = \"5uosmo\" }",
            new Step.Execute(M5, "alice", new ContractTarget("osmosis", ContractRole.Lockup, null, null, null), "{\"bond\":{}}",
                Coins.Of("uosmo", 5)) },
        { "{ at = 5m, action = sudo, contract = consumer, provider = osmosis, consumer = juno, msg = { x { v = \"@jv\", n = 1 } } }",
            new Step.Sudo(M5, new ContractTarget("juno", ContractRole.Consumer, "osmosis", "juno", null),
                "{\"x\":{\"v\":\"@jv\",\"n\":\"1\"}}") },
        { "{ at = 5m, action = mint, chain = juno, to = jack, amount = \"3ujuno,2uother\" }",
            new Step.Mint(M5, "juno", "jack", null, null, null, Coins.Of(new Coin("ujuno", 3), new Coin("uother", 2))) },
        { "{ at = 5m, action = slash, provider = osmosis, consumer = juno, validator = jv, fraction = \"0.1\", force-unbond = true }",
            new Step.Slash(M5, "osmosis", "juno", "jv", Dec.Percent(10), true, M5) },
        { "{ at = 5m, action = inject-packet, provider = osmosis, consumer = juno, data = { stake { validator = \"@jv\" } } }",
            new Step.InjectPacket(M5, "osmosis", "juno", PacketChannel.Mesh, PacketDirection.ToConsumer,
                "{\"stake\":{\"validator\":\"@jv\"}}", true, true, null) },
        { "{ at = 5m, action = inject-packet, provider = osmosis, consumer = juno, channel = transfer, direction = to-provider, " +
          "data = \"{ not json\", expect-ack = error }",
            new Step.InjectPacket(M5, "osmosis", "juno", PacketChannel.Transfer, PacketDirection.ToProvider, "{ not json", false, false,
                null) },
        { "{ at = 5m, action = inject-packet, provider = osmosis, consumer = juno, data = x, ack-error = \"unknown variant\" }",
            new Step.InjectPacket(M5, "osmosis", "juno", PacketChannel.Mesh, PacketDirection.ToConsumer, "x", false, false,
                "unknown variant") },
        { "{ at = 5m, action = close-channel, provider = osmosis, consumer = juno }",
            new Step.CloseChannel(M5, "osmosis", "juno", LinkSide.Provider) },
        { "{ at = 5m, action = set-cap, provider = osmosis, consumer = juno, cap = \"10%\" }",
            new Step.SetCap(M5, "osmosis", "juno", new Core.Contracts.MetaStaking.CapPolicy.Fraction(Dec.Percent(10))) },
        { "{ at = 5m, action = close-channel, provider = osmosis, consumer = juno, side = consumer }",
            new Step.CloseChannel(M5, "osmosis", "juno", LinkSide.Consumer) },
        { "{ at = 5m, action = reopen-channel, provider = osmosis, consumer = juno }", new Step.ReopenChannel(M5, "osmosis", "juno") },
        { "{ at = 5m, action = delegate, chain = juno, account = jack, validator = jv2, amount = 5 }",
            new Step.Delegate(M5, "juno", "jack", "jv2", 5) },
        { "{ at = 5m, action = undelegate, chain = juno, account = jack, validator = jv, amount = \"5ujuno\" }",
            new Step.Undelegate(M5, "juno", "jack", "jv", 5) },
        { "{ at = 5m, action = unjail, chain = juno, validator = jv }", new Step.Unjail(M5, "juno", "jv") },
    };

    [Theory]
    [MemberData(nameof(Actions))]
    public void Every_action_is_read(string text, Step expected)
    {
        var step = One(text);
        Assert.Equal(expected, step with { Location = SourceLocation.None });
        Assert.Equal(new SourceLocation(Parse.File, 8, 3, "steps[0]"), step.Location);
        Assert.Equal(text.Split("action = ")[1].Split(',', ' ')[0], step.Action);
    }

    [Fact]
    public void Expected_events_are_read_with_their_attributes_in_order()
    {
        var step = One("{ at = 5m, action = bond, chain = osmosis, account = alice, amount = 1\n" +
                       "  expect-events = [ { type = wasm, attributes { action = bond, amount = 1 } }, { type = transfer } ] }");
        // arrays, not ImmutableArray: its equality is the reference of its array
        Assert.Equal([new EventExpectation("wasm", [("action", "bond"), ("amount", "1")]), new EventExpectation("transfer", [])],
            step.ExpectEvents.ToArray());
        Assert.Empty(One("{ at = 5m, action = bond, chain = osmosis, account = alice, amount = 1 }").ExpectEvents);
    }

    [Fact]
    public void Every_action_has_a_test()
    {
        var tested = Actions.Select(row => (string)row[0]).Select(t => t.Split("action = ")[1].Split(',', ' ')[0]).ToHashSet();
        Assert.Equal(Parsing.ScenarioBuilder.StepKeys.Keys.Order(), tested.Order());
    }

    [Fact]
    public void Steps_are_sorted_stably_by_time()
    {
        var s = Parse.Ok(Parse.Base + """
            steps = [
              { at = 10m, action = advance }
              { at = 0, action = bond, chain = osmosis, account = alice, amount = 1 }
              { at = 1m, action = bond, chain = osmosis, account = alice, amount = 2 }
              { at = 0, action = bond, chain = osmosis, account = alice, amount = 3 }
              { at = 60s, action = bond, chain = osmosis, account = alice, amount = 4 }
            ]
            """);
        Assert.Equal(["steps[1]", "steps[3]", "steps[2]", "steps[4]", "steps[0]"], s.Steps.Select(x => x.Location.Key));
        Assert.Equal([(Amount)1, 3, 2, 4], s.Steps.OfType<Step.Bond>().Select(b => b.Amount));
    }

    [Fact]
    public void Times_are_exact()
    {
        var s = Parse.Ok(Parse.Base + """
            steps = [
              { at = 1h30m, action = advance }
              { at = 250ms, action = advance }
              { at = "1.5s", action = advance }
              { at = 21d, action = advance }
            ]
            """);
        Assert.Equal([250_000_000UL, 1_500_000_000UL, 5_400_000_000_000UL, 1_814_400_000_000_000UL], s.Steps.Select(x => x.At.Nanos));
    }
}
