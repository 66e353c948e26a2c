using System.Collections.Immutable;
using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Parsing;

internal sealed partial class ScenarioBuilder
{
    private enum Deploy { TestLienholder, Lockup, MetaStaking }

    /// <summary>What a fixture may deploy, as written.</summary>
    private static readonly Dictionary<string, Deploy> FixtureDeploys = new Dictionary<string, Deploy>(StringComparer.Ordinal)
    {
        ["test-lienholder"] = Deploy.TestLienholder,
        ["lockup"] = Deploy.Lockup,
        ["meta-staking"] = Deploy.MetaStaking,
    };

    /// <summary>The keys of each deployed fixture besides "name", "deploy" and "chain".</summary>
    private static string[] DeployKeys(Deploy d) => d switch
    {
        Deploy.TestLienholder => ["refuse-claims"],
        Deploy.MetaStaking => ["consumers"],
        _ => [],
    };

    /// <summary>
    /// The top-level "fixtures": each deploys a contract at set-up ("deploy") or marks a link's contract ("contract" and its
    /// link, or "address" and "chain"), under a unique "name". Lockups and meta-staking come first at set-up, so a
    /// test lien-holder may serve a lockup fixture written after it.
    /// </summary>
    private ImmutableArray<ScenarioFixture> ReadFixtures(ObjectReader top)
    {
        if (!top.Has("fixtures") || top.List("fixtures", false, "the test fixtures") is not { } elements) return [];
        var read = new List<(ScenarioFixture Fixture, ObjectReader Reader)>();
        foreach (var element in elements)
        {
            var r = ctx.Object(element, "a fixture", "name");
            if (r is null) continue;
            var name = r.Name("name", true, "the fixture's name");
            var fixture = r.Has("deploy") ? ReadDeployed(r, name ?? "") : ReadMarked(r, name ?? "");
            r.Finish(r.Has("deploy") ? "in a fixture that deploys a contract" : "in a fixture that marks a contract");
            if (name is null || fixture is null) continue;
            if (!_fixtures.TryAdd(name, fixture))
            {
                ctx.Error(r.PathOf("name"), $"a fixture named {HoconNode.Quote(name)} is declared already");
                continue;
            }
            read.Add((fixture, r));
        }
        // a lien-holder serves its chain's lockup, which a lockup fixture anywhere in the list may provide
        var unserved = read.Where(x => x.Fixture is ScenarioFixture.TestLienholder && !_lockupChains.Contains(x.Fixture.Chain));
        foreach (var (fixture, r) in unserved)
        {
            ctx.Error(r.PathOf("chain"), $"a test lien-holder serves its chain's lockup, and {fixture.Chain} has none: " +
                                         "no link has it as its provider and no fixture deploys one (deploy = lockup)");
            _fixtures.Remove(fixture.Name);
        }
        return [.. read.Select(x => x.Fixture).Where(f => _fixtures.ContainsKey(f.Name))];
    }

    private ScenarioFixture? ReadDeployed(ObjectReader r, string name)
    {
        r.Allow("deploy", "chain");
        if (r.Choice("deploy", true, FixtureDeploys, "contract to deploy") is not { } deploy)
        {
            // the deploy's own error is enough: its keys are not reported as unknown too
            r.Allow("refuse-claims", "consumers");
            return null;
        }
        r.Allow(DeployKeys(deploy));
        var chain = ChainRef(r, "chain");
        if (chain is null) return null;
        switch (deploy)
        {
            case Deploy.TestLienholder:
            {
                var refuse = r.Has("refuse-claims") ? r.Choice("refuse-claims", false, Booleans, "refuse-claims value") : false;
                return refuse is { } b ? new ScenarioFixture.TestLienholder(name, chain, b) : null;
            }
            case Deploy.Lockup:
                if (_linkOrder.Any(l => l.Provider == chain))
                {
                    ctx.Error(r.PathOf("chain"), $"{chain} provides to a link, so it has a lockup already: name it with contract = lockup");
                    return null;
                }
                if (!_lockupChains.Add(chain))
                {
                    ctx.Error(r.PathOf("chain"), $"{chain} has a lockup fixture already: a chain has one lockup");
                    return null;
                }
                return new ScenarioFixture.Lockup(name, chain);
            default:
                if (_linkOrder.Any(l => l.Consumer == chain))
                {
                    ctx.Error(r.PathOf("chain"), $"{chain} is the consumer of a link, so it has a meta-staking contract already: " +
                                                 "name it with contract = meta-staking");
                    return null;
                }
                if (!_metaStakingFixtureChains.Add(chain))
                {
                    ctx.Error(r.PathOf("chain"), $"{chain} has a meta-staking fixture already: a chain has one meta-staking contract");
                    return null;
                }
                var consumers = ReadFixtureConsumers(r, chain);
                return consumers.IsDefault ? null : new ScenarioFixture.MetaStaking(name, chain, consumers);
        }
    }

    /// <summary>"consumers": accounts of the chain, each with the funds governance gives meta-staking for it (default none).</summary>
    private ImmutableArray<ScenarioFixture.Consumer> ReadFixtureConsumers(ObjectReader r, string chain)
    {
        if (!r.Has("consumers")) return [];
        if (r.List("consumers", false, "the consumers meta-staking takes") is not { } elements) return default;
        var consumers = new List<ScenarioFixture.Consumer>();
        var ok = true;
        foreach (var element in elements)
        {
            var c = ctx.Object(element, "a consumer", "account", "funds");
            if (c is null)
            {
                ok = false;
                continue;
            }
            var account = AccountRef(c, "account", chain);
            var funds = c.Has("funds") ? c.Amount("funds", false, DenomOf(chain)) : Core.Math.Amount.Zero;
            c.Finish("in a consumer");
            if (account is not null && consumers.Any(x => x.Account == account))
            {
                ctx.Error(c.PathOf("account"), $"{account} is a consumer already");
                account = null;
            }
            if (account is null || funds is null) ok = false;
            else consumers.Add(new ScenarioFixture.Consumer(account, funds.Value));
        }
        return ok ? [.. consumers] : default;
    }

    /// <summary>A contract the links install (or any, by address), marked as a fixture: named as "Naming a contract" says.</summary>
    private ScenarioFixture? ReadMarked(ObjectReader r, string name)
    {
        r.Allow(ContractKeys.Where(k => k != "fixture").ToArray());
        if (!r.Has("contract") && !r.Has("address"))
        {
            r.Missing("deploy", $"the contract to deploy ({string.Join(", ", FixtureDeploys.Keys)}), or contract (a role) and its " +
                                "link to mark a contract the links install");
            return null;
        }
        return ReadContractTarget(r) is { } target ? new ScenarioFixture.Marked(name, target) : null;
    }

    /// <summary>A fixture named by <paramref name="key"/> (reported when unknown, with the fixtures there are).</summary>
    private ScenarioFixture? FixtureRef(ObjectReader r, string key)
    {
        if (r.Get(key, true, "a fixture's name") is not { } node || ctx.Text(node, "a fixture's name") is not { } name) return null;
        if (_fixtures.TryGetValue(name, out var fixture)) return fixture;
        var hint = Suggestions.Closest(name, _fixtures.Keys) is { } s
            ? $" (did you mean \"{s}\"?)"
            : $"; the fixtures are: {ListOf(_fixtures.Keys, "(none: declare it in fixtures)")}";
        ctx.Error(node.Path, $"unknown fixture {HoconNode.Quote(name)}{hint}; only a contract the scenario declares as a test fixture " +
                             "may be named so or acted as");
        return null;
    }
}
