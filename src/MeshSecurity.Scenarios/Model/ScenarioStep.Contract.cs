using MeshSecurity.Core.Types;

namespace MeshSecurity.Scenarios.Model;

public abstract partial record ScenarioStep
{
    /// <summary>
    /// Any message, as JSON, sent to a contract by an account of the contract's chain with <paramref name="Funds"/>.
    /// <paramref name="Msg"/> may hold references ("@alice", "@provider", ...) the runner resolves to addresses.
    /// </summary>
    public sealed record Execute(Duration At, string Sender, ContractTarget Contract, string Msg, Coins Funds) : ScenarioStep(At)
    {
        public override string Action => "execute";
    }

    /// <summary>The chain's governance calls the contract's sudo entry point with a JSON message.</summary>
    public sealed record Sudo(Duration At, ContractTarget Contract, string Msg) : ScenarioStep(At)
    {
        public override string Action => "sudo";
    }
}
