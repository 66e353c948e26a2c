using MeshSecurity.Core.Bank;
using MeshSecurity.Core.Ibc;
using System.Text.Json.Serialization;
using MeshSecurity.Core.Staking;
using MeshSecurity.Core.State;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Chain;

/// <summary>
/// The whole state of one chain's modules at a point in a block. Being moved to mutable stores with an undo log
/// (docs/decisions/0014-mutable-stores-with-an-undo-log.md): the bank, the delegations, the unbonding queue, and IBC's
/// commitments, receipts and acknowledgements are such stores, written in place, with <see cref="Undo"/> taking
/// savepoints and rolling back; the rest is still immutable, so a savepoint also keeps the record and a rollback
/// restores it. Contract states live with their hosts.
/// <para>
/// Contract: the stores are read and written in the chain's turn only; a reader elsewhere takes
/// <see cref="CommittedCopy"/>.
/// </para>
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

    /// <summary>The chain's undo log; its stores are bound to it when the state is made (genesis, a snapshot).</summary>
    [JsonIgnore]
    public UndoLog Undo { get; private init; } = Bind(Bank, Staking, Ibc);

    /// <summary>
    /// A copy of the state as the chain last committed it, in no chain: the immutable parts are this record's (take it
    /// from the committed state), the stores are copied with the writes of the block in progress undone.
    /// </summary>
    public ChainState CommittedCopy()
    {
        var (bank, staking, ibc) = (Bank.CommittedCopy(), Staking.CommittedCopy(), Ibc.CommittedCopy());
        return this with { Bank = bank, Staking = staking, Ibc = ibc, Undo = Bind(bank, staking, ibc) };
    }

    private static UndoLog Bind(BankState bank, StakingState staking, IbcState ibc)
    {
        var log = new UndoLog();
        bank.BindTo(log);
        staking.BindTo(log);
        ibc.BindTo(log);
        return log;
    }

    public string ChainId => Config.ChainId;
    public string Prefix => Config.AddressPrefix;
}
