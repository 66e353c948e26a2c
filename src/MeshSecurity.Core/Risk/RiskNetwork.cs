using System.Numerics;
using MeshSecurity.Core.Invariants;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Risk;

/// <summary>
/// The working copy <see cref="RestakingRisk"/> plays the cascade on: every consumer validator that counts (bonded, not
/// jailed) with its tokens and the cross-stake behind it per link and owner, and every provider owner's bonded
/// collateral and claims. Removing a validator slashes what backs it on the providers; an owner's collateral that falls
/// below a claim cuts that claim, and the stakes under it, in proportion, lowering the tokens of the validators they back
/// (meta-staking undelegates what the provider's Burn removes).
/// </summary>
internal sealed class RiskNetwork
{
    internal sealed class Node(string chain, Addr op, Amount tokens)
    {
        public string Chain { get; } = chain;
        public Addr Operator { get; } = op;
        public Amount Tokens { get; set; } = tokens;
        public Dictionary<(int Link, Addr Owner), Amount> Cross { get; } = [];
        public bool Removed { get; set; }
    }

    private sealed class Collateral(Amount bonded)
    {
        public Amount Bonded { get; set; } = bonded;
        public Dictionary<int, Amount> Claims { get; } = [];
    }

    private readonly List<LinkRisk> _links;
    private readonly Dictionary<string, Dec> _doubleSign = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Provider, Addr Owner), Collateral> _collateral = [];

    private RiskNetwork(List<LinkRisk> links) => _links = links;

    public List<Node> Nodes { get; } = [];

    /// <summary>The consumer chains of the links, in name order.</summary>
    public List<string> Consumers => [.. _links.Select(l => l.Consumer).Distinct().Order(StringComparer.Ordinal)];

    public static RiskNetwork Of(MeshSnapshot s, RiskSettings settings)
    {
        var links = settings.Links.Where(l => s.Chain(l.Consumer) is not null).OrderBy(l => l.Consumer, StringComparer.Ordinal)
            .ThenBy(l => l.Provider, StringComparer.Ordinal).ToList();
        var net = new RiskNetwork(links);
        var byOperator = new Dictionary<(string, string), Node>();
        foreach (var chain in links.Select(l => l.Consumer).Distinct())
        {
            var state = s.Chain(chain)!;
            net._doubleSign[chain] = state.Config.DoubleSignSlashFraction;
            foreach (var v in state.Staking.Validators.Values.Where(RestakingRisk.Counts).OrderBy(v => v.Operator.Value, StringComparer.Ordinal))
                net.Nodes.Add(byOperator[(chain, v.Operator.Value)] = new Node(chain, v.Operator, v.Tokens));
        }
        for (var i = 0; i < links.Count; i++)
        {
            if (s.Links.FirstOrDefault(l => l.ProviderChain == links[i].Provider && l.ConsumerChain == links[i].Consumer) is not { } view)
                continue;
            foreach (var account in view.Accounts)
            {
                var owner = net.Owner(s, links[i].Provider, account.Owner);
                owner.Claims[i] = owner.Claims.GetValueOrDefault(i) + account.Exposure;
                foreach (var stake in account.Account.Staked)
                    if (byOperator.TryGetValue((links[i].Consumer, stake.Validator), out var node))
                        node.Cross[(i, account.Owner)] = node.Cross.GetValueOrDefault((i, account.Owner)) + stake.Tokens;
            }
        }
        return net;
    }

    private Collateral Owner(MeshSnapshot s, string provider, Addr owner)
    {
        if (_collateral.TryGetValue((provider, owner), out var c)) return c;
        var bonded = s.Lockups.FirstOrDefault(l => l.Chain == provider && l.Owner == owner)?.Balance.Bonded ?? Amount.Zero;
        return _collateral[(provider, owner)] = new Collateral(bonded);
    }

    public IEnumerable<Node> Live(string chain) => Nodes.Where(n => n.Chain == chain && !n.Removed);

    public Amount Power(string chain) => Live(chain).Aggregate(Amount.Zero, (a, n) => a + n.Tokens);

    /// <summary>What a double-sign would slash: the chain's share of the validator's tokens, and the providers' of its cross-stake.</summary>
    public Amount Sigma(Node n) =>
        n.Cross.Aggregate(n.Tokens.MulFloor(_doubleSign[n.Chain]),
            (a, kv) => a + kv.Value.MulFloor(_links[kv.Key.Link].SlashFraction).MulFloor(_links[kv.Key.Link].Rate));

    /// <summary>
    /// σ in provider tokens at the rate of the chain's first link, in atomics (10^-18), so that chains add up; unbounded,
    /// as a tiny rate makes a consumer token worth many provider tokens.
    /// </summary>
    public BigInteger Value(Node n) =>
        (BigInteger)Sigma(n).Value * Dec.AtomicsPerUnit * Dec.AtomicsPerUnit / _links.First(l => l.Consumer == n.Chain).Rate.Atomics;

    public BigInteger TotalValue() => Nodes.Where(n => !n.Removed).Aggregate(BigInteger.Zero, (a, n) => a + Value(n));

    /// <summary>A validator double-signs: it is out, and the providers slash the collateral behind it.</summary>
    public void Remove(Node n)
    {
        n.Removed = true;
        foreach (var ((link, owner), x) in n.Cross)
        {
            var c = _collateral[(_links[link].Provider, owner)];
            var burned = x.MulFloor(_links[link].SlashFraction);
            c.Bonded = c.Bonded.SaturatingSub(burned);
            c.Claims[link] = c.Claims.GetValueOrDefault(link).SaturatingSub(x);
            Cut(owner, c);
        }
    }

    /// <summary>Each claim of the owner above its bonded collateral falls to it, and the stakes under it in proportion.</summary>
    private void Cut(Addr owner, Collateral c)
    {
        foreach (var (link, claim) in c.Claims.Where(kv => kv.Value > c.Bonded).ToList())
        {
            c.Claims[link] = c.Bonded;
            foreach (var node in Nodes.Where(n => !n.Removed && n.Cross.ContainsKey((link, owner))))
            {
                var x = node.Cross[(link, owner)];
                var kept = x.MultiplyRatio(c.Bonded, claim);
                node.Cross[(link, owner)] = kept;
                node.Tokens = node.Tokens.SaturatingSub((x - kept).MulFloor(_links[link].Rate));
            }
        }
    }
}
