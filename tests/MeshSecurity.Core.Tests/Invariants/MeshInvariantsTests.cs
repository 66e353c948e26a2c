using System.Collections.Immutable;
using MeshSecurity.Core.Bank;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Invariants;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Tests.Flows;
using static MeshSecurity.Core.Tests.Flows.MeshNetwork;

namespace MeshSecurity.Core.Tests.Invariants;

/// <summary>
/// The catalogue's state checks: a good network shows none; each planted breach (one view of a good network changed)
/// is found, named, and placed on its chain at that chain's height.
/// </summary>
public sealed class MeshInvariantsTests
{
    /// <summary>Alice locks 5000 and cross-stakes 1000 on juno's v1, relayed: claims, stakes, receipts and delegations to break.</summary>
    private static readonly Lazy<MeshNetwork> Network = new(() =>
    {
        var net = new MeshNetwork();
        net.Bond(Alice, 5000).Succeeds();
        net.GrantClaim(Alice, net.ToJuno, JunoV1, 1000).Succeeds();
        net.RelayAll();
        return net;
    });

    private static MeshSnapshot Good => Network.Value.Snapshot(withStakes: true);

    private static ChainState State(MeshSnapshot s, string chain) => s.Chain(chain)!;

    private static MeshSnapshot WithChain(MeshSnapshot s, ChainState changed) =>
        s with { Chains = [.. s.Chains.Select(c => c.ChainId == changed.ChainId ? changed : c)] };

    private static MeshSnapshot WithLink(MeshSnapshot s, Func<LinkView, LinkView> change) =>
        s with { Links = [change(s.Links[0]), .. s.Links.Skip(1)] };

    /// <summary>Each planted breach: what is changed, the invariant that must name it, and the chain it lies on.</summary>
    public static TheoryData<string, string, string> Plants => new()
    {
        { "a balance grows out of nothing", MeshInvariants.Conservation, "osmosis" },
        { "a claim over bonded", MeshInvariants.LockupCoverage, "osmosis" },
        { "free out of step with bonded", MeshInvariants.LockupCoverage, "osmosis" },
        { "a provider stake the lockup does not claim", MeshInvariants.ClaimEqualsExposure, "osmosis" },
        { "meta-staking staked over its funds", MeshInvariants.MetaStakingFunds, "juno" },
        { "a delegation holds more shares than its validator", MeshInvariants.NoNegativeDelegation, "juno" },
        { "a receipt of a packet never sent", MeshInvariants.ExactlyOnce, "juno" },
    };

    private static MeshSnapshot Plant(string what)
    {
        var s = Good;
        var osmosis = State(s, "osmosis");
        var juno = State(s, "juno");
        switch (what)
        {
            case "a balance grows out of nothing":
                var key = new BalanceKey(Alice, Uosmo);
                var bank = osmosis.Bank.CommittedCopy(); // a copy: the chain's own store is not written outside its turn
                bank.Balances.Set(key, bank.Balances[key] + 1);
                return WithChain(s, osmosis.CommittedCopy().WithBank(bank));
            case "a claim over bonded":
            case "free out of step with bonded":
                var alice = s.Lockups.Single(a => a.Owner == Alice);
                var balance = what == "a claim over bonded"
                    ? alice.Balance with { Claims = [.. alice.Balance.Claims, new LockupMsg.ClaimResponse(Alice, 5001)] }
                    : alice.Balance with { Free = alice.Balance.Free + 1 };
                return s with { Lockups = [.. s.Lockups.Select(a => a == alice ? a with { Balance = balance } : a)] };
            case "a provider stake the lockup does not claim":
                return WithLink(s, l => l with
                {
                    Accounts = [.. l.Accounts.Select(a => a.Owner != Alice ? a : a with
                    {
                        Account = a.Account with { Staked = [.. a.Account.Staked, new ProviderMsg.StakeInfo(JunoV2.Value, 1, 0)] },
                    })],
                });
            case "meta-staking staked over its funds":
                return WithLink(s, l => l with { MetaStaking = l.MetaStaking! with { TotalStaked = l.MetaStaking.AvailableFunds + 1 } });
            case "a delegation holds more shares than its validator":
                var d = juno.Staking.Delegations.Values.First();
                var more = d with { Shares = d.Shares + Dec.One };
                var staking = juno.Staking.CommittedCopy(); // a copy: the chain's own store is not written outside its turn
                staking.Delegations.Set(d.Key, more);
                return WithChain(s, juno.CommittedCopy().WithStaking(staking));
            default:
                var ends = s.Links[0].MeshEnds;
                var receipt = new PacketKey(ends.PortB, ends.ChannelB, 1000);
                var ibc = juno.Ibc.CommittedCopy(); // a copy: the chain's own store is not written outside its turn
                ibc.Receipts.Set(receipt, juno.Height);
                return WithChain(s, juno.CommittedCopy().WithIbc(ibc));
        }
    }

