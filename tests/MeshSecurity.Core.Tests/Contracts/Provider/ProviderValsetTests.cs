using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using static MeshSecurity.Core.Contracts.Provider.ProviderState;
using static MeshSecurity.Core.Tests.Contracts.Provider.ProviderFixture;

namespace MeshSecurity.Core.Tests.Contracts.Provider;

/// <summary>
/// The validator-set sync as production's provider applies it (production-mesh.md 2.9): one update per consumer block, its
/// lists in production's order, and each validator's state history, queryable at a time (docs/scenarios.md "Validator
/// lifecycle").
/// </summary>
public sealed class ProviderValsetTests
{
    private readonly ProviderFixture _p = new();

    private ProviderMsg.ValidatorStateResponse StateOf(string validator, Timestamp? at = null) =>
        _p.H.Query<ProviderMsg.ValidatorStateResponse>(new ProviderMsg.Query.ValidatorState(validator, at));

    private Timestamp At(ulong seconds) => Timestamp.FromSeconds(1_800_000_000 + seconds);

    [Theory]
    [InlineData("success: a downtime jail (jailed and removed in one block) is Jailed, not Removed", "jailed,removed", "Jailed")]
    [InlineData("success: a validator falling out of the active set is Removed", "removed", "Removed")]
    [InlineData("success: a tombstone (tombstoned, jailed and removed in one block) is Tombstoned", "tombstoned,jailed,removed",
        "Tombstoned")]
    [InlineData("success: an unjail alone changes nothing (production ignores it)", "jailed,removed|unjailed", "Jailed")]
    [InlineData("success: an unjailed validator that rejoins the set is Active again", "jailed,removed|unjailed,added", "Active")]
    [InlineData("success: a validator that left the set and rejoins it is Active again", "removed|added", "Active")]
    [InlineData("success: a tombstoned validator stays tombstoned when it is added again", "tombstoned,removed|added", "Tombstoned")]
    public void Each_blocks_update_is_applied_in_productions_order(string label, string blocks, string expected)
    {
        Assert.NotEmpty(label);
        ulong height = 500;
        foreach (var block in blocks.Split('|'))
        {
            var lists = block.Split(',');
            string[]? Has(string list) => lists.Contains(list) ? [V1] : null;
            _p.UpdateValidators(added: Has("added"), removed: Has("removed"), jailed: Has("jailed"), unjailed: Has("unjailed"),
                tombstoned: Has("tombstoned"), height: height++);
        }
        Assert.Equal(Enum.Parse<ValidatorStatus>(expected), _p.Validator(V1).Status);
        Assert.Equal(Enum.Parse<ValidatorStatus>(expected), StateOf(V1).State);
    }

    [Fact]
    public void The_history_keeps_every_change_at_the_consumers_height_and_answers_the_state_at_any_time()
    {
        var listed = _p.H.Time;
        _p.UpdateValidators(removed: [V1], jailed: [V1], height: 600, time: At(60));
        _p.UpdateValidators(unjailed: [V1], height: 700, time: At(700));
        _p.UpdateValidators(added: [V1], unjailed: [], height: 701, time: At(706));
        _p.UpdateValidators(removed: [V1], height: 900, time: At(900));

        var state = StateOf(V1);
        Assert.Equal(
            [
                new StateChange(null, listed, ValidatorStatus.Active),
                new StateChange(600, At(60), ValidatorStatus.Jailed),
                new StateChange(701, At(706), ValidatorStatus.Active),
                new StateChange(900, At(900), ValidatorStatus.Removed),
            ],
            state.History.ToArray());
        Assert.Equal(ValidatorStatus.Removed, state.State);
        Assert.Equal(ValidatorStatus.Active, StateOf(V1, At(59)).State);
        Assert.Equal(ValidatorStatus.Jailed, StateOf(V1, At(60)).State);
        Assert.Equal(ValidatorStatus.Jailed, StateOf(V1, At(705)).State);
        Assert.Equal(ValidatorStatus.Active, StateOf(V1, At(899)).State);
        Assert.Null(StateOf(V1, Timestamp.FromSeconds(1)).State);
        Assert.Null(StateOf("junovaloper1ghost").State);
        Assert.Empty(StateOf("junovaloper1ghost").History);
    }

    [Fact]
    public void A_consumer_chains_own_slash_is_recorded_and_moves_no_stake()
    {
        _p.StakeRemotely(Alice, 1000);
        var slash = new ValsetSlash(V1, 480, Dec.Parse("0.0001"));
        var r = _p.UpdateValidators(removed: [V1], jailed: [V1], slashed: [slash]);
        var e = Assert.Single(r.Events, e => e.Type == ProviderEvents.ConsumerSlashed);
        Assert.Equal((V1, "0.0001", "480"),
            (e.Get(ProviderEvents.ValidatorKey), e.Get(ProviderEvents.PercentageKey), e.Get(ProviderEvents.InfractionHeightKey)));
        Assert.Equal(new Amount(1000), _p.TokensOf(Alice));
        Assert.Empty(NonPackets(r));
        Assert.Equal(ValidatorStatus.Jailed, _p.Validator(V1).Status);
    }

    [Fact]
    public void A_slashers_force_unbond_is_kept_in_the_history_at_the_providers_time_without_a_consumer_height()
    {
        _p.StakeRemotely(Alice, 1000);
        _p.Slash(V1, "0.1", forceUnbond: true);
        var last = StateOf(V1).History[^1];
        Assert.Equal(new StateChange(null, _p.H.Time, ValidatorStatus.Tombstoned), last);
    }
}
