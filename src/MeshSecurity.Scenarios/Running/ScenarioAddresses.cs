using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Types;
using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Running;

/// <summary>The addresses a scenario's names stand for: accounts and validators derive from their names and chain prefix.</summary>
public static class ScenarioAddresses
{
    public static Addr Account(ScenarioChain chain, string name) => Addr.Derive(chain.Prefix, "account/" + name);

    public static Addr Validator(ScenarioChain chain, string name) => ChainGenesis.ValidatorAddress(chain.Prefix, name);

    /// <summary>The account that submits double-sign evidence it watched (anyone may).</summary>
    public static Addr Watcher(ScenarioChain chain) => Addr.Derive(chain.Prefix, "watcher");

    /// <summary>The account that delivers the packets a scenario injects, as a relayer would (anyone may relay).</summary>
    public static Addr Injector(ScenarioChain chain) => Addr.Derive(chain.Prefix, "injector");

    /// <summary>The account that triggers meta-staking's reward withdrawals (anyone may).</summary>
    public static Addr Keeper(ScenarioChain chain) => Addr.Derive(chain.Prefix, "keeper");
}
