using System.Numerics;
using MeshSecurity.Core.Ibc.Transfer;
using MeshSecurity.Core.Math;
using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Parsing;

internal sealed partial class ScenarioBuilder
{
    /// <summary>"ibc:transfer/channel-0/ujuno": the voucher of that denom trace, hashed as ibc-go does.</summary>
    internal const string IbcAlias = "ibc:";

    /// <summary>"voucher:juno": juno's bond denom as a voucher over the transfer channel of the link with juno (known when run).</summary>
    internal const string VoucherAlias = "voucher:";

    /// <summary>Set while reading an expectation that compares with an earlier reading: "equals" is then not read.</summary>
    private bool _comparing;

    /// <summary>Each "id" given so far: the time and key of its expectation.</summary>
    private readonly Dictionary<string, (Duration At, string Path)> _ids = new(StringComparer.Ordinal);

    /// <summary>
    /// "id", and at most one of "equals", "changed-by" (a signed amount) and "same-as" (an earlier id); for a query, "contains"
    /// and "error" count among them. <paramref name="Ok"/> is false when something was reported.
    /// </summary>
    private (string? Id, Comparison? Against, bool Ok) ReadComparison(ObjectReader r, string what, Duration? at)
    {
        var ok = true;
        var given = new[] { "equals", "changed-by", "same-as", "contains", "error" }.Where(r.Has).ToList();
        if (given.Count > 1)
        {
            ctx.Error(r.PathOf(given[1]), $"give one of {string.Join(", ", given)}, not several");
            ok = false;
        }
        string? id = null;
        if (r.Has("id") && r.Name("id", false, "an id") is { } name)
        {
            if (_ids.TryGetValue(name, out var first))
            {
                ctx.Error(r.PathOf("id"), $"duplicate id \"{name}\" (first given at {first.Path})");
                ok = false;
            }
            else if (at is not null) _ids[name] = (at.Value, r.Path);
            id = name;
        }
        if (r.Has("since") && !r.Has("changed-by"))
            ctx.Error(r.PathOf("since"), "since goes with changed-by (the id the change is measured from)");
        // an id alone is a reading kept for later comparisons (docs/scenarios.md, "expect")
        if (id is not null && given.Count == 0) return (id, new Comparison.Recorded(id), ok);
        if (!r.Has("changed-by") && !r.Has("same-as")) return (id, null, ok);
        var refKey = r.Has("changed-by") ? "since" : "same-as";
        BigInteger? delta = null;
        if (r.Has("changed-by") && r.Get("changed-by", true, "") is { } n)
        {
            const string signed = "a signed amount like -300 or +300";
            delta = ctx.Convert(n, signed, TrySigned, out BigInteger d) ? d : null;
            if (!r.Has("since")) r.Missing("since", "the id of the earlier expectation the change is measured from");
        }
        var earlier = r.Name(refKey, false, "an earlier expectation's id");
        if (earlier is null || r.Has("changed-by") && delta is null) return (id, null, false);
        if (!_ids.TryGetValue(earlier, out var e) || e.Path == r.Path)
        {
            ctx.Error(r.PathOf(refKey), $"no earlier expectation has id \"{earlier}\"{Suggestions.DidYouMean(earlier, _ids.Keys)} " +
                                        "(an id must be given by an expectation written before this one)");
            return (id, null, false);
        }
        if (at is { } now && e.At > now)
        {
            ctx.Error(r.PathOf(refKey),
                $"\"{earlier}\" is read at {e.At}, after this expectation ({now}): compare only with an earlier reading");
            return (id, null, false);
        }
        return (id, delta is { } change ? new Comparison.ChangedBy(earlier, change) : new Comparison.SameAs(earlier), ok);
    }

    private static bool TrySigned(string s, out BigInteger value, out string detail)
    {
        value = default;
        var negative = s.StartsWith('-');
        var digits = s.StartsWith('-') || s.StartsWith('+') ? s[1..] : s;
        if (!ValueParsers.TryAmount(digits, null, out var amount, out detail)) return false;
        value = negative ? -(BigInteger)amount.Value : amount.Value;
        return true;
    }

