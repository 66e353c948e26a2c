using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Parsing;

internal sealed partial class ScenarioBuilder
{
    /// <summary>Every action and the keys it takes besides "at" and "action".</summary>
    internal static readonly IReadOnlyDictionary<string, string[]> StepKeys = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["bond"] = ["chain", "account", "amount"],
        ["unbond"] = ["chain", "account", "amount"],
        ["cross-stake"] = ["account", "provider", "consumer", "validator", "amount"],
        ["unstake"] = ["account", "provider", "consumer", "validator", "amount"],
        ["unbond-claims"] = ["account", "provider", "consumer"],
        ["withdraw-rewards"] = ["consumer-chain", "provider", "consumer", "validator"],
        ["claim-rewards"] = ["account", "provider", "consumer", "validator"],
        ["local-stake"] = ["chain", "account", "validator", "amount"],
        ["double-sign"] = ["chain", "validator", "submit-to"],
        ["relayer-stop"] = ["provider", "consumer"],
        ["relayer-start"] = ["provider", "consumer"],
        ["advance"] = [],
        ["send"] = ["chain", "from", "to", "amount"],
        ["execute"] = ["sender", "as", .. ContractKeys, "msg", "funds"],
        ["sudo"] = [.. ContractKeys, "msg"],
        ["slash"] = ["provider", "consumer", "validator", "fraction", "force-unbond", "infraction-at"],
        ["mint"] = ["chain", "to", "contract", "provider", "consumer", "amount"],
        ["crash-chain"] = ["chain"],
        ["inject-packet"] = ["provider", "consumer", "channel", "direction", "data", "expect-ack", "ack-error"],
        ["close-channel"] = ["provider", "consumer", "side"],
        ["reopen-channel"] = ["provider", "consumer"],
        ["set-cap"] = ["provider", "consumer", "cap"],
        ["delegate"] = ["chain", "account", "validator", "amount"],
        ["undelegate"] = ["chain", "account", "validator", "amount"],
        ["unjail"] = ["chain", "validator"],
    };

    /// <summary>Actions that submit no transaction, so they cannot fail and take no "expect-error".</summary>
    private static readonly string[] NoTransaction = ["advance", "relayer-stop", "relayer-start", "crash-chain", "reopen-channel"];

    /// <summary>Actions whose "validator" may name a validator not on the chain when the step expects an error.</summary>
    private static readonly string[] AnyValidator = ["cross-stake", "unstake", "claim-rewards", "local-stake", "delegate", "undelegate"];

    private List<ScenarioStep> ReadSteps(ObjectReader top)
    {
        var steps = new List<ScenarioStep>();
        if (!top.Has("steps")) return steps;
        var elements = top.List("steps", false, "the steps");
        if (elements is null) return steps;
        foreach (var element in elements)
        {
            var r = ctx.Object(element, "a step", "at");
            if (r is null) continue;
            var at = r.Duration("at", true);
            if (r.Has("chaos"))
            {
                r.Allow("chaos");
                if (r.Has("action"))
                {
                    ctx.Error(r.PathOf("chaos"), "a step has either an action or a chaos fault, not both");
                    continue;
                }
                if (ReadChaosStep(r, at ?? Duration.Zero, element.Path) is { } chaos && at is not null)
                    steps.Add(chaos with { Location = ctx.LocationOf(element.Path) });
                r.Finish("in a chaos step");
                continue;
            }
            r.Allow("action");
            var action = r.Text("action", true, $"an action: {string.Join(", ", StepKeys.Keys)} (or chaos = a fault)");
            if (action is null) continue;
            if (!StepKeys.TryGetValue(action, out var keys))
            {
                ctx.Error(r.PathOf("action"),
                    $"unknown action {HoconNode.Quote(action)}{Suggestions.DidYouMean(action, StepKeys.Keys)}; expected one of: {string.Join(", ", StepKeys.Keys)}");
                continue;
            }
            r.Allow(keys);
            ErrorExpectation? expectError = null;
            var submits = !NoTransaction.Contains(action);
            if (submits) r.Allow("expect-error", "expect-events");
            if (submits && r.Node("expect-error") is { } e) expectError = ReadErrorExpectation(e, fieldsAllowed: true);
            _expectingError = r.Has("expect-error");
            var expectEvents = submits ? ReadEventExpectations(r) : [];
            var step = ReadStep(r, action, at ?? Duration.Zero);
            _expectingError = false;
            r.Finish(submits ? $"in a {action} step" : $"in a {action} step (it submits no transaction, so it cannot expect an error)");
            if (submits && r.Has("expect-error") && expectError is null) continue;
            if (expectEvents.IsDefault) continue;
            if (step is not null && at is not null)
                steps.Add(step with { Location = ctx.LocationOf(element.Path), ExpectError = expectError, ExpectEvents = expectEvents });
        }
        return steps;
    }

    private ScenarioStep? ReadStep(ObjectReader r, string action, Duration at)
    {
        switch (action)
        {
            case "bond":
            case "unbond":
            {
                var chain = LockupChainRef(r);
                var account = AccountRef(r, "account", chain);
                var amount = r.Amount("amount", true, DenomOf(chain));
                if (chain is null || account is null || amount is null) return null;
                return action == "bond"
                    ? new ScenarioStep.Bond(at, chain, account, amount.Value)
                    : new ScenarioStep.Unbond(at, chain, account, amount.Value);
            }
            case "cross-stake":
            case "unstake":
            {
                var (p, c, linked) = LinkRef(r);
                var account = AccountRef(r, "account", p);
                var validator = ValidatorRef(r, "validator", c, AnyValidator.Contains(action) && _expectingError);
                var amount = r.Amount("amount", true, DenomOf(p));
                if (!linked || account is null || validator is null || amount is null) return null;
                return action == "cross-stake"
                    ? new ScenarioStep.CrossStake(at, account, p!, c!, validator, amount.Value)
                    : new ScenarioStep.Unstake(at, account, p!, c!, validator, amount.Value);
            }
            case "unbond-claims":
            {
                var (p, c, linked) = LinkRef(r);
                var account = AccountRef(r, "account", p);
                return linked && account is not null ? new ScenarioStep.UnbondClaims(at, account, p!, c!) : null;
            }
            case "withdraw-rewards":
                return ReadWithdrawRewards(r, at);
            case "claim-rewards":
            {
                var (p, c, linked) = LinkRef(r);
                var account = AccountRef(r, "account", p);
                var validator = ValidatorRef(r, "validator", c, _expectingError);
                return linked && account is not null && validator is not null
                    ? new ScenarioStep.ClaimRewards(at, account, p!, c!, validator)
                    : null;
            }
            case "local-stake":
            {
                var chain = LockupChainRef(r);
                var account = AccountRef(r, "account", chain);
                var validator = ValidatorRef(r, "validator", chain, _expectingError);
                var amount = r.Amount("amount", true, DenomOf(chain));
                return chain is null || account is null || validator is null || amount is null
                    ? null
                    : new ScenarioStep.LocalStake(at, chain, account, validator, amount.Value);
            }
            case "double-sign":
                return ReadDoubleSign(r, at);
            case "relayer-stop":
            case "relayer-start":
            {
                var (p, c, linked) = LinkRef(r);
                if (!linked) return null;
                return action == "relayer-stop" ? new ScenarioStep.RelayerStop(at, p!, c!) : new ScenarioStep.RelayerStart(at, p!, c!);
            }
            case "advance":
                return new ScenarioStep.Advance(at);
            case "crash-chain":
                return ChainRef(r, "chain") is { } crashed ? new ScenarioStep.CrashChain(at, crashed) : null;
            case "send":
            {
                var chain = ChainRef(r, "chain");
                var from = AccountRef(r, "from", chain);
                var to = AccountRef(r, "to", chain);
                var denom = DenomOf(chain);
                Coin? coin = null;
                var expected = denom == ValueParsers.AnyDenom ? "a coin like \"100uatom\" or an amount like 100" : $"a coin like \"100{denom}\" or an amount of {denom} like 100";
                if (r.Get("amount", true, expected) is { } n &&
                    ctx.Convert(n, expected, (string s, out Coin v, out string d) => TryCoinOrAmount(s, denom, out v, out d), out Coin parsed))
                    coin = parsed;
                return chain is null || from is null || to is null || coin is null ? null : new ScenarioStep.Send(at, chain, from, to, coin);
            }
            case "execute":
            case "sudo":
                return ReadContractStep(r, action, at);
            case "slash":
                return ReadSlash(r, at);
            case "mint":
                return ReadMint(r, at);
            case "inject-packet":
                return ReadInjectPacket(r, at);
            case "close-channel":
                return ReadCloseChannel(r, at);
            case "reopen-channel":
                return ReadReopenChannel(r, at);
            case "set-cap":
                return ReadSetCap(r, at);
            case "delegate":
            case "undelegate":
                return ReadNativeDelegation(r, action, at);
            case "unjail":
                return ReadUnjail(r, at);
            default:
                return null;
        }
    }

    private ScenarioStep? ReadWithdrawRewards(ObjectReader r, Duration at)
    {
        string? consumerChain;
        string? provider = null;
        if (r.Has("consumer-chain"))
        {
            if (r.Has("provider") || r.Has("consumer"))
            {
                ctx.Error(r.PathOf("consumer-chain"), "give either consumer-chain (every link into that chain) or provider and consumer (one link), not both");
                return null;
            }
            consumerChain = ChainRef(r, "consumer-chain");
            if (consumerChain is not null && !_linkOrder.Any(l => l.Consumer == consumerChain))
            {
                ctx.Error(r.PathOf("consumer-chain"), $"no link has {consumerChain} as its consumer, so it has no meta-staking rewards to withdraw");
                consumerChain = null;
            }
        }
        else if (r.Has("provider") || r.Has("consumer"))
        {
            var (p, c, linked) = LinkRef(r);
            consumerChain = linked ? c : null;
            provider = p;
        }
        else
        {
            r.Missing("consumer-chain", "a consumer chain id, or provider and consumer naming one link");
            consumerChain = null;
        }
        var validator = ValidatorRef(r, "validator", consumerChain);
        return consumerChain is null || validator is null ? null : new ScenarioStep.WithdrawRewards(at, consumerChain, provider, validator);
    }

    private static readonly Dictionary<string, EvidenceTargets> Targets = new(StringComparer.Ordinal)
    {
        ["slashers"] = EvidenceTargets.Slashers,
        ["chain"] = EvidenceTargets.Chain,
    };

    private ScenarioStep? ReadDoubleSign(ObjectReader r, Duration at)
    {
        var chain = ChainRef(r, "chain");
        var validator = ValidatorRef(r, "validator", chain);
        EvidenceTargets? targets = EvidenceTargets.Both;
        if (r.Node("submit-to") is { } node)
        {
            var items = node.Kind == HoconNodeKind.List ? node.Elements : [node];
            targets = EvidenceTargets.None;
            foreach (var item in items)
            {
                if (ctx.Choice(item, Targets, "evidence target") is { } t) targets |= t;
                else targets = null;
                if (targets is null) break;
            }
            if (targets is { } explicitTargets && explicitTargets.HasFlag(EvidenceTargets.Slashers) && chain is not null &&
                !_linkOrder.Any(l => l.Consumer == chain))
            {
                ctx.Error(node.Path, $"no link has {chain} as its consumer, so no provider's slasher can take the evidence");
                targets = null;
            }
        }
        return chain is null || validator is null || targets is null ? null : new ScenarioStep.DoubleSign(at, chain, validator, targets.Value);
    }
}
