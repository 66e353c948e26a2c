using System.Globalization;
using System.Numerics;
using MeshSecurity.Core.Contracts.Consumer;
using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Staking;
using MeshSecurity.Core.Types;
using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Reporting;

namespace MeshSecurity.Scenarios.Running;

public sealed partial class ScenarioRunner
{
    private async Task<RunReport.ExpectationInfo> Evaluate(int index, Expectation e)
    {
        await SettleReopens();
        if (e is Expectation.Query q) return await EvaluateQuery(index, q);
        if (e is Expectation.ChannelStateOf c) return await EvaluateChannelState(index, c);
        if (e is Expectation.ValidatorStateOf v) return await EvaluateValidatorState(index, v);
        string target;
        Amount actual;
        try
        {
            (target, actual) = await Read(e);
        }
        catch (Exception ex) when (ex is InvalidOperationException or KeyNotFoundException)
        {
            return Judged(index, e, e.What, e.Against?.ToString() ?? e.Expected.ToString(), null, ex.Message, false);
        }
        return e.Against is not null
            ? Compared(index, e, target, actual.ToString())
            : Judged(index, e, target, e.Expected.ToString(), actual.ToString(), actual.ToString(), actual == e.Expected);
    }

    /// <summary>Each reading with an id, as text (null when it could not be read), for later comparisons.</summary>
    private readonly Dictionary<string, string?> _readings = new(StringComparer.Ordinal);

    /// <summary>The report's line for an expectation; <paramref name="reading"/> is kept under the expectation's id.</summary>
    private RunReport.ExpectationInfo Judged(int index, Expectation e, string target, string expected, string? reading, string actual,
        bool ok)
    {
        if (e.Id is { } id) _readings[id] = reading;
        return new(index, e.At.ToString(), e.What, target, expected, actual, ok, Where(e.Location));
    }

    /// <summary>A reading compared with an earlier one: the same value, or the earlier one changed by a signed amount.</summary>
    private RunReport.ExpectationInfo Compared(int index, Expectation e, string target, string reading)
    {
        if (e.Against is Comparison.Recorded)
            return Judged(index, e, target, e.Against.ToString()!, reading, JsonMatch.Normalize(reading), true);
        var earlier = _readings.GetValueOrDefault(e.Against!.Id);
        var actual = JsonMatch.Normalize(reading);
        if (earlier is null)
            return Judged(index, e, target, e.Against.ToString()!, reading, $"{actual} (\"{e.Against.Id}\" was not read)", false);
        var before = JsonMatch.Normalize(earlier);
        switch (e.Against)
        {
            case Comparison.SameAs:
                return Judged(index, e, target, $"{before} ({e.Against})", reading, actual, actual == before);
            case Comparison.ChangedBy c when BigInteger.TryParse(before, NumberStyles.None, CultureInfo.InvariantCulture, out var b):
            {
                var wanted = (b + c.Delta).ToString(CultureInfo.InvariantCulture);
                return Judged(index, e, target, $"{wanted} ({c})", reading, actual, actual == wanted);
            }
            default:
                return Judged(index, e, target, e.Against.ToString()!, reading,
                    $"{actual} (\"{e.Against.Id}\" read {before}, not a number)", false);
        }
    }

