using System.Collections.Immutable;
using MeshSecurity.Core.Chain;
using MeshSecurity.Emulator.Protocol;

namespace MeshSecurity.Emulator.Chains;

/// <summary>
/// Everything a chain needs to start: its config, genesis accounts and validators, the seed its validator keys
/// derive from, and the jitter of its block times (a fraction of the block time; 0 for a fixed rhythm).
/// </summary>
public sealed record ChainDefinition(
    ChainConfig Config,
    ImmutableArray<GenesisAccount> Accounts,
    ImmutableArray<GenesisValidator> Validators,
    string KeySeed = "",
    double BlockTimeJitter = 0) : IMeshProtocolMember
{
    public string ChainId => Config.ChainId;
}
