using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using MeshSecurity.Core.Types;
using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Parsing;

internal sealed partial class ScenarioBuilder
{
    /// <summary>The keys that name a contract: a role and its link or chain, an address on a chain, or a fixture.</summary>
    internal static readonly string[] ContractKeys = ["contract", "provider", "consumer", "chain", "address", "fixture"];

    private ScenarioStep? ReadContractStep(ObjectReader r, string action, Duration at)
    {
        var target = ReadContractTarget(r);
        var actor = action == "execute" && r.Has("as") ? ActingAs(r, target) : null;
        var sender = action != "execute" ? null : r.Has("as") ? actor?.Name : AccountRef(r, "sender", target?.Chain);
        Coins? funds = Coins.Empty;
        if (action == "execute" && r.Node("funds") is { } f)
            funds = ReadCoins(f, target is null ? ValueParsers.AnyDenom : DenomOf(target.Chain));
        var msg = ReadJsonMessage(r, "msg", target);
        if (target is null || msg is null || funds is null) return null;
        if (action == "sudo") return new ScenarioStep.Sudo(at, target, msg);
        return sender is null ? null : new ScenarioStep.Execute(at, sender, target, msg, funds) { AsFixture = actor is not null };
    }

    /// <summary>"as": the fixture an execute step acts as, instead of an account ("sender"); it must live on the target's chain.</summary>
    private ScenarioFixture? ActingAs(ObjectReader r, ContractTarget? target)
    {
        if (r.Has("sender")) ctx.Error(r.PathOf("as"), "give either sender (an account) or as (a fixture), not both");
        var fixture = FixtureRef(r, "as");
        if (fixture is null || target is null || fixture.Chain == target.Chain) return fixture;
        ctx.Error(r.PathOf("as"), $"fixture {fixture.Name} lives on {fixture.Chain}, so it can send only to contracts of " +
                                  $"{fixture.Chain}, not of {target.Chain}");
        return null;
    }

    /// <summary>
    /// A contract named by "contract" (a role) and its link ("provider", "consumer"), or by its chain alone when that names
    /// one contract of the role; or by "address" on "chain".
    /// </summary>
    private ContractTarget? ReadContractTarget(ObjectReader r)
    {
        if (r.Has("fixture")) return ReadFixtureTarget(r);
        if (r.Has("address"))
        {
            if (r.Has("contract")) ctx.Error(r.PathOf("address"), "give either contract (a role) or address, not both");
            var chain = ChainRef(r, "chain");
            var address = r.Text("address", true, "a contract address");
            if (chain is null || address is null) return null;
            var prefix = _chains[chain].Prefix;
            if (prefix is not null && !IsAddress(address, prefix))
            {
                ctx.Error(r.PathOf("address"),
                    $"expected an address of {chain} (bech32 with prefix \"{prefix}\"), got {HoconNode.Quote(address)}");
                return null;
            }
            return new ContractTarget(chain, null, null, null, address);
        }
        var role = r.Choice("contract", true, MessageReference.Roles, "contract role");
        if (role is not { } known) return null;
        if (r.Has("provider") || r.Has("consumer"))
        {
            var (p, c, linked) = LinkRef(r);
            if (!linked) return null;
            var home = ContractTarget.OnProvider(known) ? p! : c!;
            if (r.Has("chain") && ChainRef(r, "chain") is { } given && given != home)
            {
                ctx.Error(r.PathOf("chain"),
                    $"the link's {ContractTarget.RoleName(known)} is on {home}: chain must be {home} (or left out)");
                return null;
            }
            return new ContractTarget(home, known, p, c, null);
        }
        if (!r.Has("chain"))
        {
            r.Missing("provider", $"provider and consumer naming the link of the {ContractTarget.RoleName(known)}, or its chain");
            return null;
        }
        var on = ChainRef(r, "chain");
        if (on is null) return null;
        var links = _linkOrder.Where(l => (ContractTarget.OnProvider(known) ? l.Provider : l.Consumer) == on).ToList();
        var side = ContractTarget.OnProvider(known) ? "provider" : "consumer";
        if (links.Count == 0 && (known is ContractRole.Lockup && _lockupChains.Contains(on) ||
                                 known is ContractRole.MetaStaking && _metaStakingFixtureChains.Contains(on)))
            return new ContractTarget(on, known, null, null, null);
        if (links.Count == 0)
        {
            ctx.Error(r.PathOf("chain"), $"no link has {on} as its {side}, so it has no {ContractTarget.RoleName(known)}");
            return null;
        }
        if (known is ContractRole.Lockup or ContractRole.MetaStaking) return new ContractTarget(on, known, null, null, null);
        if (links.Count > 1)
        {
            ctx.Error(r.PathOf("chain"), $"{on} is the {side} of {links.Count} links, each with its own " +
                                         $"{ContractTarget.RoleName(known)}: name the link with provider and consumer");
            return null;
        }
        return new ContractTarget(on, known, links[0].Provider, links[0].Consumer, null);
    }