    private Expectation? ReadBalance(ObjectReader r, Duration at)
    {
        string? chain;
        string? holder;
        ContractTarget? target = null;
        if (r.Has("contract") || r.Has("address") || r.Has("fixture"))
        {
            if (r.Has("account")) ctx.Error(r.PathOf("account"), "give one of account, address and contract");
            target = ReadContractTarget(r);
            (chain, holder) = (target?.Chain, target?.ToString());
        }
        else
        {
            chain = ChainRef(r, "chain");
            holder = AccountRef(r, "account", chain);
        }
        var denom = ReadDenom(r, chain);
        var expected = ReadEquals(r, denom is null || denom.StartsWith(VoucherAlias, StringComparison.Ordinal) ? null : denom);
        if (chain is null || holder is null || denom is null || expected is null) return null;
        return new Expectation.Balance(at, chain, holder, denom, expected.Value)
        {
            Address = target is { Role: null, Fixture: null } ? target.Address : null,
            Contract = target is { Role: null, Fixture: null } ? null : target,
        };
    }

    /// <summary>"ibc:PORT/CHANNEL/DENOM" hashed now; "voucher:CHAIN" checked (a link joins the chains) and kept for the run.</summary>
    private string? ReadDenomAlias(ObjectReader r, string? chain, string denom)
    {
        if (denom.StartsWith(IbcAlias, StringComparison.Ordinal))
        {
            var trace = denom[IbcAlias.Length..];
            var parts = trace.Split('/');
            if (parts.Length >= 3 && parts.All(p => p.Length > 0) && ValueParsers.DenomPattern().IsMatch(parts[^1]))
                return TransferModule.VoucherDenom(trace);
            ctx.Error(r.PathOf("denom"),
                $"expected a denom trace like \"ibc:transfer/channel-0/ujuno\" (port/channel/denom), got {HoconNode.Quote(denom)}");
            return null;
        }
        var origin = denom[VoucherAlias.Length..];
        if (!_chains.ContainsKey(origin))
        {
            ctx.Error(r.PathOf("denom"),
                $"unknown chain \"{origin}\" in {HoconNode.Quote(denom)}{Suggestions.DidYouMean(origin, _chainOrder)}");
            return null;
        }
        if (chain is not null && !_links.ContainsKey((chain, origin)) && !_links.ContainsKey((origin, chain)))
        {
            ctx.Error(r.PathOf("denom"), $"no link joins {chain} and {origin}, so no transfer channel carries {origin}'s denom to {chain}");
            return null;
        }
        return denom;
    }

    private Expectation? ReadQuery(ObjectReader r, Duration at)
    {
        var target = ReadContractTarget(r);
        var msg = ReadJsonMessage(r, "msg", target);
        var path = r.Text("path", false, "a JSON path like \"claims[0].amount\"") ?? "";
        if (path.Length > 0 && !JsonPaths.TryParse(path, out _, out var why))
        {
            ctx.Error(r.PathOf("path"), $"expected a JSON path like \"claims[0].amount\", got {HoconNode.Quote(path)} ({why})");
            return null;
        }
        string? expected = null;
        var partial = r.Has("contains");
        ErrorExpectation? error = null;
        if (r.Node("error") is { } e)
        {
            error = ReadErrorExpectation(e, fieldsAllowed: false);
            if (error is null) return null;
        }
        else if (r.Node(partial ? "contains" : "equals") is { Kind: HoconNodeKind.Null })
            expected = "null";
        else if (r.Node(partial ? "contains" : "equals") is { } v)
        {
            // the value may name addresses as the message does ("@alice", "@provider")
            if (ReadJson(v) is not { } json || !CheckReferences(json, v.Path, target)) return null;
            expected = json.ToJsonString();
        }
        else if (!_comparing)
        {
            r.Missing("equals", "the value expected (equals, or contains for a partial match), error, changed-by or same-as");
            return null;
        }
        return target is null || msg is null ? null : new Expectation.Query(at, target, msg, path, expected, partial, error);
    }
}
