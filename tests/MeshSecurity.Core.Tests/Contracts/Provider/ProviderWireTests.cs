using System.Text;
using MeshSecurity.Core.Contracts;
using MeshSecurity.Core.Contracts.Provider;
using static MeshSecurity.Core.Tests.Contracts.Provider.ProviderFixture;

namespace MeshSecurity.Core.Tests.Contracts.Provider;

/// <summary>The provider's messages are serde-like on the wire: externally tagged, snake_case, amounts as strings.</summary>
public sealed class ProviderWireTests
{
    [Theory]
    [InlineData("""{"receive_claim":{"owner":"test1owner0","amount":"700","validator":"v"}}""")]
    [InlineData("""{"unstake":{"amount":"5","validator":"v"}}""")]
    [InlineData("""{"unbond":{}}""")]
    [InlineData("""{"slash":{"validator":"v","percentage":"0.05","force_unbond":true}}""")]
    [InlineData("""{"cut_stake":{"owner":"test1owner0","amount":"1"}}""")]
    [InlineData("""{"claim_rewards":{"validator":"v"}}""")]
    public void Execute_messages_round_trip_in_the_seeds_shape(string json)
    {
        var msg = Wire.Decode<ProviderMsg.Execute>(Encoding.UTF8.GetBytes(json));
        Assert.Equal(json, Encoding.UTF8.GetString(Wire.Encode(msg)));
    }

    [Theory]
    [InlineData("""{"config":{}}""", typeof(ProviderMsg.Query.Config))]
    [InlineData("""{"validator":{"address":"v"}}""", typeof(ProviderMsg.Query.GetValidator))]
    [InlineData("""{"list_validators":{"start_after":"v","limit":3}}""", typeof(ProviderMsg.Query.ListValidators))]
    [InlineData("""{"stake":{"validator":"v"}}""", typeof(ProviderMsg.Query.Stake))]
    public void Queries_use_the_seeds_wire_names(string json, Type expected)
    {
        Assert.IsType(expected, Wire.Decode<ProviderMsg.Query>(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void Instantiate_takes_optional_fields_and_a_profile()
    {
        var json = $$$"""{"consumer":{"connection_id":"connection-1"},"slasher":{},"lockup":"{{{LockupAddr}}}","unbonding_period":10,"rewards_ibc_denom":"ibc/X","profile":{"unbond_releases_claim":false}}""";
        var msg = Wire.Decode<ProviderMsg.Instantiate>(Encoding.UTF8.GetBytes(json));
        Assert.Equal("mesh-slasher", msg.Slasher.CodeId);
        Assert.Null(msg.PacketLifetime);
        Assert.False(msg.Profile!.UnbondReleasesClaim);
        Assert.True(msg.Profile.FailedStakeReleasesClaim);
        Assert.Equal(MeshProfile.Intended with { UnbondReleasesClaim = false }, msg.Profile);
    }

    [Fact]
    public void A_message_with_an_unknown_field_is_refused()
    {
        Assert.Throws<Errors.MeshException>(() => Wire.Decode<ProviderMsg.Execute>("""{"unbond":{"all":true}}"""u8));
    }
}
