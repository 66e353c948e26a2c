using System.Collections.Immutable;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Parsing;

internal sealed partial class ScenarioBuilder
{
    private static readonly string[] ChainKeys =
    [
        "id", "prefix", "denom", "block-time", "block-time-jitter", "unbonding-period", "max-validators",
        "reward-per-block", "reward-rate", "double-sign-slash", "power-reduction", "validators", "accounts",
        "collateral", "local-slash-ratio",
        "epoch", "local-min-power",
    ];

    private ImmutableArray<ScenarioChain> ReadChains(ObjectReader top)
    {
        var elements = top.List("chains", true, "the chains");
        if (elements is null) return [];
        if (elements.Count == 0) ctx.Error("chains", "expected at least one chain");
        var prefixes = new Dictionary<string, string>(StringComparer.Ordinal);
        var chains = new List<ScenarioChain>();
        foreach (var element in elements)
        {
            var r = ctx.Object(element, "a chain", ChainKeys);
            if (r is null) continue;
            var chain = ReadCollateral(r, ReadChain(r, prefixes));
            r.Finish("in a chain");
            if (chain is not null) chains.Add(chain with { Location = ctx.LocationOf(element.Path) });
        }
        return Immutable(chains);
    }

    private ScenarioChain? ReadChain(ObjectReader r, Dictionary<string, string> prefixes)
    {
        ChainEntry? entry = null;
        var id = r.Name("id", true, "the chain id");
        if (id is not null)
        {
            if (_chains.TryGetValue(id, out var first))
            {
                ctx.Error(r.PathOf("id"), $"duplicate chain id \"{id}\" (first defined at {first.Path})");
                id = null;
            }
            else
            {
                entry = new ChainEntry(id, r.Path);
                _chains[id] = entry;
                _chainOrder.Add(id);
            }
        }

        var prefix = r.Text("prefix", true, "a bech32 prefix like \"osmo\"");
        if (prefix is not null)
        {
            if (!ValueParsers.PrefixPattern().IsMatch(prefix))
            {
                ctx.Error(r.PathOf("prefix"), $"expected a bech32 prefix: lowercase letters and digits starting with a letter, at most 20 (like \"osmo\"), got {HoconNode.Quote(prefix)}");
                prefix = null;
            }
            else if (prefixes.TryGetValue(prefix, out var firstPath))
            {
                ctx.Error(r.PathOf("prefix"), $"duplicate prefix \"{prefix}\" (already used by {firstPath}); each chain needs its own address prefix");
                prefix = null;
            }
            else prefixes[prefix] = r.Path;
        }

        var denom = r.Text("denom", true, "a denom like \"uosmo\"");
        if (denom is not null && !ValueParsers.DenomPattern().IsMatch(denom))
        {
            ctx.Error(r.PathOf("denom"), $"expected a denom: a letter then 2 to 127 letters, digits or '/', ':', '.', '_', '-' (like \"uosmo\"), got {HoconNode.Quote(denom)}");
            denom = null;
        }
        if (entry is not null) (entry.Denom, entry.Prefix) = (denom, prefix);

        var amountDenom = denom ?? ValueParsers.AnyDenom;
        var blockTime = WholeSeconds(r, "block-time", ScenarioChain.DefaultBlockTime, Duration.FromSeconds(1), ScenarioLimits.MaxBlockTime);
        var jitter = Fraction(r, "block-time-jitter", Dec.Zero);
        var unbonding = WholeSeconds(r, "unbonding-period", ScenarioChain.DefaultUnbondingPeriod, Duration.Zero);
        var maxValidators = r.Integer("max-validators", false, 1, 10_000);
        var reward = r.Amount("reward-per-block", false, amountDenom);
        var rate = RewardRate(r);
        var epoch = ReadEpoch(r);
        var localMinPower = ReadLocalMinPower(r);
        var slash = Fraction(r, "double-sign-slash", ScenarioChain.DefaultDoubleSignSlash);
        var powerReduction = r.Amount("power-reduction", false, amountDenom);
        if (powerReduction is { IsZero: true })
        {
            ctx.Error(r.PathOf("power-reduction"), "expected at least 1 (tokens per unit of voting power), got 0");
            powerReduction = null;
        }
        var validators = ReadValidators(r, amountDenom, entry);
        var accounts = ReadAccounts(r, amountDenom, entry);

        if (id is null || prefix is null || denom is null || blockTime is null || jitter is null || unbonding is null ||
            slash is null || validators is null || accounts is null || (r.Has("max-validators") && maxValidators is null) ||
            (r.Has("reward-per-block") && reward is null) || (r.Has("power-reduction") && powerReduction is null) || rate is null
            || (r.Has("epoch") && epoch is null) || (r.Has("local-min-power") && localMinPower is null))
            return null;
        return new ScenarioChain(id, prefix, denom, blockTime.Value, jitter.Value, unbonding.Value,
            (int)(maxValidators ?? ScenarioChain.DefaultMaxValidators), reward ?? Amount.Zero, slash.Value,
            powerReduction ?? Amount.One, validators.Value, accounts.Value)
            { RewardRate = rate.Value, Epoch = epoch, LocalMinPower = localMinPower };
    }

