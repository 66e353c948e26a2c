using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Running;

public sealed partial class ScenarioRunner
{
    /// <summary>`action = mint`: governance of the chain mints the coins to the account or contract the step names.</summary>
    private (Addr Signer, CosmosMsg Msg) MintMessage(ScenarioStep.Mint s)
    {
        var to = s.Account is { } account ? Account(s.Chain, account) : s.Contract switch
        {
            "lockup" => Lockup(s.Chain),
            "meta-staking" => MetaStaking(s.Chain),
            "provider" => Link(s.Provider!, s.Consumer!).Provider,
            "slasher" => Link(s.Provider!, s.Consumer!).Slasher,
            "consumer" => Link(s.Provider!, s.Consumer!).Consumer,
            var other => throw new InvalidOperationException($"unknown mint target {other}"),
        };
        return (ModuleAccounts.Gov(_scenario.Chain(s.Chain).Prefix), new CosmosMsg.GovMint(to, s.Amount));
    }
}
