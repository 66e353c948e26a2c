using MeshSecurity.Core.Math;
using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Tests.Support;
using E = MeshSecurity.Scenarios.Model.Expectation;

namespace MeshSecurity.Scenarios.Tests;

public sealed class ExpectationTests
{
    private static readonly Duration H1 = Duration.FromHours(1);

    public static TheoryData<string, E> Kinds => new()
    {
        { "{ at = 1h, what = lockup-free, chain = osmosis, account = alice, equals = 300 }", new E.LockupFree(H1, "osmosis", "alice", 300) },
        { "{ at = 1h, what = lockup-bonded, chain = osmosis, account = alice, equals = \"1000uosmo\" }", new E.LockupBonded(H1, "osmosis", "alice", 1000) },
        { "{ at = 1h, what = claim, account = alice, provider = osmosis, consumer = juno, equals = 700 }", new E.Claim(H1, "alice", "osmosis", "juno", 700) },
        { "{ at = 1h, what = claim, chain = osmosis, account = alice, provider = osmosis, consumer = juno, equals = 0 }", new E.Claim(H1, "alice", "osmosis", "juno", 0) },
        { "{ at = 1h, what = provider-stake, provider = osmosis, consumer = juno, validator = jv, equals = 5 }", new E.ProviderStake(H1, "osmosis", "juno", "jv", 5) },
        { "{ at = 1h, what = consumer-stake, provider = osmosis, consumer = juno, validator = jv2, equals = 6 }", new E.ConsumerStake(H1, "osmosis", "juno", "jv2", 6) },
        { "{ at = 1h, what = delegation, chain = juno, validator = jv, equals = \"7ujuno\" }", new E.Delegation(H1, "juno", "jv", null, 7) },
        { "{ at = 1h, what = delegation, chain = juno, validator = jv, provider = osmosis, equals = 7 }", new E.Delegation(H1, "juno", "jv", "osmosis", 7) },
        { "{ at = 1h, what = voting-power, chain = juno, validator = jv, equals = 100 }", new E.VotingPower(H1, "juno", "jv", 100) },
        { "{ at = 1h, what = validator-tokens, chain = osmosis, validator = ov, equals = 100 }", new E.ValidatorTokens(H1, "osmosis", "ov", 100) },
        { "{ at = 1h, what = balance, chain = osmosis, account = alice, equals = 1000 }", new E.Balance(H1, "osmosis", "alice", "uosmo", 1000) },
        { "{ at = 1h, what = balance, chain = osmosis, account = bob, denom = \"ibc/ABC\", equals = \"3ibc/ABC\" }", new E.Balance(H1, "osmosis", "bob", "ibc/ABC", 3) },
        { "{ at = 1h, what = supply, chain = juno, equals = 160 }", new E.Supply(H1, "juno", "ujuno", 160) },
        { "{ at = 1h, what = supply, chain = juno, denom = uother, equals = 0 }", new E.Supply(H1, "juno", "uother", 0) },
        { "{ at = 1h, what = packets, provider = osmosis, consumer = juno, count = sent, equals = 3 }", new E.Packets(H1, "osmosis", "juno", PacketChannel.Mesh, PacketCounter.Sent, 3) },
        { "{ at = 1h, what = packets, provider = osmosis, consumer = juno, channel = transfer, count = timed-out, equals = 0 }", new E.Packets(H1, "osmosis", "juno", PacketChannel.Transfer, PacketCounter.TimedOut, 0) },
        { "{ at = 1h, what = packets, provider = osmosis, consumer = juno, channel = mesh, count = received, equals = 2 }", new E.Packets(H1, "osmosis", "juno", PacketChannel.Mesh, PacketCounter.Received, 2) },
        { "{ at = 1h, what = packets, provider = osmosis, consumer = juno, count = acknowledged, equals = 1 }", new E.Packets(H1, "osmosis", "juno", PacketChannel.Mesh, PacketCounter.Acknowledged, 1) },
        { "{ at = 1h, what = packets, provider = osmosis, consumer = juno, count = acknowledged-ok, equals = 1 }",
            new E.Packets(H1, "osmosis", "juno", PacketChannel.Mesh, PacketCounter.AcknowledgedOk, 1) },
        { "{ at = 1h, what = packets, provider = osmosis, consumer = juno, count = acknowledged-error, equals = 1 }",
            new E.Packets(H1, "osmosis", "juno", PacketChannel.Mesh, PacketCounter.AcknowledgedError, 1) },
        { "{ at = 1h, what = pending-packets, provider = osmosis, consumer = juno, equals = 2 }",
            new E.PendingPackets(H1, "osmosis", "juno", PacketChannel.Mesh, null, null, 2) },
        { "{ at = 1h, what = pending-packets, provider = osmosis, consumer = juno, channel = transfer, direction = to-provider, " +
          "equals = 0 }",
            new E.PendingPackets(H1, "osmosis", "juno", PacketChannel.Transfer, PacketDirection.ToProvider, null, 0) },
        { "{ at = 1h, what = pending-packets, provider = osmosis, consumer = juno, kind = unstake, equals = 1 }",
            new E.PendingPackets(H1, "osmosis", "juno", PacketChannel.Mesh, PacketDirection.ToConsumer, "unstake", 1) },
        { "{ at = 1h, what = pending-packets, provider = osmosis, consumer = juno, direction = to-provider, kind = rewards, equals = 1 }",
            new E.PendingPackets(H1, "osmosis", "juno", PacketChannel.Mesh, PacketDirection.ToProvider, "rewards", 1) },
        { "{ at = 1h, what = query, contract = provider, chain = osmosis, msg = { config {} }, path = \"a[0].b\", equals = 3 }",
            new E.Query(H1, new ContractTarget("osmosis", ContractRole.Provider, "osmosis", "juno", null), "{\"config\":{}}", "a[0].b",
                "\"3\"", false, null) },
        { "{ at = 1h, what = channel-state, provider = osmosis, consumer = juno, equals = open }",
            new E.ChannelStateOf(H1, "osmosis", "juno", PacketChannel.Mesh, null, "open") },
        { "{ at = 1h, what = channel-state, provider = osmosis, consumer = juno, channel = transfer, side = provider, equals = closed }",
            new E.ChannelStateOf(H1, "osmosis", "juno", PacketChannel.Transfer, LinkSide.Provider, "closed") },
        { "{ at = 1h, what = validator-state, provider = osmosis, consumer = juno, validator = jv2, as-of = 30m, equals = removed }",
            new E.ValidatorStateOf(H1, "osmosis", "juno", "jv2", Duration.FromMinutes(30), "removed") },
        { "{ at = 1h, what = slashable, chain = osmosis, account = alice, equals = 30 }", new E.Slashable(H1, "osmosis", "alice", 30) },
        { "{ at = 1h, what = max-lien, chain = osmosis, account = alice, equals = 600 }", new E.MaxLien(H1, "osmosis", "alice", 600) },
        { "{ at = 1h, what = local-lien, chain = osmosis, account = alice, equals = 50 }", new E.LocalLien(H1, "osmosis", "alice", 50) },
        { "{ at = 1h, what = lien-low, account = alice, provider = osmosis, consumer = juno, equals = 0 }",
            new E.Lien(H1, "alice", "osmosis", "juno", false, 0) },
        { "{ at = 1h, what = lien-high, chain = osmosis, account = alice, provider = osmosis, consumer = juno, equals = 600 }",
            new E.Lien(H1, "alice", "osmosis", "juno", true, 600) },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_kind_is_read(string text, E expected)
    {
        // the slashable total is a vault's only (docs/scenarios.md "Collateral")
        var vault = text.Contains("what = slashable", StringComparison.Ordinal) ? "denom = uosmo, collateral = vault," : "denom = uosmo,";
        var e = Assert.Single(Parse.Ok(Parse.WithExpect(text).Replace("denom = uosmo,", vault, StringComparison.Ordinal)).Expectations);
        Assert.Equal(expected, e with { Location = SourceLocation.None });
        Assert.Equal(new SourceLocation(Parse.File, 8, 3, "expect[0]"), e.Location);
        Assert.Equal(text.Split("what = ")[1].Split(',')[0], e.What);
    }

    [Fact]
    public void Every_kind_has_a_test()
    {
        var tested = Kinds.Select(row => (string)row[0]).Select(t => t.Split("what = ")[1].Split(',')[0]).ToHashSet();
        Assert.Equal(Parsing.ScenarioBuilder.ExpectKeys.Keys.Order(), tested.Order());
    }

    [Fact]
    public void Expectations_are_sorted_stably_by_time()
    {
        var s = Parse.Ok(Parse.Base + """
            expect = [
              { at = 2m, what = supply, chain = juno, equals = 1 }
              { at = 1m, what = supply, chain = juno, equals = 2 }
              { at = 2m, what = supply, chain = juno, equals = 3 }
            ]
            """);
        Assert.Equal([(Amount)2, 1, 3], s.Expectations.Select(e => e.Expected));
    }
}
