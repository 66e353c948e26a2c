using MeshSecurity.Core.Types;

namespace MeshSecurity.Scenarios.Model;

public abstract partial record ScenarioStep
{
    /// <summary>
    /// Any message, as JSON, sent to a contract by an account of the contract's chain with <paramref name="Funds"/>.
    /// <paramref name="Msg"/> may hold references ("@alice", "@provider", ...) the runner resolves to addresses.
    /// With <see cref="AsFixture"/>, <paramref name="Sender"/> is a test fixture's name and the fixture contract sends it.
    /// </summary>
    public sealed record Execute(Duration At, string Sender, ContractTarget Contract, string Msg, Coins Funds) : ScenarioStep(At)
    {
        public override string Action => "execute";

        /// <summary>Whether the step acts as the fixture <see cref="Sender"/> (its "as") rather than an account's (its "sender").</summary>
        public bool AsFixture { get; init; }
    }

    /// <summary>The chain's governance calls the contract's sudo entry point with a JSON message.</summary>
    public sealed record Sudo(Duration At, ContractTarget Contract, string Msg) : ScenarioStep(At)
    {
        public override string Action => "sudo";
    }
}
