using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Mesh;
using MeshSecurity.Core.Testing;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Tests.Mesh;

/// <summary><see cref="MeshSetup"/> driving the link plan on real chains: several links in one call, and a pair linked again.</summary>
public class MeshSetupLinkAllTests
{
    private static readonly string[] Consumers = ["juno", "stars", "neutron"];

    private static Coordinator Network()
    {
        var coord = new Coordinator();
        coord.AddChain(new ChainConfig { ChainId = "osmosis", AddressPrefix = "osmo", BondDenom = "uosmo" }, MeshContracts.Codes(), [],
            [new GenesisValidator("v1", 1_000_000)]);
        foreach (var id in Consumers)
            coord.AddChain(new ChainConfig { ChainId = id, AddressPrefix = id, BondDenom = "u" + id }, MeshContracts.Codes(),
                [new GenesisAccount(ModuleAccounts.Gov(id), Coins.Of("u" + id, 10_000_000))],
                [new GenesisValidator("v1", 1_000_000), new GenesisValidator("v2", 2_000_000)]);
        return coord;
    }

    private static LinkDefinition Link(string consumer) => new("osmosis", consumer, Dec.Parse("0.1"), 1_000_000);

    private static string[] KnownValidators(MeshLink link) =>
        [.. link.Provider.Query<ProviderMsg.ListValidatorsResponse>(link.ProviderContract, new ProviderMsg.Query.ListValidators())
            .Validators.Select(v => v.Address).Order(StringComparer.Ordinal)];

    private static string[] Validators(string consumer) =>
        [.. new[] { "v1", "v2" }.Select(v => ChainApp.ValidatorAddress(consumer, v).Value).Order(StringComparer.Ordinal)];

    [Fact]
    public void Three_consumers_linked_in_one_call_share_the_lockup_and_each_provider_knows_its_consumers_validators()
    {
        var coord = Network();
        var links = MeshSetup.LinkAll(coord, [.. Consumers.Select(Link)]);

        Assert.Equal(Consumers, links.Select(l => l.Consumer.ChainId));
        Assert.Single(links.Select(l => l.Lockup).Distinct());
        Assert.Equal(3, links.Select(l => l.ProviderContract).Distinct().Count());
        Assert.All(links, l => Assert.Equal(Validators(l.Consumer.ChainId), KnownValidators(l)));
        // the mesh channel rides the transfer channel's connection; each pair has its own
        Assert.All(links, l => Assert.Equal(l.TransferPath.A.ConnectionId, l.MeshPath.A.ConnectionId));
        Assert.Equal(3, links.Select(l => l.TransferPath.A.ConnectionId).Distinct().Count());
    }

    [Fact]
    public void A_pair_linked_again_gets_new_contracts_and_channels_on_the_same_connection()
    {
        var coord = Network();
        var first = MeshSetup.LinkAll(coord, [Link("juno")])[0];
        var deployed = MeshDeployment.Empty.WithLockup("osmosis", first.Lockup).WithMetaStaking("juno", first.MetaStaking)
            .WithConnection("osmosis", "juno", Ends(first.TransferPath));
        var second = MeshSetup.LinkAll(coord, [Link("juno")], deployed)[0];

        Assert.Equal((first.Lockup, first.MetaStaking), (second.Lockup, second.MetaStaking));
        Assert.NotEqual(first.ProviderContract, second.ProviderContract);
        Assert.NotEqual(first.TransferPath.A.ChannelId, second.TransferPath.A.ChannelId);
        Assert.Equal((first.TransferPath.A.ConnectionId, first.TransferPath.B.ConnectionId),
            (second.TransferPath.A.ConnectionId, second.TransferPath.B.ConnectionId));
        Assert.Equal(Validators("juno"), KnownValidators(second));
    }

    private static MeshSecurity.Core.Relaying.ChannelEnds Ends(Testing.Path p) =>
        new(p.A.Chain.ChainId, p.A.ClientId, p.A.ConnectionId, p.A.PortId, p.A.ChannelId, p.B.Chain.ChainId, p.B.ClientId, p.B.ConnectionId,
            p.B.PortId, p.B.ChannelId);
}
