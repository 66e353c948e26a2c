using System.Collections.Immutable;
using MeshSecurity.Core.Math;

namespace MeshSecurity.Scenarios.Model;

/// <summary>
/// A contract the scenario declares as a test fixture (the top-level "fixtures"): deployed at set-up beside the links
/// (a test lien-holder, a lockup on a chain with no link, meta-staking alone with chosen consumers), or a link's own
/// contract marked so. Steps may act as a fixture (execute with "as"), never as another contract. A closed family.
/// </summary>
public abstract record ScenarioFixture
{
    private ScenarioFixture(string name, string chain) => (Name, Chain) = (name, chain);

    /// <summary>The fixture's name in the file, unique among fixtures.</summary>
    public string Name { get; }

    /// <summary>The chain the contract lives on.</summary>
    public string Chain { get; }

    /// <summary>What it is, as the report shows it: the code deployed, or the role of the contract marked.</summary>
    public abstract string What { get; }

    public sealed override string ToString() => $"{Name} ({What} on {Chain})";

    /// <summary>
    /// Core's test lien-holder, serving the chain's lockup; <paramref name="RefuseClaims"/> makes every grant to it revert.
    /// </summary>
    public sealed record TestLienholder(string Name, string Chain, bool RefuseClaims) : ScenarioFixture(Name, Chain)
    {
        public override string What => "test-lienholder";
    }

    /// <summary>A mesh-lockup on a chain that provides to no link: bond, unbond and claims tried without a consumer.</summary>
    public sealed record Lockup(string Name, string Chain) : ScenarioFixture(Name, Chain)
    {
        public override string What => "lockup";
    }

    /// <summary>
    /// Meta-staking on a chain that is no link's consumer, whose consumers are accounts (each funded by governance with
    /// its <see cref="Consumer.Funds"/>), so a step can play a consumer contract.
    /// </summary>
    public sealed record MetaStaking(string Name, string Chain, ImmutableArray<Consumer> Consumers) : ScenarioFixture(Name, Chain)
    {
        public override string What => "meta-staking";
    }

    /// <summary>A contract the links installed (a slasher, a provider, ...), marked as a fixture so that steps may act as it.</summary>
    public sealed record Marked(string Name, ContractTarget Contract) : ScenarioFixture(Name, Contract.Chain)
    {
        public override string What => Contract.Role is { } role ? ContractTarget.RoleName(role) : "contract " + Contract.Address;
    }

    /// <summary>An account meta-staking takes as a consumer, with the staking funds governance gives it.</summary>
    public sealed record Consumer(string Account, Amount Funds);
}
