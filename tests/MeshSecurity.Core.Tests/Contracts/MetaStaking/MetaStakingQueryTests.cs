using System.Collections.Immutable;
using MeshSecurity.Core.Contracts.MetaStaking;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using static MeshSecurity.Core.Tests.Contracts.MetaStaking.MetaStakingFixture;

namespace MeshSecurity.Core.Tests.Contracts.MetaStaking;

public sealed class MetaStakingQueryTests
{
    private readonly MetaStakingFixture _f = new();

    public MetaStakingQueryTests()
    {
        _f.AddConsumer(Consumer1, 1000);
        _f.AddConsumer(Consumer2, 1000);
        _f.Delegate(Consumer1, V2, 20);
        _f.Delegate(Consumer1, V1, 10);
    }

    [Fact]
    public void All_delegations_lists_the_consumers_delegations_by_validator()
    {
        var all = _f.H.Query<MetaStakingMsg.AllDelegationsResponse>(new MetaStakingMsg.Query.AllDelegations(Consumer1.Value));
        Assert.Equal([new(V1, 10), new(V2, 20)], all.Delegations.ToArray());
        Assert.Empty(_f.H.Query<MetaStakingMsg.AllDelegationsResponse>(new MetaStakingMsg.Query.AllDelegations(Consumer2.Value)).Delegations);
    }

    [Fact]
    public void Delegation_is_zero_where_the_consumer_has_none()
    {
        Assert.Equal(20UL, (ulong)_f.Delegation(Consumer1, V2).Value);
        Assert.True(_f.Delegation(Consumer2, V2).IsZero);
    }

    [Fact]
    public void Consumer_answers_caps_totals_and_rewards_per_validator()
    {
        _f.Accrue(V1, 5);
        _f.WithdrawReward(V1);
        var info = _f.Consumer(Consumer1);
        Assert.Equal(1000UL, (ulong)info.AvailableFunds.Value);
        Assert.Equal(30UL, (ulong)info.TotalStaked.Value);
        Assert.Equal([new(V1, Dec.FromInteger(5), Dec.Parse("0.5")), new(V2, Dec.Zero, Dec.Zero)], info.Rewards.ToArray());
    }

    [Fact]
    public void Consumer_fails_with_NoConsumer_for_an_unknown_address()
    {
        var error = Assert.Throws<MeshException>(() => _f.Consumer(Anyone)).Error;
        Assert.Equal(new MetaStakingError.NoConsumer(), error);
    }

    [Fact]
    public void Consumers_pages_ascending_after_start()
    {
        var sorted = new[] { Consumer1, Consumer2 }.OrderBy(a => a).ToArray();
        Assert.Equal(sorted, _f.H.Query<ImmutableArray<Addr>>(new MetaStakingMsg.Query.Consumers()).ToArray());
        Assert.Equal([sorted[0]], _f.H.Query<ImmutableArray<Addr>>(new MetaStakingMsg.Query.Consumers(Limit: 1)).ToArray());
        Assert.Equal([sorted[1]], _f.H.Query<ImmutableArray<Addr>>(new MetaStakingMsg.Query.Consumers(sorted[0].Value)).ToArray());
    }

    [Fact]
    public void All_validators_pages_the_consumers_validators_ascending()
    {
        Assert.Equal([V1, V2], _f.H.Query<ImmutableArray<string>>(new MetaStakingMsg.Query.AllValidators(Consumer1.Value)).ToArray());
        Assert.Equal([V2], _f.H.Query<ImmutableArray<string>>(new MetaStakingMsg.Query.AllValidators(Consumer1.Value, V1)).ToArray());
        Assert.Equal([V1], _f.H.Query<ImmutableArray<string>>(new MetaStakingMsg.Query.AllValidators(Consumer1.Value, Limit: 1)).ToArray());
    }

    [Fact]
    public void Queries_read_the_seed_wire_names()
    {
        var q = Wire.Decode<MetaStakingMsg.Query>(System.Text.Encoding.UTF8.GetBytes("""{"consumer":{"address":"x"}}"""));
        Assert.Equal(new MetaStakingMsg.Query.ConsumerInfo("x"), q);
        Assert.Equal(new MetaStakingMsg.Query.Consumers(),
            Wire.Decode<MetaStakingMsg.Query>(System.Text.Encoding.UTF8.GetBytes("""{"consumers":{}}""")));
    }
}
