using System.Text.Json.Nodes;
using Akka.Actor;
using MeshSecurity.Core;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Ibc.Transfer;
using MeshSecurity.Core.Mesh;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using MeshSecurity.Emulator.Chains;
using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Reporting;

namespace MeshSecurity.Scenarios.Running;

public sealed partial class ScenarioRunner
{
    /// <summary>An execute step (an account's message to a contract) or a sudo step (governance's): chain, signer, message.</summary>
    private (string Chain, Addr Signer, CosmosMsg Msg) ContractStep(ScenarioStep step) => step switch
    {
        ScenarioStep.Execute s => (s.Contract.Chain, s.AsFixture ? _fixtures[s.Sender] : Account(s.Contract.Chain, s.Sender),
            new CosmosMsg.WasmExecute(ContractAddress(s.Contract), ResolveMessage(s.Msg, s.Contract), s.Funds)),
        ScenarioStep.Sudo s => (s.Contract.Chain, ModuleAccounts.Gov(_scenario.Chain(s.Contract.Chain).Prefix),
            new CosmosMsg.WasmSudo(ContractAddress(s.Contract), ResolveMessage(s.Msg, s.Contract))),
        _ => throw new InvalidOperationException($"{step.Action} is not a contract step"),
    };

    /// <summary>The address of a contract named by role and link (or chain), or a fixture's, or given as is.</summary>
    private Addr ContractAddress(ContractTarget t)
    {
        if (t.Fixture is { } fixture) return _fixtures[fixture];
        if (t.Role is not { } role) return new Addr(t.Address!);
        if (t.Provider is null && role is ContractRole.Lockup) return Lockup(t.Chain);
        if (t.Provider is null && role is ContractRole.MetaStaking) return MetaStaking(t.Chain);
        var link = t.Provider is not null ? Link(t.Provider, t.Consumer!)
            : _links.Values.Where(l => ContractTarget.OnProvider(role) ? l.ProviderChain == t.Chain : l.ConsumerChain == t.Chain)
                .OrderBy(l => l.ProviderChain + "/" + l.ConsumerChain, StringComparer.Ordinal).First();
        return role switch
        {
            ContractRole.Lockup => link.Lockup,
            ContractRole.Provider => link.Provider,
            ContractRole.Slasher => link.Slasher,
            ContractRole.Consumer => link.Consumer,
            _ => link.MetaStaking,
        };
    }

    /// <summary>The message with its references ("@alice", "@provider", ...) replaced by addresses and "@@" by "@".</summary>
    private string ResolveMessage(string json, ContractTarget target) => Resolve(JsonNode.Parse(json), target)?.ToJsonString() ?? "null";

    private JsonNode? Resolve(JsonNode? node, ContractTarget target) => node switch
    {
        JsonObject o => new JsonObject(o.Select(kv => KeyValuePair.Create(kv.Key, Resolve(kv.Value, target)))),
        JsonArray a => new JsonArray([.. a.Select(x => Resolve(x, target))]),
        JsonValue v when v.TryGetValue(out string? s) && s.StartsWith('@') => JsonValue.Create(Reference(s, target)),
        _ => node?.DeepClone(),
    };

    private string Reference(string text, ContractTarget target)
    {
        if (!MessageReference.IsReference(text)) return text[1..];
        var r = MessageReference.Parse(text, out var error) ?? throw new InvalidOperationException(error);
        var chain = _scenario.Chain(r.Chain ?? target.Chain);
        return r.Kind switch
        {
            MessageReference.Of.Contract => ContractAddress(RoleOnLink(MessageReference.Roles[r.Name], target)).Value,
            MessageReference.Of.Fixture => _fixtures[r.Name].Value,
            MessageReference.Of.Account => ScenarioAddresses.Account(chain, r.Name).Value,
            MessageReference.Of.Validator => ScenarioAddresses.Validator(chain, r.Name).Value,
            _ when chain.Account(r.Name) is not null => ScenarioAddresses.Account(chain, r.Name).Value,
            _ => ScenarioAddresses.Validator(chain, r.Name).Value,
        };
    }

