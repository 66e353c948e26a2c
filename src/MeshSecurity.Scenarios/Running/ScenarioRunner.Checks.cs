using MeshSecurity.Core.Contracts.Consumer;
using MeshSecurity.Core.Contracts.MetaStaking;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Scenarios.Reporting;

namespace MeshSecurity.Scenarios.Running;

public sealed partial class ScenarioRunner
{
    /// <summary>The invariants the report lists, in this order.</summary>
    public static readonly IReadOnlyList<string> InvariantNames =
    [
        "token conservation per denom",
        "lockup claims within bonded (free never negative)",
        "meta-staking within each consumer's funds",
        "provider and consumer views equal once quiet",
        "exactly-once packet effects",
        "every slash reached its consumers",
        "resumed run matches its journal",
        SlashWarranty.Name,
    ];

    private void Fail(string check, string detail)
    {
        if (!_failedChecks.ContainsKey(check)) _failedChecks[check] = new RunReport.CheckInfo(check, false, detail);
    }

    /// <summary>Checks that hold at every moment, whatever is in flight; run at every step time and at the end.</summary>
    private async Task CheckAlways(string when)
    {
        foreach (var chain in _scenario.Chains)
        {
            var state = await _net.StateAsync(chain.Id);
            var bad = state.Bank.CheckConservation();
            if (bad.Count > 0) Fail(InvariantNames[0], $"{chain.Id} {when}: {bad[0]}");
        }
        foreach (var provider in _links.Values.Select(l => l.ProviderChain).Distinct())
        {
            foreach (var account in _scenario.Chain(provider).Accounts)
            {
                var balance = await LockupBalance(provider, account.Name);
                var max = balance.Claims.Select(c => c.Amount).DefaultIfEmpty(Core.Math.Amount.Zero).Max();
                if (max > balance.Bonded) Fail(InvariantNames[1], $"{provider} {when}: {account.Name} has a claim of {max} over bonded {balance.Bonded}");
            }
        }
        foreach (var link in _links.Values)
        {
            MetaStakingMsg.ConsumerResponse info;
            try
            {
                info = await _net.QueryAsync<MetaStakingMsg.ConsumerResponse>(link.ConsumerChain, link.MetaStaking,
                    new MetaStakingMsg.Query.ConsumerInfo(link.Consumer.Value));
            }
            catch (InvalidOperationException ex) when (ex.Message.Contains(nameof(MetaStakingError.NoConsumer), StringComparison.Ordinal))
            {
                // governance removed the link's consumer (a sudo step): it has no funds left to overdraw
                continue;
            }
            if (info.TotalStaked > info.AvailableFunds)
                Fail(InvariantNames[2], $"{link.ConsumerChain} {when}: consumer of {link.ProviderChain} staked {info.TotalStaked} of {info.AvailableFunds}");
        }
    }

    /// <summary>The checks that need the whole run: run once at the end.</summary>
    private async Task<List<RunReport.LinkInfo>> CheckAtEnd()
    {
        await CheckAlways("at the end");
        var links = new List<RunReport.LinkInfo>();
        foreach (var link in _links.Values.OrderBy(l => l.ProviderChain, StringComparer.Ordinal).ThenBy(l => l.ConsumerChain, StringComparer.Ordinal))
        {
            var mesh = await _net.ChannelInfoAsync(link.MeshChannelId);
            var consumerState = await _net.StateAsync(link.ConsumerChain);
            var views = new List<RunReport.StakeView>();
            var quiet = mesh.Pending == 0;
            foreach (var v in consumerState.Staking.Validators.Keys)
            {
                var p = await _net.QueryAsync<ProviderMsg.StakeResponse>(link.ProviderChain, link.Provider, new ProviderMsg.Query.Stake(v.Value));
                var c = await _net.QueryAsync<ConsumerMsg.RemoteStakeResponse>(link.ConsumerChain, link.Consumer, new ConsumerMsg.Query.RemoteStake(v.Value));
                var d = await _net.QueryAsync<Core.Math.Amount>(link.ConsumerChain, link.MetaStaking, new MetaStakingMsg.Query.Delegation(link.Consumer.Value, v.Value));
                if (p.Tokens.IsZero && c.Amount.IsZero && d.IsZero) continue;
                quiet &= p.InFlightStake.IsZero && p.InFlightUnstake.IsZero && p.UndeliveredBurn.IsZero;
                views.Add(new RunReport.StakeView(NameOf(link.ConsumerChain, v.Value), p.Tokens.ToString(), c.Amount.ToString(), d.ToString(), p.Tokens == c.Amount));
            }
            if (quiet)
            {
                foreach (var view in views.Where(v => !v.Equal))
                    Fail(InvariantNames[3], $"{link.ProviderChain}->{link.ConsumerChain} {view.Validator}: provider {view.ProviderStake}, consumer {view.ConsumerStake}");
            }
            else
            {
                Note(InvariantNames[3], $"{link.ProviderChain}->{link.ConsumerChain}: packets in flight at the end, views not compared");
            }
            links.Add(new RunReport.LinkInfo(link.ProviderChain, link.ConsumerChain, link.Provider.Value, link.Consumer.Value,
                _tally.Packets.Of(link.MeshEnds), _tally.Packets.Of(link.TransferEnds), [.. views]));
        }

        // the first packet found twice: in a sound run there is none
        if (_tally.Packets.ReceivedTwice.FirstOrDefault() is { } received)
            Fail(InvariantNames[4], $"{received.Chain}: packet {received.End}#{received.Sequence} received {received.Times} times");
        if (_tally.Packets.SettledTwice.FirstOrDefault() is { } settled)
            Fail(InvariantNames[4], $"{settled.Chain}: packet {settled.End}#{settled.Sequence} settled {settled.Times} times");
        if (_tally.Slashes.WarrantyBreaches.FirstOrDefault() is { } breach) Fail(InvariantNames[7], breach);
        if (_tally.Diverged is { } diverged)
            Fail(InvariantNames[6], $"{diverged.ChainId}@{diverged.Height}: journal {diverged.JournalAppHash}, run {diverged.AppHash}");
        return links;
    }

    /// <summary>What a check that holds did not look at, and why (shown as its detail).</summary>
    private readonly Dictionary<string, List<string>> _notes = new(StringComparer.Ordinal);

    private void Note(string check, string note)
    {
        if (!_notes.TryGetValue(check, out var list)) _notes[check] = list = [];
        list.Add(note);
    }

    /// <summary>A validator's scenario name from its address, or the address.</summary>
    private string NameOf(string chain, string validator)
    {
        var c = _scenario.Chain(chain);
        return c.Validators.FirstOrDefault(v => ScenarioAddresses.Validator(c, v.Name).Value == validator)?.Name ?? validator;
    }
}
