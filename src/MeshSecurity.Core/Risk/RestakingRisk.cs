using System.Collections.Immutable;
using System.Numerics;
using MeshSecurity.Core.Invariants;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Staking;

namespace MeshSecurity.Core.Risk;

/// <summary>
/// The restaking risk of a mesh, read from its state, after Durvasula and Roughgarden's "Robust restaking networks": each
/// consumer chain is a service, each of its bonded validators a node whose stake σ is what a double-sign would slash:
/// its tokens × the chain's double-sign fraction, plus, for the cross-stake on it, the provider's slash (stake ×
/// the link's slash fraction) valued in consumer tokens at the link's rate. Corrupting a chain takes a coalition with
/// the threshold of its power; its cost is the coalition's σ. The cascade starts from a shock that slashes the largest
/// validators up to a share ψ of all σ, then repeatedly lets every chain whose cost fell below its profit be corrupted;
/// unlike the paper's model, a slash here also burns the provider collateral shared with other consumers, cutting the
/// stake behind their validators (docs/report.md, "Restaking risk", says what the model assumes).
/// </summary>
public static class RestakingRisk
{
    /// <summary>Coalitions are searched exhaustively up to this many validators on a chain, greedily above.</summary>
    public const int ExactUpTo = 16;

    public static RiskAssessment Assess(MeshSnapshot s, RiskSettings settings)
    {
        var net = RiskNetwork.Of(s, settings);
        var chains = net.Consumers.Select(c => Exposure(net, c, settings)).ToImmutableArray();
        var slacks = chains.Where(c => c.Profit is not null).ToList();
        Dec? slack = slacks.Count > 0 && slacks.All(c => c.Secure == true) ? slacks.Min(c => c.Slack!.Value) : null;
        var (loss, steps) = Cascade(net, settings);
        Dec? bound = slack is { IsZero: false } g ? (Dec.One + Dec.One / g) * settings.Shock : null;
        return new RiskAssessment(chains, slack, settings.Shock, loss, bound, bound is { } b ? loss <= b : null, steps);
    }

    private static ChainRisk Exposure(RiskNetwork net, string chain, RiskSettings settings)
    {
        var (cost, coalition, exact) = Cheapest(net, chain, settings.Threshold);
        var power = net.Power(chain);
        if (!settings.Profits.TryGetValue(chain, out var profit))
            return new ChainRisk(chain, power, cost, coalition, exact, null, null, null);
        var secure = cost > profit;
        Dec? slack = profit.IsZero ? null : secure ? Ratio(cost, profit) - Dec.One : Dec.Zero;
        return new ChainRisk(chain, power, cost, coalition, exact, profit, secure, slack);
    }

    /// <summary>The cheapest set of the chain's live validators holding the threshold of its power, and what it costs.</summary>
    private static (Amount Cost, ImmutableArray<string> Coalition, bool Exact) Cheapest(RiskNetwork net, string chain, Dec? threshold)
    {
        var nodes = net.Live(chain).Where(n => !n.Tokens.IsZero).OrderBy(n => n.Operator.Value, StringComparer.Ordinal).ToList();
        var total = nodes.Aggregate(Amount.Zero, (a, n) => a + n.Tokens);
        if (nodes.Count == 0) return (Amount.Zero, [], true);
        bool Enough(Amount power) => threshold is { } t ? power >= total.MulCeil(t) : (BigInteger)power.Value * 3 >= (BigInteger)total.Value;
        var sigma = nodes.Select(net.Sigma).ToList();
        if (nodes.Count <= ExactUpTo)
        {
            (Amount Cost, int Mask)? best = null;
            for (var mask = 1; mask < 1 << nodes.Count; mask++)
            {
                var (cost, power) = (Amount.Zero, Amount.Zero);
                for (var i = 0; i < nodes.Count; i++)
                    if ((mask & (1 << i)) != 0) (cost, power) = (cost + sigma[i], power + nodes[i].Tokens);
                if (Enough(power) && (best is null || cost < best.Value.Cost)) best = (cost, mask);
            }
            var chosen = Enumerable.Range(0, nodes.Count).Where(i => (best!.Value.Mask & (1 << i)) != 0);
            return (best!.Value.Cost, [.. chosen.Select(i => nodes[i].Operator.Value)], true);
        }
        // greedy: least slashable stake per unit of power first (exact when every validator's σ is the same share of its power)
        var order = Enumerable.Range(0, nodes.Count).OrderBy(i => i, Comparer<int>.Create((a, b) =>
            ((BigInteger)sigma[a].Value * nodes[b].Tokens.Value).CompareTo((BigInteger)sigma[b].Value * nodes[a].Tokens.Value))).ToList();
        var (sum, held, picked) = (Amount.Zero, Amount.Zero, new List<string>());
        foreach (var i in order)
        {
            if (Enough(held)) break;
            (sum, held) = (sum + sigma[i], held + nodes[i].Tokens);
            picked.Add(nodes[i].Operator.Value);
        }
        return (sum, [.. picked], false);
    }

    /// <summary>The shock, then every corruption that became profitable, until none does; the share of σ lost and the steps.</summary>
    private static (Dec Loss, ImmutableArray<CascadeStep> Steps) Cascade(RiskNetwork net, RiskSettings settings)
    {
        var total = net.TotalValue();
        if (total.IsZero) return (Dec.Zero, []);
        var steps = ImmutableArray.CreateBuilder<CascadeStep>();
        var budget = total * settings.Shock.Atomics / Dec.AtomicsPerUnit;
        var shocked = BigInteger.Zero;
        foreach (var n in net.Nodes.OrderByDescending(n => net.Value(n)).ThenBy(n => n.Operator.Value, StringComparer.Ordinal).ToList())
        {
            var value = net.Value(n);
            if (value.IsZero || shocked + value > budget) continue;
            shocked += value;
            steps.Add(new CascadeStep(n.Chain, [n.Operator.Value], net.Sigma(n), null));
            net.Remove(n);
        }
        var attacked = new HashSet<string>(StringComparer.Ordinal);
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var chain in net.Consumers.Where(c => !attacked.Contains(c) && settings.Profits.ContainsKey(c)))
            {
                var (cost, coalition, _) = Cheapest(net, chain, settings.Threshold);
                if (coalition.IsEmpty || cost >= settings.Profits[chain]) continue;
                attacked.Add(chain);
                changed = true;
                steps.Add(new CascadeStep(chain, coalition, cost, settings.Profits[chain]));
                foreach (var op in coalition) net.Remove(net.Live(chain).First(n => n.Operator.Value == op));
            }
        }
        var lost = BigInteger.Max(BigInteger.Zero, total - net.TotalValue());
        return (Dec.FromAtomics((UInt128)(lost * Dec.AtomicsPerUnit / total)), steps.ToImmutable());
    }

    /// <summary>cost / profit, floored to 18 digits; at most the largest decimal (a profit of 1 against a vast stake).</summary>
    private static Dec Ratio(Amount cost, Amount profit)
    {
        var atomics = (BigInteger)cost.Value * Dec.AtomicsPerUnit / profit.Value;
        return atomics > (BigInteger)UInt128.MaxValue ? Dec.MaxValue : Dec.FromAtomics((UInt128)atomics);
    }

    /// <summary>Whether a validator counts toward its chain's power: bonded and not jailed.</summary>
    internal static bool Counts(Validator v) => v.Status == BondStatus.Bonded && !v.Jailed;
}
