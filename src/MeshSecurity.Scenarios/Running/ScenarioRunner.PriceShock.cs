using MeshSecurity.Core.Math;
using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Running;

/// <summary>
/// econ.price-shock: while it holds, a link's oracle publishes its path's price × the fault's factor (the latest shock
/// in force on the link holds); when it starts or ends, the oracle publishes at once, unless its feed is in an outage,
/// so the shock takes effect when it says (the next slot does, after an outage).
/// </summary>
public sealed partial class ScenarioRunner
{
    /// <summary>The factor each priced link's oracle last published with (absent: 1).</summary>
    private readonly Dictionary<(string, string), Dec> _shockPublished = [];

    /// <summary>Shock publications per link at the last second one was published, so two in one second get distinct tx ids.</summary>
    private readonly Dictionary<(string, string), (ulong Second, int Count)> _shocksInSecond = [];

    private Dec ShockFactor(ScenarioLink link) => _chaos.Values.OfType<ChaosSpec.EconPriceShock>()
        .LastOrDefault(s => (s.Provider, s.Consumer) == (link.Provider, link.Consumer))?.Factor ?? Dec.One;

    /// <summary>Each priced link whose shock factor changed publishes the path's price of now × the new factor.</summary>
    private async Task ReconcilePrices()
    {
        foreach (var link in _scenario.Links.Where(l => l.Price is not null))
        {
            var factor = ShockFactor(link);
            if (_shockPublished.GetValueOrDefault((link.Provider, link.Consumer), Dec.One) == factor) continue;
            _shockPublished[(link.Provider, link.Consumer)] = factor;
            var feed = link.Price!;
            if (feed.Outages.Any(o => _reached >= o.From && _reached < o.To)) continue;
            var (_, price) = feed.Path.Slots(feed.Every, _reached, $"{Seed}|{link.Provider}|{link.Consumer}").Last();
            // Publish scales the path's price by the factor now in force; a slot of the same second publishes too
            await Publish(_reached, [(link, price)], ShockSuffix(link));
        }
    }

    /// <summary>"/shock" for a link's first shock publication in a second, "/shock-2", "/shock-3"... for the next ones
    /// (a step and a live `meshsec chaos` shock, or a shock and its heal, can fall in one second).</summary>
    private string ShockSuffix(ScenarioLink link)
    {
        var key = (link.Provider, link.Consumer);
        var second = _reached.WholeSeconds;
        var count = _shocksInSecond.TryGetValue(key, out var last) && last.Second == second ? last.Count + 1 : 1;
        _shocksInSecond[key] = (second, count);
        return count == 1 ? "/shock" : $"/shock-{count}";
    }
}