    [Fact]
    public void A_good_network_breaks_no_invariant_safe_or_live()
    {
        Assert.Empty(MeshInvariants.Safety(Good));
        Assert.Empty(MeshInvariants.Liveness(Good));
    }

    [Theory]
    [MemberData(nameof(Plants))]
    public void A_planted_breach_is_named_with_its_chain_and_height(string what, string invariant, string chain)
    {
        var planted = Plant(what);
        var v = Assert.Single(MeshInvariants.Safety(planted));
        var at = State(planted, chain);
        Assert.Equal((invariant, chain, at.Height, at.Time), (v.Invariant, v.Chain, v.Height, v.Time));
    }

    [Fact]
    public void Receipts_of_injected_packets_are_not_the_channels_own()
    {
        var planted = Plant("a receipt of a packet never sent") with { InjectedFrom = 1000 };
        Assert.Empty(MeshInvariants.Safety(planted));
    }

    [Fact]
    public void Once_quiet_views_that_differ_are_named_on_the_consumer()
    {
        var s = WithLink(Good, l => l with
        {
            Stakes = [.. l.Stakes.Select(v => v.Validator != JunoV1.Value ? v
                : v with { Consumer = v.Consumer with { Amount = v.Consumer.Amount + 1 } })],
        });
        var v = Assert.Single(MeshInvariants.Liveness(s));
        Assert.Equal((MeshInvariants.ViewsEqual, "juno"), (v.Invariant, v.Chain));
        Assert.Contains("provider 1000, consumer 1001", v.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_packet_left_in_flight_is_not_quiet_and_breaks_liveness_not_safety()
    {
        var net = new MeshNetwork();
        net.Bond(Alice, 5000).Succeeds();
        net.Pause(net.ToJuno);
        net.GrantClaim(Alice, net.ToJuno, JunoV1, 1000).Succeeds();
        var s = net.Snapshot(withStakes: true);

        Assert.Empty(MeshInvariants.Safety(s));
        Assert.False(MeshInvariants.IsQuiet(s, s.Links[0]));
        var inFlight = MeshInvariants.Liveness(s).Where(v => v.Invariant == MeshInvariants.InFlightResolved);
        Assert.Equal(
            [("osmosis", "osmosis->juno: 1 packets still in flight"),
             ("osmosis", $"osmosis->juno {JunoV1}: stake 1000, unstake 0, burn 0 still unapplied")],
            inFlight.Select(v => (v.Chain, v.Detail)));
    }

    [Theory]
    [InlineData(3000UL, 0)]
    [InlineData(5000UL, 1)]
    public void A_packet_past_its_timeout_by_more_than_the_grace_is_overdue(ulong waited, int overdue)
    {
        // the Stake packet lives PacketLifetime (3600 s); with a grace of 600 s it is overdue once 4200 s have passed
        var net = new MeshNetwork();
        net.Bond(Alice, 5000).Succeeds();
        net.Pause(net.ToJuno);
        net.GrantClaim(Alice, net.ToJuno, JunoV1, 1000).Succeeds();
        net.SkipTime(waited);
        net.SkipBlocks(1);
        var s = net.Snapshot();

        var found = MeshInvariants.Overdue(s, s.Links[0], 600).ToList();

        Assert.Equal(overdue, found.Count);
        Assert.All(found, v => Assert.Equal((MeshInvariants.InFlightResolved, "osmosis"), (v.Invariant, v.Chain)));
    }
}