    /// <summary>The contract of <paramref name="role"/> on the link of <paramref name="target"/> (or of its chain's only link).</summary>
    private ContractTarget RoleOnLink(ContractRole role, ContractTarget target)
    {
        var link = target.Provider is not null ? Link(target.Provider, target.Consumer!)
            : _links.Values.Where(l => l.ProviderChain == target.Chain || l.ConsumerChain == target.Chain)
                .OrderBy(l => l.ProviderChain + "/" + l.ConsumerChain, StringComparer.Ordinal).FirstOrDefault();
        // a chain with no link: its lockup or meta-staking fixture
        if (link is null) return new ContractTarget(target.Chain, role, null, null, null);
        var home = ContractTarget.OnProvider(role) ? link.ProviderChain : link.ConsumerChain;
        return new ContractTarget(home, role, link.ProviderChain, link.ConsumerChain, null);
    }

    /// <summary>
    /// Runs a query expectation: the answer (as wire JSON) at its path compared with the value expected (exactly or in
    /// part), or the query's error with the error expected, or the value with an earlier reading.
    /// </summary>
    private async Task<RunReport.ExpectationInfo> EvaluateQuery(int index, Expectation.Query q)
    {
        var target = $"{q.Contract} query {Shorten(q.Msg)}{(q.JsonPath.Length > 0 ? " at " + q.JsonPath : "")}";
        ChainReply.QueryResult answer;
        try
        {
            var msg = ResolveMessage(q.Msg, q.Contract);
            answer = await _net.QueryResultAsync(q.Contract.Chain, ContractAddress(q.Contract), msg);
        }
        catch (Exception ex) when (ex is InvalidOperationException or KeyNotFoundException or System.Text.Json.JsonException)
        {
            return Judged(index, q, target, Wanted(q), null, ex.Message, false);
        }
        if (q.Error is { } error)
            return Judged(index, q, target, error.ToString(), null, answer.Error ?? "success: " + Shorten(Json(answer.Result)),
                answer.Error is { } text && error.Matches(text));
        if (answer.Error is { } failed) return Judged(index, q, target, Wanted(q), null, failed, false);
        var (value, missing) = JsonPaths.Select(JsonNode.Parse(Json(answer.Result)), q.JsonPath);
        if (missing is not null) return Judged(index, q, target, Wanted(q), null, missing, false);
        var actual = value?.ToJsonString() ?? "null";
        if (q.Against is not null) return Compared(index, q, target, actual);
        var ok = JsonMatch.Matches(JsonNode.Parse(ResolveMessage(q.ExpectedJson!, q.Contract)), value, q.Partial);
        return Judged(index, q, target, Wanted(q), actual, actual, ok);
    }

    private static string Wanted(Expectation.Query q) => q.Error?.ToString() ?? (q.Partial ? "contains " : "") + (q.ExpectedJson ?? "");

    private static string Json(object? result) => result is null ? "null" : Wire.ToJson(result);

    private static string Shorten(string text) => text.Length > 120 ? text[..120] + "..." : text;

    /// <summary>
    /// <paramref name="chain"/>'s voucher of the bond denom of <paramref name="origin"/>: the trace is the transfer channel's
    /// end on <paramref name="chain"/>, of the link that joins the two chains (either way).
    /// </summary>
    private string Voucher(string chain, string origin)
    {
        var link = _links.Values.First(l =>
            (l.ProviderChain, l.ConsumerChain) == (chain, origin) || (l.ProviderChain, l.ConsumerChain) == (origin, chain));
        var ends = link.TransferEnds;
        var (port, channel) = ends.ChainA == chain ? (ends.PortA, ends.ChannelA) : (ends.PortB, ends.ChannelB);
        return TransferModule.VoucherDenom(port, channel, _scenario.Chain(origin).Denom);
    }
}
