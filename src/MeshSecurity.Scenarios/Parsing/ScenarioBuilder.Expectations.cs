using MeshSecurity.Core.Math;
using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Parsing;

internal sealed partial class ScenarioBuilder
{
    /// <summary>Every expectation kind and the keys it takes besides "at", "what" and "equals".</summary>
    internal static readonly IReadOnlyDictionary<string, string[]> ExpectKeys = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["lockup-free"] = ["chain", "account"],
        ["lockup-bonded"] = ["chain", "account"],
        ["claim"] = ["chain", "account", "provider", "consumer"],
        ["provider-stake"] = ["provider", "consumer", "validator"],
        ["consumer-stake"] = ["provider", "consumer", "validator"],
        ["delegation"] = ["chain", "validator", "provider"],
        ["voting-power"] = ["chain", "validator"],
        ["validator-tokens"] = ["chain", "validator"],
        ["balance"] = ["chain", "account", "denom", "address", "contract", "provider", "consumer", "fixture"],
        ["supply"] = ["chain", "denom"],
        ["packets"] = ["provider", "consumer", "channel", "count"],
        ["pending-packets"] = ["provider", "consumer", "channel", "direction", "kind"],
        ["channel-state"] = ["provider", "consumer", "channel", "side"],
        ["query"] = [.. ContractKeys, "msg", "path", "contains", "error"],
        ["slashable"] = ["chain", "account"],
        ["max-lien"] = ["chain", "account"],
        ["local-lien"] = ["chain", "account"],
        ["lien-low"] = ["chain", "account", "provider", "consumer"],
        ["lien-high"] = ["chain", "account", "provider", "consumer"],
        ["validator-state"] = ["provider", "consumer", "validator", "as-of"],
    };

    private static readonly Dictionary<string, PacketCounter> Counters = new(StringComparer.Ordinal)
    {
        ["sent"] = PacketCounter.Sent,
        ["received"] = PacketCounter.Received,
        ["acknowledged"] = PacketCounter.Acknowledged,
        ["acknowledged-ok"] = PacketCounter.AcknowledgedOk,
        ["acknowledged-error"] = PacketCounter.AcknowledgedError,
        ["timed-out"] = PacketCounter.TimedOut,
    };

    private static readonly Dictionary<string, PacketChannel> Channels = new(StringComparer.Ordinal)
    {
        ["mesh"] = PacketChannel.Mesh,
        ["transfer"] = PacketChannel.Transfer,
    };

    private List<Expectation> ReadExpectations(ObjectReader top)
    {
        var result = new List<Expectation>();
        if (!top.Has("expect")) return result;
        var elements = top.List("expect", false, "the expectations");
        if (elements is null) return result;
        foreach (var element in elements)
        {
            var r = ctx.Object(element, "an expectation", "at", "what", "equals", "id", "changed-by", "since", "same-as");
            if (r is null) continue;
            var at = r.Duration("at", true);
            var what = r.Text("what", true, $"what to check: {string.Join(", ", ExpectKeys.Keys)}");
            if (what is null) continue;
            if (!ExpectKeys.TryGetValue(what, out var keys))
            {
                ctx.Error(r.PathOf("what"),
                    $"unknown expectation {HoconNode.Quote(what)}{Suggestions.DidYouMean(what, ExpectKeys.Keys)}; expected one of: {string.Join(", ", ExpectKeys.Keys)}");
                continue;
            }
            r.Allow(keys);
            var (id, against, compared) = ReadComparison(r, what, at);
            // a changed-by or same-as that could not be read was reported already: it stands in for equals all the same
            (_comparing, _expectingError) = (against is not null || r.Has("changed-by") || r.Has("same-as"), r.Has("error"));
            var expectation = ReadExpectation(r, what, at ?? Duration.Zero);
            (_comparing, _expectingError) = (false, false);
            r.Finish($"in a {what} expectation");
            if (expectation is not null && at is not null && compared)
                result.Add(expectation with { Location = ctx.LocationOf(element.Path), Id = id, Against = against });
        }
        return result;
    }

    private Expectation? ReadExpectation(ObjectReader r, string what, Duration at)
    {
        switch (what)
        {
            case "lockup-free":
            case "lockup-bonded":
            {
                var chain = LockupChainRef(r);
                var account = AccountRef(r, "account", chain);
                var expected = ReadEquals(r, DenomOf(chain));
                if (chain is null || account is null || expected is null) return null;
                return what == "lockup-free"
                    ? new Expectation.LockupFree(at, chain, account, expected.Value)
                    : new Expectation.LockupBonded(at, chain, account, expected.Value);
            }
            case "claim":
            {
                var (p, c, account) = ClaimTarget(r, "claim");
                var expected = ReadEquals(r, DenomOf(p));
                return account is not null && expected is not null ? new Expectation.Claim(at, account, p!, c!, expected.Value) : null;
            }
            case "provider-stake":
            case "consumer-stake":
            {
                var (p, c, linked) = LinkRef(r);
                var validator = ValidatorRef(r, "validator", c);
                var expected = ReadEquals(r, DenomOf(p));
                if (!linked || validator is null || expected is null) return null;
                return what == "provider-stake"
                    ? new Expectation.ProviderStake(at, p!, c!, validator, expected.Value)
                    : new Expectation.ConsumerStake(at, p!, c!, validator, expected.Value);
            }
            case "delegation":
            {
                var chain = ChainRef(r, "chain");
                var validator = ValidatorRef(r, "validator", chain);
                string? provider = null;
                var ok = true;
                if (chain is not null && !_linkOrder.Any(l => l.Consumer == chain))
                {
                    ctx.Error(r.PathOf("chain"), $"no link has {chain} as its consumer, so it has no meta-staking contract");
                    ok = false;
                }
                if (r.Has("provider"))
                {
                    provider = ChainRef(r, "provider");
                    if (provider is null) ok = false;
                    else if (chain is not null && !_links.ContainsKey((provider, chain)))
                    {
                        ctx.Error(r.PathOf("provider"), $"no link from {provider} to {chain}");
                        ok = false;
                    }
                }
                var expected = ReadEquals(r, DenomOf(chain));
                return ok && chain is not null && validator is not null && expected is not null
                    ? new Expectation.Delegation(at, chain, validator, provider, expected.Value)
                    : null;
            }
            case "voting-power":
            case "validator-tokens":
            {
                var chain = ChainRef(r, "chain");
                var validator = ValidatorRef(r, "validator", chain);
                var expected = ReadEquals(r, what == "voting-power" ? null : DenomOf(chain));
                if (chain is null || validator is null || expected is null) return null;
                return what == "voting-power"
                    ? new Expectation.VotingPower(at, chain, validator, expected.Value)
                    : new Expectation.ValidatorTokens(at, chain, validator, expected.Value);
            }
            case "balance":
                return ReadBalance(r, at);
            case "query":
                return ReadQuery(r, at);
            case "supply":
            {
                var chain = ChainRef(r, "chain");
                var denom = ReadDenom(r, chain);
                var expected = ReadEquals(r, denom);
                return chain is null || denom is null || expected is null ? null : new Expectation.Supply(at, chain, denom, expected.Value);
            }
            case "packets":
            {
                var (p, c, linked) = LinkRef(r);
                var channel = r.Has("channel") ? r.Choice("channel", false, Channels, "channel") : PacketChannel.Mesh;
                var count = r.Choice("count", true, Counters, "packet counter");
                var expected = ReadEquals(r, null);
                return linked && channel is not null && count is not null && expected is not null
                    ? new Expectation.Packets(at, p!, c!, channel.Value, count.Value, expected.Value)
                    : null;
            }
            case "pending-packets":
                return ReadPendingPackets(r, at);
            case "channel-state":
                return ReadChannelState(r, at);
            case "validator-state":
                return ReadValidatorState(r, at);
            case "slashable" or "max-lien" or "local-lien" or "lien-low" or "lien-high":
                return ReadLienExpectation(r, what, at);
            default:
                return null;
        }
    }

    /// <summary>"equals", unless the expectation compares with an earlier reading (then its value is unused).</summary>
    private Amount? ReadEquals(ObjectReader r, string? denom) => _comparing ? Amount.Zero : r.Amount("equals", true, denom);

    /// <summary>The "denom" key, or the chain's bond denom when it is left out.</summary>
    private string? ReadDenom(ObjectReader r, string? chain)
    {
        if (!r.Has("denom")) return DenomOf(chain);
        var denom = r.Text("denom", false, "a denom like \"uosmo\"");
        if (denom is not null &&
            (denom.StartsWith(IbcAlias, StringComparison.Ordinal) || denom.StartsWith(VoucherAlias, StringComparison.Ordinal)))
            return ReadDenomAlias(r, chain, denom);
        if (denom is null || ValueParsers.DenomPattern().IsMatch(denom)) return denom;
        ctx.Error(r.PathOf("denom"), $"expected a denom like \"uosmo\" or \"ibc/...\", got {HoconNode.Quote(denom)}");
        return null;
    }

    /// <summary>
    /// The link and account of a claim or lien reading; the optional chain must be the link's provider. The account is
    /// null when something is wrong (reported).
    /// </summary>
    private (string? Provider, string? Consumer, string? Account) ClaimTarget(ObjectReader r, string what)
    {
        var (p, c, linked) = LinkRef(r);
        var chainOk = true;
        if (r.Has("chain") && ChainRef(r, "chain") is { } chain && p is not null && chain != p)
        {
            ctx.Error(r.PathOf("chain"),
                $"the {what} is held by the provider chain's lockup: chain must be {p} (or left out), got \"{chain}\"");
            chainOk = false;
        }
        var account = AccountRef(r, "account", p);
        return (p, c, linked && chainOk ? account : null);
    }
}