    /// <summary>Reads the value an expectation names, and a short description of what was read.</summary>
    private async Task<(string Target, Amount Value)> Read(Expectation e)
    {
        switch (e)
        {
            case Expectation.LockupFree x:
                return ($"{x.Chain} lockup free of {x.Account}", (await LockupBalance(x.Chain, x.Account)).Free);
            case Expectation.LockupBonded x:
                return ($"{x.Chain} lockup bonded of {x.Account}", (await LockupBalance(x.Chain, x.Account)).Bonded);
            case Expectation.Claim x:
            {
                var provider = Link(x.Provider, x.Consumer).Provider;
                var claim = (await LockupBalance(x.Provider, x.Account)).Claims.FirstOrDefault(c => c.Lienholder == provider);
                return ($"claim of {x.Provider}->{x.Consumer} on {x.Account}", claim?.Amount ?? Amount.Zero);
            }
            case Expectation.ProviderStake x:
            {
                var stake = await _net.QueryAsync<ProviderMsg.StakeResponse>(x.Provider, Link(x.Provider, x.Consumer).Provider,
                    new ProviderMsg.Query.Stake(Validator(x.Consumer, x.Validator)));
                return ($"{x.Provider}->{x.Consumer} provider stake on {x.Validator}", stake.Tokens);
            }
            case Expectation.ConsumerStake x:
            {
                var remote = await _net.QueryAsync<ConsumerMsg.RemoteStakeResponse>(x.Consumer, Link(x.Provider, x.Consumer).Consumer,
                    new ConsumerMsg.Query.RemoteStake(Validator(x.Consumer, x.Validator)));
                return ($"{x.Provider}->{x.Consumer} consumer stake on {x.Validator}", remote.Amount);
            }
            case Expectation.Delegation x:
            {
                var total = Amount.Zero;
                foreach (var l in _links.Values.Where(l => l.ConsumerChain == x.Chain && (x.Provider is null || l.ProviderChain == x.Provider)))
                    total += await _net.QueryAsync<Amount>(x.Chain, l.MetaStaking,
                        new Core.Contracts.MetaStaking.MetaStakingMsg.Query.Delegation(l.Consumer.Value, Validator(x.Chain, x.Validator)));
                return ($"{x.Chain} meta-staking delegation to {x.Validator}{(x.Provider is null ? "" : " for " + x.Provider)}", total);
            }
            case Expectation.VotingPower x:
            {
                var state = await _net.StateAsync(x.Chain);
                return ($"{x.Chain} voting power of {x.Validator}", state.VotingPower(new Addr(Validator(x.Chain, x.Validator))));
            }
            case Expectation.ValidatorTokens x:
            {
                var state = await _net.StateAsync(x.Chain);
                return ($"{x.Chain} tokens of {x.Validator}", state.Staking.Validator(new Addr(Validator(x.Chain, x.Validator)))?.Tokens ?? Amount.Zero);
            }
            case Expectation.Balance x:
            {
                var state = await _net.StateAsync(x.Chain);
                var holder = x.Contract is { } c ? ContractAddress(c) : x.Address is { } a ? new Addr(a) : Account(x.Chain, x.Account);
                var denom = x.Denom.StartsWith(Parsing.ScenarioBuilder.VoucherAlias, StringComparison.Ordinal)
                    ? Voucher(x.Chain, x.Denom[Parsing.ScenarioBuilder.VoucherAlias.Length..])
                    : x.Denom;
                return ($"{x.Chain} balance of {x.Account} in {x.Denom}", state.Bank.Balance(holder, denom));
            }
            case Expectation.Supply x:
            {
                var state = await _net.StateAsync(x.Chain);
                return ($"{x.Chain} supply of {x.Denom}", state.Bank.SupplyOf(x.Denom));
            }
            case Expectation.Packets x:
            {
                var link = Link(x.Provider, x.Consumer);
                var counts = _tally.Packets.Of(x.Channel == PacketChannel.Mesh ? link.MeshEnds : link.TransferEnds);
                var value = x.Count switch
                {
                    PacketCounter.Sent => counts.Sent,
                    PacketCounter.Received => counts.Received,
                    PacketCounter.Acknowledged => counts.Acknowledged + counts.ErrorAcknowledged,
                    PacketCounter.AcknowledgedOk => counts.Acknowledged,
                    PacketCounter.AcknowledgedError => counts.ErrorAcknowledged,
                    _ => counts.TimedOut,
                };
                var counter = Parsing.ScenarioBuilder.CounterName(x.Count);
                return ($"{x.Provider}->{x.Consumer} {x.Channel.ToString().ToLowerInvariant()} packets {counter}", (ulong)value);
            }
            case Expectation.PendingPackets x:
                return await ReadPending(x);
            case Expectation.Slashable or Expectation.MaxLien or Expectation.LocalLien or Expectation.Lien:
                return await ReadLiens(e);
            default:
                throw new InvalidOperationException($"unknown expectation {e.What}");
        }
    }

    /// <summary>The account's lockup balance; an account that never bonded holds nothing.</summary>
    private async Task<LockupMsg.BalanceResponse> LockupBalance(string chain, string account)
    {
        try
        {
            return await _net.QueryAsync<LockupMsg.BalanceResponse>(chain, Lockup(chain), new LockupMsg.Query.Balance(Account(chain, account).Value));
        }
        catch (InvalidOperationException ex) when (ex.Message.Contains("UnknownAccount", StringComparison.Ordinal) || ex.Message.Contains("not found", StringComparison.Ordinal))
        {
            return new LockupMsg.BalanceResponse(Amount.Zero, Amount.Zero, []);
        }
    }
}