    /// <summary>"fixture": a test fixture's contract, by name; "chain" may repeat its chain, no other naming key is allowed.</summary>
    private ContractTarget? ReadFixtureTarget(ObjectReader r)
    {
        foreach (var key in new[] { "contract", "address", "provider", "consumer" }.Where(r.Has))
            ctx.Error(r.PathOf(key), $"the contract is named by fixture already: {key} does not go with it");
        if (FixtureRef(r, "fixture") is not { } fixture) return null;
        if (r.Has("chain") && ChainRef(r, "chain") is { } given && given != fixture.Chain)
        {
            ctx.Error(r.PathOf("chain"), $"fixture {fixture.Name} is on {fixture.Chain}: chain must be {fixture.Chain} (or left out)");
            return null;
        }
        return new ContractTarget(fixture.Chain, null, null, null, null, fixture.Name);
    }

    private static bool IsAddress(string text, string prefix)
    {
        try
        {
            Addr.Validate(text, prefix);
            return true;
        }
        catch (Core.Errors.MeshException)
        {
            return false;
        }
    }

    /// <summary>
    /// A JSON message: a string holding JSON, or a HOCON object (every value becomes a JSON string but true, false and
    /// null, since amounts are strings on the wire). Its references ("@alice") are checked against the scenario.
    /// </summary>
    private string? ReadJsonMessage(ObjectReader r, string key, ContractTarget? target, bool required = true)
    {
        if (r.Get(key, required, "a JSON message (an object { ... } or a string of JSON)") is not { } node) return null;
        var json = ReadJson(node);
        if (json is null) return null;
        return CheckReferences(json, node.Path, target) ? json.ToJsonString() : null;
    }

    /// <summary>A JSON value written as HOCON (an object, a list or a scalar) or as a string of JSON ("{...}" or "[...]").</summary>
    private JsonNode? ReadJson(HoconNode node)
    {
        switch (node.Kind)
        {
            case HoconNodeKind.Object:
                return new JsonObject(node.Fields.Select(kv =>
                    KeyValuePair.Create(kv.Key, ReadJson(new HoconNode(kv.Value, KeyPath.Child(node.Path, kv.Key))))));
            case HoconNodeKind.List:
                return new JsonArray([.. node.Elements.Select(ReadJson)]);
            case HoconNodeKind.Null:
                return null;
            case HoconNodeKind.Text:
            {
                var text = node.Text;
                var trimmed = text.TrimStart();
                if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
                {
                    try
                    {
                        return JsonNode.Parse(text);
                    }
                    catch (JsonException e)
                    {
                        var shown = HoconNode.Quote(text.Length > 60 ? text[..60] + "..." : text);
                        ctx.Error(node.Path, $"expected JSON, got {shown} ({e.Message})");
                        return null;
                    }
                }
                return text switch { "true" => JsonValue.Create(true), "false" => JsonValue.Create(false), _ => JsonValue.Create(text) };
            }
            default:
                ctx.Error(node.Path, $"expected a JSON value, got {node.Describe()}");
                return null;
        }
    }

    /// <summary>Checks that every reference in <paramref name="json"/> names something of the scenario (reported at the key).</summary>
    private bool CheckReferences(JsonNode json, string path, ContractTarget? target)
    {
        var ok = true;
        foreach (var text in Strings(json).Where(MessageReference.IsReference))
        {
            var reference = MessageReference.Parse(text, out var error);
            var problem = reference is null ? error : ReferenceProblem(reference, text, target);
            if (problem is null) continue;
            ctx.Error(path, problem);
            ok = false;
        }
        return ok;
    }

