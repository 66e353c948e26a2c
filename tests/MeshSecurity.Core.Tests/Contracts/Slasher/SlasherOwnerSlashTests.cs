using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Contracts.Slasher;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using static MeshSecurity.Core.Tests.Contracts.Slasher.SlasherFixture;

namespace MeshSecurity.Core.Tests.Contracts.Slasher;

/// <summary>The owner's slash of a chosen fraction, with or without force_unbond: what the scenario step `slash` sends.</summary>
public sealed class SlasherOwnerSlashTests
{
    [Theory]
    [InlineData("0.1", true)]
    [InlineData("0.1", false)]
    [InlineData("1", false)]
    public void The_owner_slashes_the_validator_on_the_provider_by_the_fraction_given(string fraction, bool forceUnbond)
    {
        var s = new SlasherFixture();
        var infraction = s.H.Time.MinusSeconds(30);
        var r = s.H.Execute(Owner, new SlasherMsg.Execute.Slash(V1, Dec.Parse(fraction), forceUnbond, infraction));

        var slash = new ProviderMsg.Execute.Slash(V1, Dec.Parse(fraction), forceUnbond, infraction);
        Assert.Equal([new CosmosMsg.WasmExecute(ProviderAddr, slash, Coins.Empty)], r.Messages.Select(m => m.Msg).ToArray());
        Assert.Equal(forceUnbond ? "true" : "false", r.Attributes.Single(a => a.Key == SlasherEvents.ForceUnbondKey).Value);
        Assert.Empty(s.H.Query<SlasherMsg.EvidenceListResponse>(new SlasherMsg.Query.Evidence()).Evidence);
    }

    [Fact]
    public void Without_an_infraction_time_the_infraction_is_now()
    {
        var s = new SlasherFixture();
        var r = s.H.Execute(Owner, new SlasherMsg.Execute.Slash(V2, Dec.Percent(10), false));
        var sent = Assert.IsType<CosmosMsg.WasmExecute>(r.Messages.Single().Msg);
        Assert.Equal(new ProviderMsg.Execute.Slash(V2, Dec.Percent(10), false, s.H.Time), sent.Msg);
    }

    [Fact]
    public void Anyone_but_the_owner_fails_with_Unauthorized()
    {
        var s = new SlasherFixture();
        Assert.IsType<SlasherError.Unauthorized>(s.H.ExecuteFails(Reporter, new SlasherMsg.Execute.Slash(V1, Dec.Percent(10), true)));
        Assert.IsType<SlasherError.Unauthorized>(s.H.ExecuteFails(ProviderAddr, new SlasherMsg.Execute.Slash(V1, Dec.Percent(10), true)));
    }
}
