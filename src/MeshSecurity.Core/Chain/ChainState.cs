using MeshSecurity.Core.Bank;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Staking;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Chain;

/// <summary>
/// The whole state of one chain's modules at a point in a block: immutable, so keeping a reference is a savepoint
/// and restoring it is a rollback (the SDK's cached multistore, for free). Contract states live with their hosts.
/// </summary>
public sealed record ChainState(
    ChainConfig Config,
    ulong Height,
    Timestamp Time,
    BankState Bank,
    StakingState Staking,
    IbcState Ibc,
    WasmState Wasm)
{
    public static ChainState Genesis(ChainConfig config) =>
        new(config, 0, config.GenesisTime, BankState.Empty, StakingState.Empty, IbcState.Empty, WasmState.Empty);

    public string ChainId => Config.ChainId;
    public string Prefix => Config.AddressPrefix;
}
