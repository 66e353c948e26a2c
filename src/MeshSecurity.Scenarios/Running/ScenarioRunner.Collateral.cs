using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Math;
using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Running;

/// <summary>The readings of a lockup's liens (docs/scenarios.md "Collateral"), from its liens query.</summary>
public sealed partial class ScenarioRunner
{
    private async Task<(string Target, Amount Value)> ReadLiens(Expectation e)
    {
        var (chain, account) = e switch
        {
            Expectation.Slashable x => (x.Chain, x.Account),
            Expectation.MaxLien x => (x.Chain, x.Account),
            Expectation.LocalLien x => (x.Chain, x.Account),
            Expectation.Lien x => (x.Provider, x.Account),
            _ => throw new InvalidOperationException($"unknown expectation {e.What}"),
        };
        var lockup = Lockup(chain);
        var liens = await _net.QueryAsync<LockupMsg.LiensResponse>(chain, lockup, new LockupMsg.Query.Liens(Account(chain, account).Value));
        ValueRange Of(Core.Types.Addr holder) => liens.Liens.FirstOrDefault(l => l.Lienholder == holder)?.Amount ?? ValueRange.Zero;
        return e switch
        {
            Expectation.Slashable => ($"{chain} slashable of {account}", liens.Slashable.High),
            Expectation.MaxLien => ($"{chain} largest lien of {account}", liens.MaxLien.High),
            Expectation.LocalLien => ($"{chain} local lien of {account}", Of(lockup).High),
            Expectation.Lien x => ($"{x.Provider}->{x.Consumer} lien {(x.High ? "high" : "low")} on {account}",
                x.High ? Of(Link(x.Provider, x.Consumer).Provider).High : Of(Link(x.Provider, x.Consumer).Provider).Low),
            _ => throw new InvalidOperationException($"unknown expectation {e.What}"),
        };
    }
}
