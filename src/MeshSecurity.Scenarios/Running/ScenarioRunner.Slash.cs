using MeshSecurity.Core.Contracts.Slasher;
using MeshSecurity.Core.Mesh;
using MeshSecurity.Core.Wasm;
using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Running;

public sealed partial class ScenarioRunner
{
    /// <summary>
    /// `action = slash`: the slasher's owner (the deployer of the provider chain's contracts) has the link's mesh-slasher
    /// send the provider its slash, as the slasher does for evidence but with the step's fraction and force-unbond.
    /// </summary>
    private (Core.Types.Addr Signer, CosmosMsg Msg) SlashMessage(ScenarioStep.Slash s)
    {
        var link = Link(s.Provider, s.Consumer);
        var msg = new SlasherMsg.Execute.Slash(Validator(s.Consumer, s.Validator), s.Fraction, s.ForceUnbond, At(s.InfractionAt));
        var owner = MeshContracts.Deployer(_scenario.Chain(s.Provider).Prefix);
        return (owner, new CosmosMsg.WasmExecute(link.Slasher, msg, Core.Types.Coins.Empty));
    }
}