    /// <summary>A duration that must be whole seconds and at least <paramref name="min"/> (chain parameters are seconds).</summary>
    private Duration? WholeSeconds(ObjectReader r, string key, Duration fallback, Duration min, Duration? max = null)
    {
        if (!r.Has(key)) return fallback;
        var d = r.Duration(key, false);
        if (d is null) return null;
        if (d.Value.IsWholeSeconds && d.Value >= min && (max is null || d.Value <= max)) return d;
        var range = max is { } m ? $", from {min} to {m}" : min.Nanos > 0 ? $", at least {min}" : "";
        ctx.Error(r.PathOf(key), $"expected a whole number of seconds{range}, got {d.Value}");
        return null;
    }

    /// <summary>A decimal from 0 to 1.</summary>
    private Dec? Fraction(ObjectReader r, string key, Dec fallback)
    {
        if (!r.Has(key)) return fallback;
        var d = r.Dec(key, false);
        if (d is null) return null;
        if (d.Value <= Dec.One) return d;
        ctx.Error(r.PathOf(key), $"expected a fraction from 0 to 1, got {d.Value}");
        return null;
    }

    private ImmutableArray<ScenarioValidator>? ReadValidators(ObjectReader chain, string denom, ChainEntry? entry)
    {
        var elements = chain.List("validators", true, "the genesis validators");
        if (elements is null) return null;
        if (elements.Count == 0)
        {
            ctx.Error(chain.PathOf("validators"), "expected at least one validator");
            return null;
        }
        if (elements.Count > ScenarioLimits.MaxValidators)
        {
            ctx.Error(chain.PathOf("validators"),
                $"at most {ScenarioLimits.MaxValidators} validators per chain (the emulator's limit), got {elements.Count}");
            return null;
        }
        var result = new List<ScenarioValidator>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var ok = true;
        foreach (var element in elements)
        {
            var r = ctx.Object(element, "a validator", "name", "stake");
            if (r is null) { ok = false; continue; }
            var name = r.Name("name", true, "the validator's name");
            if (name is not null)
            {
                if (seen.TryGetValue(name, out var first))
                {
                    ctx.Error(r.PathOf("name"), $"duplicate validator name \"{name}\" (first defined at {first})");
                    name = null;
                }
                else
                {
                    seen[name] = r.Path;
                    entry?.Validators.Add(name);
                }
            }
            var stake = r.Amount("stake", true, denom);
            if (stake is { IsZero: true })
            {
                ctx.Error(r.PathOf("stake"), "expected a positive self-bond, got 0");
                stake = null;
            }
            r.Finish("in a validator");
            if (name is null || stake is null) { ok = false; continue; }
            result.Add(new ScenarioValidator(name, stake.Value) { Location = ctx.LocationOf(element.Path) });
        }
        return ok ? Immutable(result) : null;
    }

