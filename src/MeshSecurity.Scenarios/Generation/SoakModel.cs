namespace MeshSecurity.Scenarios.Generation;

/// <summary>
/// The soak's stakers as the generator expects them to be, so that most operations it draws are ones the contracts take:
/// bonded tokens per chain and staker, stakes per link, staker and validator, unstakes and when they mature, and the
/// validators that double-signed, were tombstoned or slashed in a storm. It ignores what faults and slashes change (a
/// timed-out stake, a slashed claim): the operations that then come out otherwise are counted as refused, which a soak
/// allows.
/// </summary>
internal sealed class SoakModel(SplitMix64 rng, int chains, List<(int P, int C)> links, Func<int, string> chain)
{
    public const ulong Unit = 1_000_000;

    /// <summary>Every chain's unbonding period in the soak (the scenario sets it): unstakes mature within the run.</summary>
    private const ulong Unbonding = 3600;

    private readonly Dictionary<(int Chain, int Staker), ulong> _bonded = [];
    private readonly Dictionary<(int Link, int Staker), ulong> _claims = [];
    private readonly Dictionary<(int Link, int Staker, int Validator), ulong> _stakes = [];
    private readonly Dictionary<(int Chain, int Staker), ulong> _local = [];
    private readonly List<(int Link, int Staker, ulong Mature)> _unstaked = [];
    private readonly Dictionary<(int Link, int Validator), ulong> _withdrawn = [];
    private readonly HashSet<(int Chain, int Validator)> _signed = [];
    private int _doubleSigns;

    /// <summary>The <paramref name="index"/>th operation, at <paramref name="at"/> seconds, as a step's keys after "action = ".</summary>
    public string Next(ulong at, int index, int ops)
    {
        // a few double-signs spread over the run, each on a chain of its own (a chain keeps two validators of three)
        var doubleSigns = DoubleSigns(ops);
        if (doubleSigns > 0 && _doubleSigns < doubleSigns && index == (_doubleSigns + 1) * ops / (doubleSigns + 1))
        {
            var c = Enumerable.Range(0, chains).Select(i => (rng.Below(chains) + i) % chains).First(x => !_signed.Any(s => s.Chain == x));
            var v = rng.Below(3);
            _signed.Add((c, v));
            _doubleSigns++;
            return $"double-sign, chain = {chain(c)}, validator = val-{v + 1}";
        }
        var l = rng.Below(links.Count);
        var (p, cons) = links[l];
        var s = rng.Below(3);
        var link = $"provider = {chain(p)}, consumer = {chain(cons)}";
        var staker = $"s{s + 1}";
        var bonded = _bonded.GetValueOrDefault((p, s));
        var free = bonded - Math.Max(MaxClaim(p, s), _local.GetValueOrDefault((p, s)));
        switch (rng.Below(12))
        {
            case < 3 or 3 when bonded == 0:
            {
                var amount = Unit * (ulong)rng.Between(10, 50);
                _bonded[(p, s)] = bonded + amount;
                return $"bond, chain = {chain(p)}, account = {staker}, amount = {amount}";
            }
            case < 6 when bonded > _claims.GetValueOrDefault((l, s)) + Unit:
            {
                var v = Live(cons);
                var amount = Unit * (ulong)rng.Between(1, (int)Math.Min(20, (bonded - _claims.GetValueOrDefault((l, s))) / Unit));
                _claims[(l, s)] = _claims.GetValueOrDefault((l, s)) + amount;
                _stakes[(l, s, v)] = _stakes.GetValueOrDefault((l, s, v)) + amount;
                return $"cross-stake, account = {staker}, {link}, validator = val-{v + 1}, amount = {amount}";
            }
            case < 8 when _stakes.Any(x => x.Key.Link == l && x.Key.Staker == s && x.Value >= 2 * Unit):
            {
                var (key, staked) = _stakes.First(x => x.Key.Link == l && x.Key.Staker == s && x.Value >= 2 * Unit);
                var amount = staked / 4;
                _stakes[key] = staked - amount;
                _unstaked.Add((l, s, at + Unbonding + 600));
                return $"unstake, account = {staker}, {link}, validator = val-{key.Validator + 1}, amount = {amount}";
            }
            case 8 when _unstaked.FirstOrDefault(u => u.Mature <= at) is { Mature: > 0 } due:
            {
                _unstaked.Remove(due);
                var (dp, dc) = links[due.Link];
                // the claim goes back: what it held is free again (the generator does not track how much)
                return $"unbond-claims, account = s{due.Staker + 1}, provider = {chain(dp)}, consumer = {chain(dc)}";
            }
            case 9 when _stakes.Any(x => x.Key.Link == l && x.Value > 0):
            {
                var v = _stakes.First(x => x.Key.Link == l && x.Value > 0).Key.Validator;
                _withdrawn[(l, v)] = at;
                return $"withdraw-rewards, {link}, validator = val-{v + 1}";
            }
            case 10 when _withdrawn.Any(w => w.Key.Link == l && w.Value + 600 <= at
                                            && _stakes.GetValueOrDefault((l, s, w.Key.Validator)) > 0):
            {
                var v = _withdrawn.First(w => w.Key.Link == l && w.Value + 600 <= at
                                             && _stakes.GetValueOrDefault((l, s, w.Key.Validator)) > 0)
                    .Key.Validator;
                _withdrawn.Remove((l, v));
                return $"claim-rewards, account = {staker}, {link}, validator = val-{v + 1}";
            }
            case 11 when free >= 2 * Unit:
            {
                var amount = free / 4;
                if (rng.Chance(0.5))
                {
                    _bonded[(p, s)] = bonded - amount;
                    return $"unbond, chain = {chain(p)}, account = {staker}, amount = {amount}";
                }
                _local[(p, s)] = _local.GetValueOrDefault((p, s)) + amount;
                return $"local-stake, chain = {chain(p)}, account = {staker}, validator = val-{Live(p) + 1}, amount = {amount}";
            }
            default:
                return $"send, chain = {chain(p)}, from = {staker}, to = s{1 + rng.Below(3)}, amount = {Unit * (ulong)rng.Between(1, 20)}";
        }
    }

