using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Contracts.Slasher;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using static MeshSecurity.Core.Tests.Contracts.Slasher.SlasherFixture;

namespace MeshSecurity.Core.Tests.Contracts.Slasher;

public sealed class SlasherEvidenceTests
{
    [Fact]
    public void Instantiate_makes_the_sender_the_slashee_with_the_default_double_sign_fraction()
    {
        var s = new SlasherFixture();
        var config = s.H.Query<SlasherMsg.ConfigResponse>(new SlasherMsg.Query.Config());
        Assert.Equal(new SlasherMsg.ConfigResponse(Owner, ProviderAddr, Connection, UnbondingPeriod, Dec.Percent(5)), config);
    }

    [Fact]
    public void Valid_evidence_slashes_the_validator_on_the_provider_and_is_recorded()
    {
        var s = new SlasherFixture();
        var early = s.H.Time.MinusSeconds(70);
        var a = s.Header("AAAA", time: early);
        var b = s.Header("BBBB");
        var r = s.Submit(a, b);

        var slash = new ProviderMsg.Execute.Slash(V1, Dec.Percent(5), ForceUnbond: true, InfractionTime: early);
        Assert.Equal([new CosmosMsg.WasmExecute(ProviderAddr, slash, Coins.Empty)], r.Messages.Select(m => m.Msg).ToArray());
        Assert.Equal(ReplyOn.Never, r.Messages.Single().ReplyOn);
        var recorded = s.H.Query<SlasherMsg.EvidenceListResponse>(new SlasherMsg.Query.Evidence()).Evidence.Single();
        Assert.Equal(new SlasherMsg.EvidenceResponse(V1, 40, early, Reporter, s.H.Time), recorded);
    }

    [Fact]
    public void The_configured_fraction_is_used()
    {
        var s = new SlasherFixture(Dec.Percent(20));
        var r = s.Submit(s.Header("AAAA"), s.Header("BBBB"));
        var msg = Assert.IsType<CosmosMsg.WasmExecute>(r.Messages.Single().Msg);
        Assert.Equal(Dec.Percent(20), Assert.IsType<ProviderMsg.Execute.Slash>(msg.Msg).Percentage);
    }

    [Fact]
    public void Evidence_with_a_forged_signature_fails_with_InvalidSignature()
    {
        var s = new SlasherFixture();
        var forged = s.Header("BBBB", key: Key2);
        Assert.Equal(new SlasherError.InvalidSignature("header_b"), s.SubmitFails(s.Header("AAAA"), forged));
        var tampered = s.Header("AAAA") with { AppHash = "CCCC" };
        Assert.Equal(new SlasherError.InvalidSignature("header_a"), s.SubmitFails(tampered, s.Header("BBBB")));
    }

    [Fact]
    public void Evidence_from_another_chain_fails_with_WrongChain()
    {
        var s = new SlasherFixture();
        var error = s.SubmitFails(s.Header("AAAA", chain: "stars-1"), s.Header("BBBB", chain: "stars-1"));
        Assert.Equal(new SlasherError.WrongChain(ConsumerChain, "stars-1"), error);
        Assert.IsType<SlasherError.WrongChain>(s.SubmitFails(s.Header("AAAA"), s.Header("BBBB", chain: "stars-1")));
    }

    [Fact]
    public void Evidence_for_different_heights_fails_with_DifferentHeights()
    {
        var s = new SlasherFixture();
        Assert.Equal(new SlasherError.DifferentHeights(40, 41), s.SubmitFails(s.Header("AAAA"), s.Header("BBBB", height: 41)));
    }

    [Fact]
    public void Evidence_with_the_same_app_hash_fails_with_SameAppHash()
    {
        var s = new SlasherFixture();
        Assert.IsType<SlasherError.SameAppHash>(s.SubmitFails(s.Header("AAAA"), s.Header("AAAA")));
    }

    [Fact]
    public void Evidence_from_two_validators_fails_with_DifferentValidators()
    {
        var s = new SlasherFixture();
        var error = s.SubmitFails(s.Header("AAAA"), s.Header("BBBB", validator: V2, key: Key2));
        Assert.Equal(new SlasherError.DifferentValidators(V1, V2), error);
    }