    private string? ReferenceProblem(MessageReference reference, string text, ContractTarget? target)
    {
        var chain = reference.Chain ?? target?.Chain;
        if (reference.Kind == MessageReference.Of.Fixture)
            return _fixtures.ContainsKey(reference.Name)
                ? null
                : $"\"{text}\": unknown fixture \"{reference.Name}\"{Suggestions.DidYouMean(reference.Name, _fixtures.Keys)}; the " +
                  $"fixtures are: {ListOf(_fixtures.Keys, "(none)")}";
        if (reference.Kind == MessageReference.Of.Contract)
        {
            if (target is null) return null;
            var role = MessageReference.Roles[reference.Name];
            // a chain's own lockup or meta-staking fixture, when no link gives it one
            if (role is ContractRole.Lockup && !_linkOrder.Any(l => l.Provider == target.Chain) && _lockupChains.Contains(target.Chain) ||
                role is ContractRole.MetaStaking && _metaStakingFixtureChains.Contains(target.Chain))
                return null;
            var links = _linkOrder.Where(l => target.Provider is not null ? l == (target.Provider, target.Consumer)
                : l.Provider == target.Chain || l.Consumer == target.Chain).Distinct().ToList();
            return links.Count == 1 || links.Count > 1 && (role is ContractRole.Lockup && links.All(l => l.Provider == target.Chain) ||
                                                           role is ContractRole.MetaStaking && links.All(l => l.Consumer == target.Chain))
                ? null
                : $"\"{text}\": the contract is named by {NamedBy(target)}, so which link's " +
                  $"{reference.Name} is meant is not known: write its address, or name the contract by its link";
        }
        if (chain is null) return null;
        if (!_chains.TryGetValue(chain, out var entry))
            return $"\"{text}\": unknown chain \"{chain}\"{Suggestions.DidYouMean(chain, _chainOrder)}";
        var (accounts, validators) = (entry.Accounts.Contains(reference.Name), entry.Validators.Contains(reference.Name));
        return reference.Kind switch
        {
            MessageReference.Of.Member when accounts && validators =>
                $"\"{text}\": {reference.Name} is both an account and a validator of {chain}: " +
                $"write @account:{reference.Name} or @validator:{reference.Name}",
            MessageReference.Of.Member when !accounts && !validators =>
                $"\"{text}\": no account or validator \"{reference.Name}\" on {chain}" +
                $"{Suggestions.DidYouMean(reference.Name, entry.Accounts.Concat(entry.Validators))}",
            MessageReference.Of.Account when !accounts && !_expectingError =>
                $"\"{text}\": unknown account \"{reference.Name}\" on {chain}{Suggestions.DidYouMean(reference.Name, entry.Accounts)} " +
                "(a name that is not on the chain is allowed only where an error is expected)",
            MessageReference.Of.Validator when !validators && !_expectingError =>
                $"\"{text}\": unknown validator \"{reference.Name}\" on {chain}" +
                $"{Suggestions.DidYouMean(reference.Name, entry.Validators)} " +
                "(a name that is not on the chain is allowed only where an error is expected)",
            _ => null,
        };
    }

    private static string NamedBy(ContractTarget t) => t.Fixture is not null ? "fixture" : t.Role is null ? "address" : "chain";

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(kv => Strings(kv.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue(out string? s) => [s],
        _ => [],
    };

    /// <summary>Set while reading a step or expectation that expects an error: names not on the chain are then allowed.</summary>
    private bool _expectingError;

    /// <summary>
    /// "expect-error" (or a query's "error"): a kind ("ClaimsLocked", or "lockup:ClaimsLocked" to pin the codespace), or an
    /// object with "kind", optionally "message" (a substring) and the kind's fields.
    /// </summary>
    private ErrorExpectation? ReadErrorExpectation(HoconNode node, bool fieldsAllowed)
    {
        HoconNode kindNode;
        ObjectReader? o = null;
        if (node.Kind == HoconNodeKind.Object)
        {
            o = ctx.Object(node, "an error", "kind", "message");
            if (o?.Get("kind", true, "an error kind") is not { } k) return null;
            kindNode = k;
        }
        else kindNode = node;
        var text = ctx.Text(kindNode, "an error kind like \"ClaimsLocked\" or \"lockup:ClaimsLocked\"");
        if (text is null) return null;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var (codespace, kind) = colon < 0 ? (null, text) : (text[..colon], text[(colon + 1)..]);
        var infos = ErrorKinds.Named(kind, codespace).ToList();
        if (infos.Count == 0 && codespace is not null && ErrorKinds.Named(kind).Select(i => i.Codespace).ToList() is [var first, ..] others)
        {
            // the kind exists, in another family: say which, rather than calling a well-known kind unknown
            var families = others.Count == 1 ? first : $"{string.Join(", ", others[..^1])} or {others[^1]}";
            ctx.Error(kindNode.Path, $"{kind} is not a {codespace} error but a {families} one " +
                                     $"(did you mean \"{first}:{kind}\"?)");
            return null;
        }
        if (infos.Count == 0)
        {
            ctx.Error(kindNode.Path, $"unknown error kind {HoconNode.Quote(text)}{Suggestions.DidYouMean(text, ErrorKinds.Names)}; " +
                                     "the kinds are Core's errors (docs/scenarios.md lists them)");
            return null;
        }
        string? message = null;
        var fields = new List<ErrorField>();
        if (o is not null)
        {
            message = o.Text("message", false, "a part of the error's message");
            var known = infos.SelectMany(i => i.Fields.Select(f => f.Key)).Distinct().ToArray();
            foreach (var key in o.Keys.Where(k => k is not ("kind" or "message")))
            {
                if (!known.Contains(key)) continue;
                if (!fieldsAllowed)
                {
                    ctx.Error(o.PathOf(key), "a query's error is known by its text only: check it with kind and message");
                    continue;
                }
                if (o.Text(key, true, "the field's value") is { } value) fields.Add(new ErrorField(key, value));
            }
            o.Allow(known);
            o.Finish($"in a {kind} error (its fields: {(known.Length == 0 ? "none" : string.Join(", ", known))})");
        }
        return new ErrorExpectation(kind, codespace, message, [.. fields]);
    }
}
