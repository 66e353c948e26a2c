using MeshSecurity.Core.Invariants;
using MeshSecurity.Core.Tests.Flows;
using static MeshSecurity.Core.Tests.Flows.MeshNetwork;

namespace MeshSecurity.Core.Tests.Invariants;

/// <summary>
/// "every slash reached its consumers", as the catalogue checks it for every driver: <see cref="SlashTrails"/> follows a
/// slash to the Burns it caused and their receipts; <see cref="MeshInvariants.Reached"/> names each consumer a Burn has
/// not reached. Alice backs juno's v1 and stars' v1 with the same 1000 uosmo, so a slash of juno's v1 burns on both links.
/// </summary>
public sealed class SlashTrailsTests
{
    private readonly MeshNetwork _net = new();
    private readonly SlashTrails _trails;
    private readonly Dictionary<string, ulong> _followed = [];

    public SlashTrailsTests()
    {
        _trails = new SlashTrails(() => [.. _net.Links.Select(l => l.Info)]);
        _net.Bond(Alice, 1000).Succeeds();
        _net.GrantClaim(Alice, _net.ToJuno, JunoV1, 1000).Succeeds();
        _net.GrantClaim(Alice, _net.ToStars, StarsV1, 1000).Succeeds();
        _net.RelayAll();
    }

    [Fact]
    public void A_slash_is_unreached_on_each_consumer_until_its_Burn_is_received_there()
    {
        _net.SubmitToSlasher(_net.ToJuno, _net.DoubleSign(_net.Juno, JunoV1)).Succeeds();
        Follow();
        var slash = Assert.Single(_trails.Slashes);
        Assert.Equal(("osmosis", "slasher", JunoV1.Value), (slash.Chain, slash.Source, slash.Validator));
        Assert.Equal(["juno", "stars"], Unreached());

        _net.Pause(_net.ToStars);
        _net.RelayAll();
        Follow();
        var violation = Assert.Single(MeshInvariants.Reached(_trails));
        Assert.Equal((MeshInvariants.SlashReached, "osmosis"), (violation.Invariant, violation.Chain));
        Assert.Contains("never reached stars", violation.Detail, StringComparison.Ordinal);

        _net.Resume(_net.ToStars);
        _net.RelayAll();
        Follow();
        Assert.Empty(MeshInvariants.Reached(_trails));
        Assert.All(slash.Burns, b => Assert.Equal(0, b.Resends));
    }

    [Fact]
    public void A_Burn_that_timed_out_reaches_its_consumer_by_its_resent_copy()
    {
        _net.Pause(_net.ToJuno);
        _net.SubmitToSlasher(_net.ToJuno, _net.DoubleSign(_net.Juno, JunoV1)).Succeeds();
        _net.SkipTime(PacketLifetime + 60);
        _net.Resume(_net.ToJuno);
        _net.RelayAll();
        Follow();

        var burn = Assert.Single(Assert.Single(_trails.Slashes).Burns, b => b.Link.ConsumerChain == "juno");
        Assert.Equal(1, burn.Resends);
        Assert.NotNull(burn.DeliveredAt);
        Assert.Empty(MeshInvariants.Reached(_trails));
    }

    /// <summary>
    /// Hands the trails every block committed since the last call in time order, as they must come: a Burn's receipt
    /// after its sending (a relayed packet lands in a later block than the one that sent it).
    /// </summary>
    private void Follow()
    {
        var blocks = _net.Chains.SelectMany(c => c.Blocks.Where(b => b.Height > _followed.GetValueOrDefault(c.ChainId))).ToList();
        foreach (var block in blocks.OrderBy(b => b.Time)) _trails.Observe(block);
        foreach (var chain in _net.Chains) _followed[chain.ChainId] = chain.Height;
    }

    private List<string> Unreached() => [.. MeshInvariants.Unreached(_trails).Select(u => u.Burn.Link.ConsumerChain).Order()];
}
