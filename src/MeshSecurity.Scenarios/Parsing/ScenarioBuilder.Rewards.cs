using MeshSecurity.Core.Math;
using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Parsing;

internal sealed partial class ScenarioBuilder
{
    /// <summary>The contracts `mint` can pay, and whether each belongs to one link (named by provider and consumer).</summary>
    private static readonly Dictionary<string, bool> MintContracts = new(StringComparer.Ordinal)
    {
        ["lockup"] = false,
        ["meta-staking"] = false,
        ["provider"] = true,
        ["slasher"] = true,
        ["consumer"] = true,
    };

    /// <summary>`action = mint`: chain, exactly one of `to` (an account) and `contract` (a role), and the coins.</summary>
    private ScenarioStep? ReadMint(ObjectReader r, Duration at)
    {
        var chain = ChainRef(r, "chain");
        string? account = null, contract = null, provider = null, consumer = null;
        var ok = true;
        if (r.Has("to") == r.Has("contract"))
        {
            if (r.Has("to")) ctx.Error(r.PathOf("contract"), "give either to (an account) or contract (a mesh contract), not both");
            else r.Missing("to", "an account of the chain, or contract = lockup, meta-staking, provider, slasher or consumer");
            ok = false;
        }
        else if (r.Has("to"))
        {
            account = AccountRef(r, "to", chain);
            ok = account is not null && NoLinkKeys(r, "to an account");
        }
        else
        {
            contract = r.Text("contract", true);
            ok = contract is not null && MintContract(r, chain, contract, out provider, out consumer);
        }
        var amount = r.Node("amount") is { } n ? ReadCoins(n, DenomOf(chain)) : null;
        if (amount is null && !r.Has("amount")) r.Missing("amount", "coins like \"1000uosmo\", or an amount of the chain's denom");
        else if (amount is { IsEmpty: true })
        {
            ctx.Error(r.PathOf("amount"), "expected at least one coin above zero");
            amount = null;
        }
        return ok && chain is not null && amount is not null
            ? new ScenarioStep.Mint(at, chain, account, contract, provider, consumer, amount)
            : null;
    }

    /// <summary>
    /// The contract role exists on the chain: a lockup where the chain provides, meta-staking where it consumes, a link's
    /// contract on its side.
    /// </summary>
    private bool MintContract(ObjectReader r, string? chain, string contract, out string? provider, out string? consumer)
    {
        (provider, consumer) = (null, null);
        if (!MintContracts.TryGetValue(contract, out var ofLink))
        {
            ctx.Error(r.PathOf("contract"),
                $"unknown contract {HoconNode.Quote(contract)}{Suggestions.DidYouMean(contract, MintContracts.Keys)}; " +
                $"expected one of: {string.Join(", ", MintContracts.Keys)}");
            return false;
        }
        if (!ofLink)
        {
            if (!NoLinkKeys(r, $"for the {contract}")) return false;
            if (chain is null) return false;
            var has = contract == "lockup" ? _lockupChains.Contains(chain)
                : _linkOrder.Any(l => l.Consumer == chain) || _metaStakingFixtureChains.Contains(chain);
            if (has) return true;
            ctx.Error(r.PathOf("contract"), contract == "lockup"
                ? $"{chain} provides to no consumer and no fixture deploys a lockup on it, so it has no lockup"
                : $"no link has {chain} as its consumer and no fixture deploys meta-staking on it, so it has no meta-staking contract");
            return false;
        }
        var (p, c, linked) = LinkRef(r);
        if (!linked || chain is null) return false;
        var side = contract == "consumer" ? c : p;
        if (side == chain) (provider, consumer) = (p, c);
        else ctx.Error(r.PathOf("chain"), $"the {contract} contract of {p} -> {c} is on {side}, not on {chain}");
        return side == chain;
    }

    private bool NoLinkKeys(ObjectReader r, string what)
    {
        foreach (var key in new[] { "provider", "consumer" }.Where(r.Has))
        {
            ctx.Error(r.PathOf(key), $"{key} names a link, which a mint {what} does not take");
            return false;
        }
        return true;
    }

    /// <summary>A chain's `reward-rate`: an annual rate from 0 to 10 (1000 % a year), 0 when absent.</summary>
    private Dec? RewardRate(ObjectReader r)
    {
        if (!r.Has("reward-rate")) return Dec.Zero;
        var d = r.Dec("reward-rate", false);
        if (d is null || d.Value <= MaxRewardRate) return d;
        ctx.Error(r.PathOf("reward-rate"), $"expected an annual rate from 0 to {MaxRewardRate}, got {d.Value}");
        return null;
    }

    private static readonly Dec MaxRewardRate = Dec.FromInteger(10);
}