    /// <summary>
    /// A fault that retires validators for good (docs/chaos.md, "Soak"), as a chaos step's keys after "chaos = ": a double-sign
    /// or a tombstone of one validator, or a slash storm of one validator on each of two chains, on chains no double-sign
    /// or retirement touched yet, keeping enough of them for the double-signs still to come; null when too few are left.
    /// </summary>
    public string? Retire(string kind, int ops)
    {
        var count = kind == "econ.slash-storm" ? 2 : 1;
        var free = Enumerable.Range(0, chains).Where(c => !_signed.Any(s => s.Chain == c)).ToList();
        if (free.Count - (DoubleSigns(ops) - _doubleSigns) < count) return null;
        var picked = new List<(int Chain, int Validator)>();
        for (var i = 0; i < count; i++)
        {
            var c = free[rng.Below(free.Count)];
            free.Remove(c);
            picked.Add((c, rng.Below(3)));
        }
        foreach (var v in picked) _signed.Add(v);
        if (kind != "econ.slash-storm") return $"{kind}, chain = {chain(picked[0].Chain)}, validator = val-{picked[0].Validator + 1}";
        var storm = picked.OrderBy(v => v.Chain).Select(v => $"\"{chain(v.Chain)}/val-{v.Validator + 1}\"");
        return $"econ.slash-storm, validators = [{string.Join(", ", storm)}]";
    }

    /// <summary>How many double-sign operations a soak of <paramref name="ops"/> has: a few, each on a chain of its own.</summary>
    private int DoubleSigns(int ops) => Math.Min(chains / 4, ops / 200);

    private ulong MaxClaim(int provider, int staker) =>
        _claims.Where(c => links[c.Key.Link].P == provider && c.Key.Staker == staker).Select(c => c.Value).DefaultIfEmpty(0UL).Max();

    /// <summary>A validator of the chain that did not double-sign (tombstoned validators take no stake).</summary>
    private int Live(int c)
    {
        var v = rng.Below(3);
        return _signed.Contains((c, v)) ? (v + 1) % 3 : v;
    }
}