    private ImmutableArray<ScenarioAccount>? ReadAccounts(ObjectReader chain, string denom, ChainEntry? entry)
    {
        if (!chain.Has("accounts")) return [];
        var elements = chain.List("accounts", false, "the genesis accounts");
        if (elements is null) return null;
        var result = new List<ScenarioAccount>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var ok = true;
        foreach (var element in elements)
        {
            var r = ctx.Object(element, "an account", "name", "balance");
            if (r is null) { ok = false; continue; }
            var name = r.Name("name", true, "the account's name");
            if (name is not null)
            {
                if (seen.TryGetValue(name, out var first))
                {
                    ctx.Error(r.PathOf("name"), $"duplicate account name \"{name}\" (first defined at {first})");
                    name = null;
                }
                else
                {
                    seen[name] = r.Path;
                    entry?.Accounts.Add(name);
                }
            }
            var balance = r.Node("balance") is { } b ? ReadCoins(b, denom) : Coins.Empty;
            r.Finish("in an account");
            if (name is null || balance is null) { ok = false; continue; }
            result.Add(new ScenarioAccount(name, balance) { Location = ctx.LocationOf(element.Path) });
        }
        return ok ? Immutable(result) : null;
    }

    /// <summary>"1000uosmo", "1000uosmo,5ujuno", a bare amount of the chain's denom, or a list of those.</summary>
    private Coins? ReadCoins(HoconNode node, string denom)
    {
        var example = denom == ValueParsers.AnyDenom ? "uatom" : denom;
        var expected = $"coins like \"1000{example}\" or a list of them";
        if (node.Kind == HoconNodeKind.List)
        {
            var coins = new List<Coin>();
            var ok = true;
            foreach (var e in node.Elements)
            {
                if (ctx.Convert(e, $"a coin like \"1000{example}\"", (string s, out Coin c, out string d) => TryCoinOrAmount(s, denom, out c, out d), out Coin coin))
                    coins.Add(coin);
                else ok = false;
            }
            if (!ok) return null;
            if (TrySum(coins, out var sum, out var detail)) return sum;
            ctx.Error(node.Path, $"expected {expected}, got a list whose {detail}");
            return null;
        }
        return ctx.Convert(node, expected, (string s, out Coins c, out string d) => TryCoinList(s, denom, out c, out d), out Coins result) ? result : null;
    }

    private static bool TryCoinOrAmount(string s, string? denom, out Coin coin, out string detail)
    {
        if (ValueParsers.TryCoin(s, out coin, out detail)) return true;
        if (detail.Length > 0) return false;
        if (!ValueParsers.TryAmount(s, null, out var amount, out detail) || denom is null) return false;
        coin = new Coin(denom, amount);
        return true;
    }

    private static bool TryCoinList(string s, string? denom, out Coins coins, out string detail)
    {
        coins = Coins.Empty;
        detail = "";
        var parts = s.Split(',', StringSplitOptions.TrimEntries);
        var list = new List<Coin>();
        foreach (var part in parts)
        {
            if (!TryCoinOrAmount(part, denom, out var c, out detail)) return false;
            list.Add(c);
        }
        if (TrySum(list, out coins, out var why)) return true;
        detail = why;
        return false;
    }

    /// <summary>The coins with their denoms summed, unless a sum reaches 2^128 (Coins.Of would throw).</summary>
    private static bool TrySum(List<Coin> list, out Coins coins, out string detail)
    {
        coins = Coins.Empty;
        detail = "";
        foreach (var g in list.GroupBy(c => c.Denom, StringComparer.Ordinal))
        {
            var sum = g.Aggregate(System.Numerics.BigInteger.Zero, (total, c) => total + (System.Numerics.BigInteger)c.Amount.Value);
            if (sum <= (System.Numerics.BigInteger)UInt128.MaxValue) continue;
            detail = $"amounts of {g.Key} add up to 2^128 or more";
            return false;
        }
        coins = Coins.Of(list);
        return true;
    }
}
