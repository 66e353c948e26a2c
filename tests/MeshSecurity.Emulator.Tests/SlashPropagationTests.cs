using Akka.TestKit.Xunit2;
using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Contracts.Slasher;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Mesh;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using MeshSecurity.Emulator.Events;
using MeshSecurity.Emulator.Network;
using Xunit.Abstractions;
using static MeshSecurity.Emulator.Tests.StandardMesh;

namespace MeshSecurity.Emulator.Tests;

/// <summary>
/// README "Slashing" over one provider and three consumers: the same locked tokens secure a validator on juno, stars
/// and akash; the juno validator double-signs; the evidence on osmosis slashes the juno cross-stake and, through the
/// lockup's claim cut, the stakes on stars and akash too.
/// </summary>
public class SlashPropagationTests : TestKit
{
    private readonly ITestOutputHelper _output;

    public SlashPropagationTests(ITestOutputHelper output) : base(output: output) => _output = output;

    [Fact]
    public async Task A_double_sign_on_juno_slashes_the_same_collateral_on_every_consumer_within_one_relay_and_one_block()
    {
        await using var net = MeshNetwork.Start(Sys, new NetworkSettings(Seed: "slash")).KeepingHistory();
        string[] consumers = [Juno, Stars, Akash];
        await net.AddChainsAsync(consumers);
        var links = new Dictionary<string, MeshLinkInfo>();
        foreach (var c in consumers) links[c] = await net.LinkAsync(LinkTo(c));

        // alice locks 3,000 and lends all of it to one validator on each consumer
        await net.BondAsync(links[Juno], Alice, 3_000);
        foreach (var c in consumers) await net.GrantClaimAsync(links[c], Alice, 3_000, FirstValidator(c));
        await net.RunForAsync(30);
        foreach (var c in consumers)
        {
            Assert.Equal((Amount)3_000, (await net.RemoteStakeAsync(links[c], FirstValidator(c))).Amount);
            Assert.Equal((Amount)1_000 + ((Amount)3_000).MulFloor(RateOf(c)), await net.ValidatorTokensAsync(c, FirstValidator(c)));
        }

        // j1 signs two blocks at one height; anyone hands the evidence to the juno provider's slasher on osmosis
        var j1 = FirstValidator(Juno);
        var (a, b) = await net.DoubleSignAsync(Juno, j1);
        var evidence = await net.MustExecuteAsync(Osmosis, Reporter, new CosmosMsg.WasmExecute(links[Juno].Slasher,
            new SlasherMsg.Execute.SubmitEvidence(new SlasherMsg.DoubleSignEvidence(a, b)), Coins.Empty));
        await net.RunForAsync(60);

        // 5% of 3,000: the juno stake falls to 2,850, the lockup burns 150, and the claims above the new bonded are cut
        var slashed = (Amount)2_850;
        var lockup = await net.LockupBalanceAsync(links[Juno], Alice);
        Assert.Equal(slashed, lockup.Bonded);
        Assert.All(lockup.Claims, c => Assert.Equal(slashed, c.Amount));
        Assert.Equal(3, lockup.Claims.Length);
        Assert.Equal(slashed, await net.BalanceAsync(Osmosis, links[Juno].Lockup, "uosmo"));
        foreach (var c in consumers)
        {
            var link = links[c];
            var validator = FirstValidator(c);
            var provider = await net.ProviderStakeAsync(link, validator);
            var remote = await net.RemoteStakeAsync(link, validator);
            _output.WriteLine($"{c}: provider {provider.Tokens} (in flight {provider.InFlightStake}/{provider.InFlightUnstake}, undelivered {provider.UndeliveredBurn}), consumer {remote.Amount} → delegated {remote.LocalAmount}");
            Assert.Equal(slashed, provider.Tokens);
            Assert.Equal(provider.Tokens, remote.Amount);
            Assert.Equal((Amount.Zero, Amount.Zero), (provider.InFlightStake, provider.UndeliveredBurn));
            Assert.Equal(slashed.MulFloor(RateOf(c)), remote.LocalAmount);
            Assert.Equal(remote.LocalAmount, await net.ChainDelegationAsync(link, validator));
            Assert.Equal((Amount)1_000 + remote.LocalAmount, await net.ValidatorTokensAsync(c, validator));
        }
        Assert.Equal((Amount)(1_000 + 1_425), await net.ValidatorTokensAsync(Stars, FirstValidator(Stars)));  // floor(2,850 × 0.5)
        Assert.Equal((Amount)(1_000 + 712), await net.ValidatorTokensAsync(Akash, FirstValidator(Akash)));   // floor(2,850 × 0.25)
        Assert.Equal((Amount)(1_000 + 285), await net.ValidatorTokensAsync(Juno, j1));                         // floor(2,850 × 0.1)
        var v = await net.QueryAsync<ProviderMsg.ValidatorResponse>(Osmosis, links[Juno].Provider, new ProviderMsg.Query.GetValidator(j1.Value));
        Assert.Equal(ProviderState.ValidatorStatus.Tombstoned, v.Status);

        // how long the slash took to reach the consumers, in emulated time
        var history = await net.HistoryAsync();
        var start = history.Executed(evidence);
        var burns = consumers.ToDictionary(c => c, c => history.OfType<EmulatorEvent.AcknowledgementWritten>()
            .Single(e => e.Chain == c && e.Time > start.Time && e.Packet.Destination.PortId == links[c].MeshEnds.PortB));
        var powers = consumers.ToDictionary(c => c, c => history.OfType<EmulatorEvent.ValidatorPowerChanged>()
            .Single(e => e.Chain == c && e.Time > start.Time && e.Validator == FirstValidator(c).Value));
        var acks = consumers.ToDictionary(c => c, c => history.OfType<EmulatorEvent.PacketAcknowledged>()
            .Single(e => e.Chain == Osmosis && e.Time > start.Time && e.Packet.Source.PortId == links[c].MeshEnds.PortA));
        Assert.All(consumers, c => Assert.True(burns[c].Success));
        Assert.All(consumers, c => Assert.Equal(burns[c].Time, powers[c].Time));
        // every Burn left osmosis in the evidence's block
        Assert.All(consumers, c => Assert.Equal(start.Height, history.OfType<EmulatorEvent.PacketSent>()
            .Single(e => e.Chain == Osmosis && e.Time >= start.Time && e.Packet.Source.PortId == links[c].MeshEnds.PortA).Height));

        foreach (var c in consumers)
            _output.WriteLine($"{c}: burn received at {c} height {burns[c].Height} (+{SecondsBetween(start.Time, burns[c].Time):0.###} s), " +
                              $"power {powers[c].Power}, ack back on osmosis at +{SecondsBetween(start.Time, acks[c].Time):0.###} s");
        var last = consumers.Max(c => burns[c].Time);
        var propagation = SecondsBetween(start.Time, last);
        var roundTrip = SecondsBetween(start.Time, consumers.Max(c => acks[c].Time));
        _output.WriteLine($"evidence in osmosis block {start.Height} at {start.Time}; last consumer changed after {propagation:0.###} s of emulated time; " +
                          $"all acks back after {roundTrip:0.###} s");

        // the model: one relay (2 s) plus at most one consumer block (≤ 6 s); the ack back adds a relay and a provider block
        var bound = RelayerLatencySeconds + consumers.Max(BlockTimeOf);
        Assert.InRange(propagation, RelayerLatencySeconds, bound);
        Assert.InRange(roundTrip, propagation, bound + RelayerLatencySeconds + BlockTimeOf(Osmosis));
        Assert.True(roundTrip < 60);

        // one slash_claims from the juno provider; the lockup cut the stars and akash claims (150 each) with cut_stake
        Assert.Single(history.Actions(Osmosis, LockupEvents.SlashClaims, links[Juno].Lockup));
        var cuts = evidence.Events.Where(e => e.Type == "wasm-" + LockupEvents.ClaimCut).ToList();
        Assert.Equal(new[] { links[Akash].Provider.Value, links[Stars].Provider.Value }.Order(StringComparer.Ordinal),
            cuts.Select(e => e.Get(LockupEvents.LienholderKey)!).Order(StringComparer.Ordinal));
        Assert.All(cuts, e => Assert.Equal("150", e.Get(LockupEvents.AmountKey)));
        foreach (var c in new[] { Stars, Akash })
            Assert.Equal("150", history.Actions(Osmosis, ProviderEvents.CutStake, links[c].Provider).Single().Event.Get(ProviderEvents.AmountKey));
    }
}
