using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Contracts.MetaStaking;
using MeshSecurity.Core.Contracts.TestLienholder;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Running;

public sealed partial class ScenarioRunner
{
    /// <summary>Each fixture's contract address, by the fixture's name.</summary>
    private readonly Dictionary<string, Addr> _fixtures = new(StringComparer.Ordinal);

    /// <summary>The lockup and meta-staking fixtures' addresses, by chain (chains with no link of that side).</summary>
    private readonly Dictionary<string, Addr> _fixtureLockups = new(StringComparer.Ordinal);

    private readonly Dictionary<string, Addr> _fixtureMetaStakings = new(StringComparer.Ordinal);

    /// <summary>
    /// Deploys the scenario's fixtures once the links are up, through the chains' own transactions: lockups and meta-staking
    /// first (a lien-holder serves its chain's lockup), then the test lien-holders, then the marked contracts' addresses.
    /// </summary>
    private async Task DeployFixtures()
    {
        foreach (var f in _scenario.Fixtures.OrderBy(DeployOrder))
        {
            _fixtures[f.Name] = f switch
            {
                ScenarioFixture.Lockup l => _fixtureLockups[l.Chain] =
                    await _net.LockupAsync(l.Chain, collateral: _scenario.Chain(l.Chain).Collateral),
                ScenarioFixture.MetaStaking m => _fixtureMetaStakings[m.Chain] = await MetaStakingFixture(m),
                ScenarioFixture.TestLienholder t => await LienholderFixture(t),
                ScenarioFixture.Marked k => ContractAddress(k.Contract),
                _ => throw new InvalidOperationException($"unknown fixture {f}"),
            };
        }
    }

    private static int DeployOrder(ScenarioFixture f) => f switch
    {
        ScenarioFixture.Lockup or ScenarioFixture.MetaStaking => 0,
        ScenarioFixture.TestLienholder => 1,
        _ => 2,
    };

    /// <summary>Meta-staking alone, governance funding it for each chosen consumer and adding it, as a link's set-up does.</summary>
    private async Task<Addr> MetaStakingFixture(ScenarioFixture.MetaStaking m)
    {
        var meta = await _net.MetaStakingAsync(m.Chain);
        var denom = _scenario.Chain(m.Chain).Denom;
        foreach (var c in m.Consumers)
        {
            var consumer = Account(m.Chain, c.Account).Value;
            var add = new CosmosMsg.WasmSudo(meta, new MetaStakingMsg.Sudo.AddConsumer(consumer, new Coin(denom, c.Funds)));
            CosmosMsg[] msgs = c.Funds.IsZero ? [add] : [new CosmosMsg.BankSend(meta, Coins.Of(denom, c.Funds)), add];
            await _net.MustExecuteAsync(m.Chain, _net.Gov(m.Chain), msgs);
        }
        return meta;
    }

    /// <summary>Core's test lien-holder, instantiated by the chain's deployer for the chain's lockup.</summary>
    private async Task<Addr> LienholderFixture(ScenarioFixture.TestLienholder t)
    {
        var instantiate = new CosmosMsg.WasmInstantiate(TestLienholderContract.Code,
            new TestLienholderMsg.Instantiate(Lockup(t.Chain).Value, t.RefuseClaims), Coins.Empty, $"fixture {t.Name}", null);
        var result = await _net.MustExecuteAsync(t.Chain, _net.Deployer(t.Chain), instantiate);
        return ((InstantiateResult)result.MsgData[0]!).ContractAddress;
    }

    /// <summary>What governance needs at genesis for the meta-staking fixtures on <paramref name="chain"/>.</summary>
    private Amount FixtureFunds(string chain) =>
        _scenario.Fixtures.OfType<ScenarioFixture.MetaStaking>().Where(m => m.Chain == chain)
            .SelectMany(m => m.Consumers).Aggregate(Amount.Zero, (sum, c) => sum + c.Funds);

    /// <summary>The meta-staking of a chain: its links' (every link into it shares one), or its fixture's.</summary>
    private Addr MetaStaking(string chain) =>
        _links.Values.FirstOrDefault(l => l.ConsumerChain == chain)?.MetaStaking
        ?? (_fixtureMetaStakings.TryGetValue(chain, out var meta) ? meta
            : throw new InvalidOperationException($"{chain} is no link's consumer and has no meta-staking fixture"));

    /// <summary>The report's name of the fixture a step acts as: "holder (test-lienholder on osmosis)"; null for other steps.</summary>
    private string? ActsAs(ScenarioStep step) =>
        step is ScenarioStep.Execute { AsFixture: true } e ? _scenario.Fixture(e.Sender)?.ToString() : null;
}
