using MeshSecurity.Core.Contracts.Consumer;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Running;

public sealed partial class ScenarioRunner
{
    /// <summary>Transactions of the price oracles are named "price/&lt;link&gt;/&lt;time in seconds&gt;" (never steps).</summary>
    public const string PriceTxPrefix = "price/";

    /// <summary>
    /// A link's feed as its consumer is instantiated with: the consumer chain's governance is the oracle (production's
    /// simple price feed, "set by the owner, meant for governance").
    /// </summary>
    private ConsumerMsg.PriceFeed? PriceFeed(ScenarioLink l) => l.Price is { } p
        ? new ConsumerMsg.PriceFeed(p.Discount, p.Ttl.WholeSeconds, Core.Chain.ModuleAccounts.Gov(_scenario.Chain(l.Consumer).Prefix).Value,
            p.Remark == RemarkPolicy.EveryEpoch ? true : null)
        : null;

    /// <summary>
    /// Every feed's publications by scenario time, links in file order; a random walk is seeded by the scenario and the link.
    /// </summary>
    private Dictionary<Duration, List<(ScenarioLink Link, Dec Price)>> Publications()
    {
        var byTime = new Dictionary<Duration, List<(ScenarioLink, Dec)>>();
        foreach (var link in _scenario.Links.Where(l => l.Price is not null))
        {
            foreach (var (at, price) in link.Price!.Publications(_scenario.Duration, $"{Seed}|{link.Provider}|{link.Consumer}"))
            {
                if (!byTime.TryGetValue(at, out var list)) byTime[at] = list = [];
                list.Add((link, price));
            }
        }
        return byTime;
    }

    /// <summary>The oracles publish (before the steps of the same time): update_price on each link's consumer.</summary>
    private async Task Publish(Duration t, List<(ScenarioLink Link, Dec Price)> published)
    {
        foreach (var (link, price) in published)
        {
            var info = Link(link.Provider, link.Consumer);
            var oracle = Core.Chain.ModuleAccounts.Gov(_scenario.Chain(link.Consumer).Prefix);
            var msg = new CosmosMsg.WasmExecute(info.Consumer, new ConsumerMsg.Execute.UpdatePrice(price), Coins.Empty);
            var id = $"{PriceTxPrefix}{link.Provider}-{link.Consumer}/{t.Nanos / Duration.NanosPerSecond}";
            await _net.SubmitAsync(link.Consumer, new Tx(oracle, [msg], id));
        }
    }
}