    [Fact]
    public void Evidence_of_a_validator_the_light_client_does_not_know_fails_with_UnknownValidatorKey()
    {
        var s = new SlasherFixture();
        var stranger = Crypto.ConsensusKey.FromSeed("stranger");
        var error = s.SubmitFails(s.Header("AAAA", validator: "junovaloper1gamma", key: stranger), s.Header("BBBB", validator: "junovaloper1gamma", key: stranger));
        Assert.Equal(new SlasherError.UnknownValidatorKey("junovaloper1gamma"), error);
    }

    [Fact]
    public void Evidence_already_processed_fails_with_DuplicateEvidence()
    {
        var s = new SlasherFixture();
        s.Submit(s.Header("AAAA"), s.Header("BBBB"));
        Assert.Equal(new SlasherError.DuplicateEvidence(V1, 40), s.SubmitFails(s.Header("AAAA"), s.Header("CCCC")));
    }

    [Fact]
    public void A_validator_tombstoned_by_earlier_evidence_is_not_slashed_again_for_a_double_sign_at_another_height()
    {
        var s = new SlasherFixture();
        s.Submit(s.Header("AAAA"), s.Header("BBBB"));
        Assert.Equal(new SlasherError.AlreadyTombstoned(V1, 40), s.SubmitFails(s.Header("AAAA", height: 41), s.Header("BBBB", height: 41)));
        Assert.Single(s.H.Query<SlasherMsg.EvidenceListResponse>(new SlasherMsg.Query.Evidence()).Evidence);
        // another validator's double sign is still slashed
        var r = s.Submit(s.Header("AAAA", height: 41, validator: V2, key: Key2), s.Header("BBBB", height: 41, validator: V2, key: Key2));
        Assert.Equal(V2, ((ProviderMsg.Execute.Slash)((CosmosMsg.WasmExecute)r.Messages.Single().Msg).Msg).Validator);
    }

    [Fact]
    public void Evidence_older_than_the_unbonding_period_fails_with_EvidenceExpired()
    {
        var s = new SlasherFixture();
        var old = s.H.Time.MinusSeconds(UnbondingPeriod + 1);
        Assert.Equal(new SlasherError.EvidenceExpired(40, old), s.SubmitFails(s.Header("AAAA", time: old), s.Header("BBBB", time: old)));
        var edge = s.H.Time.MinusSeconds(UnbondingPeriod);
        s.Submit(s.Header("AAAA", time: edge), s.Header("BBBB", time: edge));
    }

    [Fact]
    public void A_back_dated_header_does_not_age_the_evidence_out()
    {
        var s = new SlasherFixture();
        var old = s.H.Time.MinusSeconds(UnbondingPeriod * 5);
        var r = s.Submit(s.Header("AAAA", time: old), s.Header("BBBB"));
        var slash = (ProviderMsg.Execute.Slash)((CosmosMsg.WasmExecute)r.Messages.Single().Msg).Msg;
        Assert.Equal(old, slash.InfractionTime);
    }

    [Fact]
    public void Evidence_fails_with_NoLightClient_when_the_connection_has_none()
    {
        var s = new SlasherFixture(withClient: false);
        Assert.Equal(new SlasherError.NoLightClient(Connection), s.SubmitFails(s.Header("AAAA"), s.Header("BBBB")));
    }

    [Fact]
    public void SubmitEvidence_round_trips_on_the_wire()
    {
        var s = new SlasherFixture();
        SlasherMsg.Execute msg = Evidence(s.Header("AAAA"), s.Header("BBBB"));
        var json = System.Text.Encoding.UTF8.GetString(Wire.Encode(msg));
        Assert.StartsWith("{\"submit_evidence\":{\"evidence\":{\"header_a\":", json);
        var back = (SlasherMsg.Execute.SubmitEvidence)Wire.Decode<SlasherMsg.Execute>(Wire.Encode(msg));
        Assert.Equal(((SlasherMsg.Execute.SubmitEvidence)msg).Evidence.HeaderA, back.Evidence.HeaderA);
    }
}
